import { useCallback, useEffect, useState } from 'react';
import { trpc } from '../../lib/trpc';
import {
  browserPushEnvironment,
  currentPushSubscription,
  type PushSupport,
  pushSupport,
  subscribeThisBrowser,
  unsubscribeThisBrowser,
} from './push';

export type PushPermission = NotificationPermission | 'unknown';

/**
 * Browser push for this browser: whether it can, whether it is on, and switches for both.
 * The server keeps one subscription per browser; the per-type push column decides what is sent.
 */
export function usePushOptIn() {
  const [support] = useState<PushSupport>(() => pushSupport(browserPushEnvironment()));
  const [permission, setPermission] = useState<PushPermission>(() =>
    support === 'supported' ? Notification.permission : 'unknown',
  );
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const [checking, setChecking] = useState(support === 'supported');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const utils = trpc.useUtils();
  const subscribe = trpc.notifications.push.subscribe.useMutation();
  const unsubscribe = trpc.notifications.push.unsubscribe.useMutation();

  useEffect(() => {
    if (support !== 'supported') return;
    let cancelled = false;
    currentPushSubscription()
      .then((subscription) => {
        if (!cancelled) setEndpoint(subscription?.endpoint ?? null);
      })
      .catch(() => undefined)
      .finally(() => {
        if (!cancelled) setChecking(false);
      });
    return () => {
      cancelled = true;
    };
  }, [support]);

  const enable = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      const { publicKey } = await utils.notifications.push.publicKey.fetch();
      let json: PushSubscriptionJSON;
      try {
        json = await subscribeThisBrowser(publicKey);
      } finally {
        setPermission(Notification.permission);
      }
      if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth)
        throw new Error('The browser returned an incomplete push subscription.');
      try {
        await subscribe.mutateAsync({
          endpoint: json.endpoint,
          expirationTime: json.expirationTime ?? null,
          keys: { p256dh: json.keys.p256dh, auth: json.keys.auth },
        });
      } catch (failure) {
        // The server would never use it: do not leave the browser subscribed.
        await unsubscribeThisBrowser().catch(() => undefined);
        throw failure;
      }
      setEndpoint(json.endpoint);
      void utils.notifications.preferences.get.invalidate();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }, [subscribe, utils]);

  const disable = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      const gone = await unsubscribeThisBrowser();
      if (gone) await unsubscribe.mutateAsync({ endpoint: gone });
      setEndpoint(null);
      void utils.notifications.preferences.get.invalidate();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }, [unsubscribe, utils]);

  return {
    support,
    permission,
    subscribed: endpoint !== null,
    checking,
    busy,
    error,
    enable,
    disable,
  };
}
