import { type DbOrTx, schema } from '@tessera/db';
import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
}

export interface Mailer {
  readonly transport: 'outbox' | 'smtp';
  /** Record the message in the outbox (inside the caller's transaction). Returns its id. */
  enqueue(db: DbOrTx, message: MailMessage): Promise<string>;
  /** Deliver recorded messages over SMTP (after the transaction committed). No-op for outbox. */
  deliver(db: DbOrTx, ids: string[]): Promise<void>;
  close(): void;
}

/**
 * Mail goes to the `mail_outbox` table first — with no SMTP_URL that is the delivery (admins
 * read it in the SPA); with SMTP_URL nodemailer sends it and the row records the outcome.
 */
export function createMailer(options: { smtpUrl?: string; from: string; logger: FastifyBaseLogger }): Mailer {
  const transporter = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl, { from: options.from })
    : undefined;
  const transport = transporter ? 'smtp' : 'outbox';
  return {
    transport,
    async enqueue(db, message) {
      const [row] = await db
        .insert(schema.mailOutbox)
        .values({ ...message, transport, sentAt: transporter ? null : new Date() })
        .returning({ id: schema.mailOutbox.id });
      return row!.id;
    },
    async deliver(db, ids) {
      if (!transporter) return;
      for (const id of ids) {
        const [message] = await db.select().from(schema.mailOutbox).where(eq(schema.mailOutbox.id, id));
        if (!message || message.sentAt) continue;
        try {
          await transporter.sendMail({
            from: options.from,
            to: message.to,
            subject: message.subject,
            text: message.text,
            html: message.html ?? undefined,
          });
          await db.update(schema.mailOutbox).set({ sentAt: new Date(), error: null }).where(eq(schema.mailOutbox.id, id));
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          options.logger.warn({ mailId: id, kind: message.kind, reason }, 'mail delivery failed');
          await db.update(schema.mailOutbox).set({ error: reason.slice(0, 500) }).where(eq(schema.mailOutbox.id, id));
        }
      }
    },
    close() {
      transporter?.close();
    },
  };
}
