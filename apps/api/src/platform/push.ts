import type { Agent } from 'node:https';
import { type Database, schema } from '@tessera/db';
import { inArray } from 'drizzle-orm';
import webpush, { WebPushError } from 'web-push';

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) through the `web-push` package. The keys come from
 * VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY; without them the first start generates a pair and keeps it
 * in `app_metadata`, so browsers' subscriptions survive restarts of the embedded default.
 */

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export type PushOutcome = { ok: true } | { ok: false; gone: boolean; status: number | null; error: string };

export interface PushSender {
  readonly publicKey: string;
  /** Whether the server may POST to this endpoint (https; known push services in production). */
  allowsEndpoint(endpoint: string): boolean;
  send(target: PushTarget, payload: object): Promise<PushOutcome>;
  /** The TLS agent requests go through; tests point it at a loopback push service's certificate. */
  httpsAgent: Agent | undefined;
}

/**
 * The push services browsers use. A subscription's endpoint is a URL the server will POST to, so in
 * production only these hosts are accepted (anything else would let a user aim the server at an
 * internal address).
 */
const knownPushServices = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  'push.services.mozilla.com',
  'web.push.apple.com',
  'notify.windows.com',
  'push.apple.com',
];

const publicKeyName = 'web_push_vapid_public_key';
const privateKeyName = 'web_push_vapid_private_key';

/** The configured keys, or the stored pair (generated once, race-safe across replicas). */
export async function loadVapidKeys(db: Database, configured: { publicKey?: string; privateKey?: string }) {
  if (configured.publicKey && configured.privateKey) return { publicKey: configured.publicKey, privateKey: configured.privateKey };
  const generated = webpush.generateVAPIDKeys();
  await db
    .insert(schema.appMetadata)
    .values([
      { key: publicKeyName, value: generated.publicKey },
      { key: privateKeyName, value: generated.privateKey },
    ])
    .onConflictDoNothing();
  const rows = await db
    .select({ key: schema.appMetadata.key, value: schema.appMetadata.value })
    .from(schema.appMetadata)
    .where(inArray(schema.appMetadata.key, [publicKeyName, privateKeyName]));
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  return { publicKey: stored.get(publicKeyName)!, privateKey: stored.get(privateKeyName)! };
}

export function createPushSender(options: {
  publicKey: string;
  privateKey: string;
  subject: string;
  /** Outside production any https endpoint is accepted (local push services in tests). */
  restrictToKnownServices: boolean;
  timeoutMs?: number;
}): PushSender {
  const sender: PushSender = {
    publicKey: options.publicKey,
    httpsAgent: undefined,
    allowsEndpoint(endpoint) {
      let url: URL;
      try {
        url = new URL(endpoint);
      } catch {
        return false;
      }
      if (url.protocol !== 'https:' || url.username || url.password) return false;
      if (!options.restrictToKnownServices) return true;
      return knownPushServices.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
    },
    async send(target, payload) {
      if (!sender.allowsEndpoint(target.endpoint)) return { ok: false, gone: true, status: null, error: 'endpoint not allowed' };
      try {
        await webpush.sendNotification(
          { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
          JSON.stringify(payload),
          {
            vapidDetails: { subject: options.subject, publicKey: options.publicKey, privateKey: options.privateKey },
            TTL: 24 * 60 * 60,
            timeout: options.timeoutMs ?? 10_000,
            ...(sender.httpsAgent ? { agent: sender.httpsAgent } : {}),
          },
        );
        return { ok: true };
      } catch (error) {
        if (error instanceof WebPushError) {
          // 404/410: the browser dropped the subscription; it will never work again.
          return { ok: false, gone: error.statusCode === 404 || error.statusCode === 410, status: error.statusCode, error: error.message };
        }
        return { ok: false, gone: false, status: null, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
  return sender;
}
