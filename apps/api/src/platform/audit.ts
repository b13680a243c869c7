import { type DbOrTx, schema } from '@tessera/db';
import type { AuditEventType } from '@tessera/validation/admin';

/** Who made the request; a tRPC context satisfies it as it is. */
/** The user agent recorded for what `admin:create` does on the command line (no browser, no device). */
export const commandLineUserAgent = 'admin:create';

export interface AuditRequest {
  requestId?: string;
  ip?: string;
  userAgent?: string;
}

export interface AuditEvent {
  type: AuditEventType;
  actorId?: string | null;
  targetUserId?: string | null;
  targetEmail?: string | null;
  metadata?: Record<string, unknown>;
  at?: Date;
}

/** Write one security event. Pass the transaction of the action so both commit or neither. */
export async function recordAudit(db: DbOrTx, request: AuditRequest, event: AuditEvent): Promise<void> {
  await db.insert(schema.auditEvents).values({
    type: event.type,
    actorId: event.actorId ?? null,
    targetUserId: event.targetUserId ?? null,
    targetEmail: event.targetEmail ?? null,
    metadata: event.metadata ?? {},
    ipAddress: request.ip ?? null,
    userAgent: request.userAgent?.slice(0, 512) ?? null,
    requestId: request.requestId ?? null,
    ...(event.at ? { createdAt: event.at } : {}),
  });
}
