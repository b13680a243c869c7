import { useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';

/** Replaces the current history entry with `href` (a full same-site path with its query). */
export function GoTo({ href }: { href: string }) {
  const router = useRouter();
  useEffect(() => {
    router.history.replace(href);
  }, [router, href]);
  return null;
}
