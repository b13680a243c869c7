import type { AddressInfo } from 'node:net';
import { schema } from '@tessera/db';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scriptClient, startTestApp, type TestApp } from './harness';

// A real SMTP server on loopback: what nodemailer delivers is what a mail server would get.
const received: { to: string[]; raw: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
      callback();
    });
  },
});

let app: TestApp;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  app = await startTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Tessera <hello@tessera.test>' } });
});
afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

it('delivers verification and reset mails over SMTP and records the delivery', async () => {
  await scriptClient(app).auth.signUp.mutate({ email: 'mail@example.com', password: 'correct horse battery staple', name: 'Mail' });
  const verification = await waitFor(() => received.find((m) => m.raw.includes('Confirm your email')));
  expect(verification.to).toEqual(['mail@example.com']);
  expect(verification.raw).toContain('From: Tessera <hello@tessera.test>');
  expect(verification.raw).toMatch(/verify-email\?token=/);

  await scriptClient(app).auth.requestPasswordReset.mutate({ email: 'mail@example.com' });
  const reset = await waitFor(() => received.find((m) => m.raw.includes('Reset your Tessera password')));
  expect(reset.to).toEqual(['mail@example.com']);

  const outbox = await waitFor(async () => {
    const rows = await app.deps.database.db.select().from(schema.mailOutbox).where(eq(schema.mailOutbox.to, 'mail@example.com'));
    return rows.length === 2 && rows.every((m) => m.sentAt) ? rows : undefined;
  });
  expect(outbox.every((m) => m.transport === 'smtp' && m.error === null)).toBe(true);
});
