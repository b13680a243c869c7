import { execFileSync } from 'node:child_process';
import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '@tessera/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptClient, startTestApp, type TestApp } from './harness';
import { signedInUser, waitFor } from './realtime-helpers';

/**
 * A push service on loopback HTTPS (web-push only speaks https): it records what it receives,
 * answers 201 — or 410 for a subscription the "browser" dropped. The test plays the browser: it
 * owns the subscription's P-256 key and auth secret, so it can check the VAPID signature and
 * decrypt the payload exactly as a push service and a browser would.
 */

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const b64url = (buffer: Buffer) => buffer.toString('base64url');
const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** The browser's side of RFC 8291 (Web Push encryption, aes128gcm content coding of RFC 8188). */
function decryptPush(body: Buffer, receiverPrivate: ReturnType<typeof createECDH>, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const receiverPublic = receiverPrivate.getPublicKey();
  const shared = receiverPrivate.computeSecret(senderPublic);
  const prkKey = hmac(authSecret, shared);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiverPublic, senderPublic, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'binary')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'binary')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  const end = padded.lastIndexOf(2);
  return padded.subarray(0, end).toString('utf8');
}

/** What a push service does with the Authorization header: check the VAPID JWT (RFC 8292). */
function verifyVapid(header: string, expectedAudience: string, publicKeyB64: string) {
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(header);
  if (!match) throw new Error(`not a VAPID header: ${header}`);
  const [, jwt, k] = match as unknown as [string, string, string];
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const point = Buffer.from(publicKeyB64, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) }, format: 'jwk' });
  const valid = verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { aud: string; exp: number; sub: string };
  const headerJson = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg: string };
  return { valid, k, claims, alg: headerJson.alg, audienceOk: claims.aud === expectedAudience };
}

let app: TestApp;
let server: Server;
let origin: string;
const received: Received[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-push-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const cert = readFileSync(join(dir, 'cert.pem'));
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(request.url?.startsWith('/gone') ? 410 : 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  app = await startTestApp({ env: { QUEUE_POLL_SECONDS: '0.5' } });
  // Trust the loopback push service's self-signed certificate, as a real one is trusted by its CA.
  app.deps.push.httpsAgent = new Agent({ ca: cert });
});
afterAll(async () => {
  await app?.close();
  server?.close();
});

describe('Web Push', () => {
  it('encrypts the notification to the browser and signs the request with the VAPID key', async () => {
    const lea = await signedInUser(app, 'lea@example.com');
    const browserKey = createECDH('prime256v1');
    browserKey.generateKeys();
    const authSecret = randomBytes(16);
    const client = scriptClient(app, lea.token);
    const { publicKey } = await client.notifications.push.publicKey.query();
    await client.notifications.push.subscribe.mutate({
      endpoint: `${origin}/push/lea-1`,
      keys: { p256dh: b64url(browserKey.getPublicKey()), auth: b64url(authSecret) },
    });
    const sentAt = Date.now();
    await app.deps.events.publish({
      type: 'tracker.application.status_changed',
      userId: lea.userId,
      applicationId: '11111111-1111-4111-8111-111111111111',
      jobId: '22222222-2222-4222-8222-222222222222',
      jobTitle: 'Designer',
      company: 'Initech',
      from: 'applied',
      to: 'offer',
      at: new Date(),
    });
    const request = await waitFor(() => received.find((r) => r.path === '/push/lea-1'), 5000, 'push request');
    expect(request.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(request.headers.ttl)).toBeGreaterThan(0);

    const vapid = verifyVapid(String(request.headers.authorization), origin, publicKey);
    expect(vapid.alg).toBe('ES256');
    expect(vapid.k).toBe(publicKey);
    expect(vapid.valid).toBe(true);
    expect(vapid.audienceOk).toBe(true);
    expect(vapid.claims.sub).toBe(app.deps.config.push.subject);
    expect(vapid.claims.exp * 1000).toBeGreaterThan(sentAt);
    expect(vapid.claims.exp * 1000).toBeLessThanOrEqual(sentAt + 24 * 60 * 60 * 1000 + 5000);
    // The same check rejects a signature made with another key.
    const other = createECDH('prime256v1');
    other.generateKeys();
    expect(verifyVapid(String(request.headers.authorization), origin, b64url(other.getPublicKey())).valid).toBe(false);

    const payload = JSON.parse(decryptPush(request.body, browserKey, authSecret)) as Record<string, unknown>;
    expect(payload).toMatchObject({ type: 'application_status_changed', title: 'Designer at Initech: Offer', link: '/tracker/applications/11111111-1111-4111-8111-111111111111' });
    await waitFor(async () => {
      const [row] = await app.database.db.select().from(schema.notifications).where(eq(schema.notifications.userId, lea.userId));
      return row?.pushedAt;
    }, 3000, 'pushedAt');
  });

  it('forgets a subscription the push service reports gone (410), and pushes nothing when push is off', async () => {
    const max = await signedInUser(app, 'max@example.com');
    const browserKey = createECDH('prime256v1');
    browserKey.generateKeys();
    const client = scriptClient(app, max.token);
    await client.notifications.push.subscribe.mutate({ endpoint: `${origin}/gone/max`, keys: { p256dh: b64url(browserKey.getPublicKey()), auth: b64url(randomBytes(16)) } });
    const event = (to: string) => ({
      type: 'tracker.application.status_changed' as const,
      userId: max.userId,
      applicationId: '11111111-1111-4111-8111-111111111111',
      jobId: '22222222-2222-4222-8222-222222222222',
      jobTitle: 'Designer',
      company: 'Initech',
      from: null,
      to,
      at: new Date(),
    });
    await app.deps.events.publish(event('applied'));
    await waitFor(async () => (await app.database.db.select().from(schema.pushSubscriptions).where(eq(schema.pushSubscriptions.userId, max.userId))).length === 0, 5000, 'subscription removed');
    expect(received.filter((r) => r.path === '/gone/max')).toHaveLength(1);

    await client.notifications.push.subscribe.mutate({ endpoint: `${origin}/push/max`, keys: { p256dh: b64url(browserKey.getPublicKey()), auth: b64url(randomBytes(16)) } });
    await client.notifications.preferences.update.mutate({ changes: [{ type: 'application_status_changed', channel: 'push', enabled: false }] });
    await app.deps.events.publish(event('interview'));
    await waitFor(async () => (await app.database.db.select().from(schema.notifications).where(eq(schema.notifications.userId, max.userId))).length === 2, 5000, 'second notification');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(received.filter((r) => r.path === '/push/max')).toHaveLength(0);
  });
});
