/** Browser side of Web Push: feature detection, permission, the service worker and the subscription. */

export const pushWorkerUrl = '/push-sw.js';

/**
 * - `supported`: can subscribe;
 * - `insecure`: push needs HTTPS (or localhost);
 * - `unsupported`: this browser has no Push API (older Safari, some in-app browsers, private modes).
 */
export type PushSupport = 'supported' | 'insecure' | 'unsupported';

export interface PushEnvironment {
  isSecureContext: boolean;
  hasServiceWorker: boolean;
  hasPushManager: boolean;
  hasNotification: boolean;
}

export function browserPushEnvironment(): PushEnvironment {
  return {
    isSecureContext: window.isSecureContext,
    hasServiceWorker: 'serviceWorker' in navigator,
    hasPushManager: 'PushManager' in window,
    hasNotification: 'Notification' in window,
  };
}

export function pushSupport(env: PushEnvironment): PushSupport {
  if (!env.isSecureContext) return 'insecure';
  if (!env.hasServiceWorker || !env.hasPushManager || !env.hasNotification) return 'unsupported';
  return 'supported';
}

/** The VAPID key as `applicationServerKey` wants it (base64url → bytes). */
export function base64UrlToBytes(base64Url: string): Uint8Array<ArrayBuffer> {
  const padded = base64Url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64Url.length / 4) * 4, '=');
  const binary = atob(padded);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export class PushPermissionDenied extends Error {
  constructor() {
    super(
      'Notifications are blocked for this site. Allow them in the browser’s site settings, then try again.',
    );
    this.name = 'PushPermissionDenied';
  }
}

/** This browser's current subscription, if the worker is registered and subscribed. */
export async function currentPushSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration(pushWorkerUrl);
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** Ask for permission, register the worker and subscribe with the server's VAPID key. */
export async function subscribeThisBrowser(publicKey: string): Promise<PushSubscriptionJSON> {
  const permission =
    Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') throw new PushPermissionDenied();
  await navigator.serviceWorker.register(pushWorkerUrl, { scope: '/' });
  const registration = await navigator.serviceWorker.ready;
  const existing = await registration.pushManager.getSubscription();
  const key = base64UrlToBytes(publicKey);
  // A subscription made with another server key cannot be reused: replace it.
  if (existing && !sameKey(existing.options.applicationServerKey, key))
    await existing.unsubscribe();
  const subscription =
    (existing && sameKey(existing.options.applicationServerKey, key) ? existing : null) ??
    (await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: key,
    }));
  return subscription.toJSON();
}

function sameKey(current: ArrayBuffer | null, wanted: Uint8Array): boolean {
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === wanted.length && bytes.every((byte, index) => byte === wanted[index]);
}

/** Unsubscribe this browser; returns the endpoint it had, to tell the server. */
export async function unsubscribeThisBrowser(): Promise<string | null> {
  const subscription = await currentPushSubscription();
  if (!subscription) return null;
  await subscription.unsubscribe();
  return subscription.endpoint;
}
