import { z } from 'zod';
import { userRoleSchema } from './auth';
import { idSchema } from './common';

export const userStatusSchema = z.enum(['active', 'deactivated']);

export const listUsersInput = z.object({
  search: z.string().trim().max(200).optional(),
  role: userRoleSchema.optional(),
  status: userStatusSchema.optional(),
  cursor: z.string().max(512).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListUsersInput = z.input<typeof listUsersInput>;

export const getUserInput = z.object({ id: idSchema });
export const setRoleInput = z.object({ id: idSchema, role: userRoleSchema });
export const setActiveInput = z.object({ id: idSchema, active: z.boolean() });
export const deleteUserInput = z.object({ id: idSchema });

export const auditEventTypes = [
  'auth.sign_up',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.locked_out',
  'auth.sign_out',
  'auth.sign_out_everywhere',
  'auth.session_revoked',
  'auth.password_changed',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.email_verified',
  'auth.email_change_requested',
  'auth.email_changed',
  'auth.verification_sent',
  'auth.token_created',
  'auth.token_revoked',
  'auth.oauth_linked',
  'admin.role_changed',
  'admin.user_deactivated',
  'admin.user_reactivated',
  'admin.user_deleted',
] as const;
export const auditEventTypeSchema = z.enum(auditEventTypes);
export type AuditEventType = z.infer<typeof auditEventTypeSchema>;

export const listAuditInput = z
  .object({
    userId: idSchema.optional(),
    type: auditEventTypeSchema.optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    cursor: z.string().max(512).optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: '"To" must be after "from"' });

export const listMailInput = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
