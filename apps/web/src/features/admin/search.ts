import {
  type AuditEventType,
  auditEventTypeSchema,
  userStatusSchema,
} from '@tessera/validation/admin';
import { type UserRole, userRoleSchema } from '@tessera/validation/auth';
import type { z } from 'zod';

/** `/admin/users?q=&role=&status=`: filters live in the URL so a filtered view can be shared. */
export interface UsersSearch {
  q?: string;
  role?: UserRole;
  status?: z.infer<typeof userStatusSchema>;
}

export function parseUsersSearch(search: Record<string, unknown>): UsersSearch {
  const q = typeof search.q === 'string' ? search.q.trim().slice(0, 200) : '';
  const role = userRoleSchema.safeParse(search.role);
  const status = userStatusSchema.safeParse(search.status);
  return {
    ...(q ? { q } : {}),
    ...(role.success ? { role: role.data } : {}),
    ...(status.success ? { status: status.data } : {}),
  };
}

/** `/admin/audit?userId=&type=&from=&to=` (dates as YYYY-MM-DD, whole days in local time). */
export interface AuditSearch {
  userId?: string;
  type?: AuditEventType;
  from?: string;
  to?: string;
}

const day = /^\d{4}-\d{2}-\d{2}$/;

export function parseAuditSearch(search: Record<string, unknown>): AuditSearch {
  const type = auditEventTypeSchema.safeParse(search.type);
  const userId =
    typeof search.userId === 'string' && /^[0-9a-f-]{36}$/i.test(search.userId)
      ? search.userId
      : undefined;
  const from = typeof search.from === 'string' && day.test(search.from) ? search.from : undefined;
  const to = typeof search.to === 'string' && day.test(search.to) ? search.to : undefined;
  return {
    ...(userId ? { userId } : {}),
    ...(type.success ? { type: type.data } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** A YYYY-MM-DD day as the start (or end) of that day in the viewer's time zone. */
export function dayBoundary(value: string, edge: 'start' | 'end'): Date {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return edge === 'start'
    ? new Date(y, m - 1, d, 0, 0, 0, 0)
    : new Date(y, m - 1, d, 23, 59, 59, 999);
}
