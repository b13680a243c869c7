import { useRouter } from '@tanstack/react-router';
import { useToast } from '@tessera/ui/toast';
import { useRef } from 'react';
import { useSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { internalLink } from './format';
import { isEcho } from '../../lib/own-echoes';

/** More than this many within `burstMs` (a reconnect replaying what was missed) become one toast. */
const burstLimit = 3;
const burstMs = 2_000;

/**
 * New notifications as they happen, while signed in: the bell and lists refetch and a toast says
 * what arrived, with a link to it. A reconnecting socket resumes from the last id it saw, so a
 * short outage loses nothing; a burst of missed ones is summed up in one toast. A notification that
 * echoes what this tab just did (`lib/own-echoes.ts`) is not toasted again.
 */
export function useNotificationStream() {
  const { user } = useSession();
  const utils = trpc.useUtils();
  const { toast } = useToast();
  const router = useRouter();
  const recent = useRef<number[]>([]);
  const summaryShown = useRef(0);

  trpc.notifications.onNotification.useSubscription(undefined, {
    enabled: user !== null,
    onData: ({ data: notification }) => {
      void utils.notifications.invalidate();
      // The screen that made the change already said so (one action, one toast).
      if (isEcho(notification)) return;
      const now = Date.now();
      recent.current = [...recent.current.filter((at) => now - at < burstMs), now];
      if (recent.current.length > burstLimit) {
        if (now - summaryShown.current > burstMs) {
          summaryShown.current = now;
          toast({
            title: 'New notifications',
            description: (
              <ToastLink
                href="/notifications"
                label="Open the notification center"
                navigate={(href) => router.history.push(href)}
              />
            ),
          });
        }
        return;
      }
      const link = internalLink(notification.link);
      toast({
        title: notification.title,
        description: (
          <>
            {notification.body ? <span className="block">{notification.body}</span> : null}
            {link ? (
              <ToastLink href={link} label="Open" navigate={(href) => router.history.push(href)} />
            ) : null}
          </>
        ),
      });
    },
  });
}

/** Toasts render outside the router's tree, so the link navigates through a captured function. */
function ToastLink({
  href,
  label,
  navigate,
}: {
  href: string;
  label: string;
  navigate: (href: string) => void;
}) {
  return (
    <a
      href={href}
      className="mt-1 inline-block font-medium text-primary underline-offset-4 hover:underline focus-visible:underline"
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
          return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {label}
    </a>
  );
}
