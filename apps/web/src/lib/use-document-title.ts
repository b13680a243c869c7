import { useEffect } from 'react';

/** Sets the tab title to "<page> · Tessera" while the page is shown. */
export function useDocumentTitle(page: string | null): void {
  useEffect(() => {
    document.title = page ? `${page} · Tessera` : 'Tessera';
  }, [page]);
}
