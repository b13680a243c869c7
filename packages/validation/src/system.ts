import { z } from 'zod';

/** `system.echo` — a tiny procedure clients use to check their connection and the error shape. */
export const echoInput = z.object({
  message: z.string().min(1, 'Message must not be empty').max(1000, 'Message is too long'),
});
export type EchoInput = z.infer<typeof echoInput>;

/** `system.heartbeat` — a subscription that ticks with the server time (connection checks). */
export const heartbeatInput = z.object({
  intervalMs: z.number().int().min(100, 'At least 100 ms').max(60_000, 'At most 60 s').default(5000),
});
