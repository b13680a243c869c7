import { type AuditEventType, auditEventTypes } from '@tessera/validation/admin';

/** Human words for the audit log's event types (the user's Security page and the admin console). */
const labels: Record<AuditEventType, string> = {
  'auth.sign_up': 'Account created',
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Failed sign-in',
  'auth.locked_out': 'Locked out after failed sign-ins',
  'auth.sign_out': 'Signed out',
  'auth.sign_out_everywhere': 'Signed out everywhere',
  'auth.session_revoked': 'Session revoked',
  'auth.password_changed': 'Password changed',
  'auth.password_reset_requested': 'Password reset requested',
  'auth.password_reset': 'Password reset',
  'auth.email_verified': 'Email confirmed',
  'auth.email_change_requested': 'Email change requested',
  'auth.email_changed': 'Email address changed',
  'auth.verification_sent': 'Confirmation email sent',
  'auth.token_created': 'Access token created',
  'auth.token_revoked': 'Access token revoked',
  'auth.oauth_linked': 'Sign-in provider linked',
  'admin.role_changed': 'Role changed',
  'admin.user_deactivated': 'Account deactivated',
  'admin.user_reactivated': 'Account reactivated',
  'admin.user_deleted': 'Account deleted',
};

export function isAuditEventType(type: string): type is AuditEventType {
  return (auditEventTypes as readonly string[]).includes(type);
}

/** "Signed in"; an unknown (newer) type is shown as it is. */
export function auditEventLabel(type: string): string {
  return isAuditEventType(type) ? labels[type] : type;
}

/** Event types with their labels, in the API's order, for filter menus. */
export const auditEventOptions = auditEventTypes.map((type) => ({
  value: type,
  label: labels[type],
}));

export type AuditTone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

/** Colour for an event: failures and lockouts stand out. */
export function auditEventTone(type: string): AuditTone {
  if (
    type === 'auth.sign_in_failed' ||
    type === 'auth.locked_out' ||
    type === 'admin.user_deleted' ||
    type === 'admin.user_deactivated'
  )
    return 'danger';
  if (
    type.startsWith('admin.') ||
    type === 'auth.password_reset' ||
    type === 'auth.password_changed' ||
    type === 'auth.email_change_requested' ||
    type === 'auth.email_changed'
  )
    return 'warning';
  if (type === 'auth.sign_up' || type === 'auth.email_verified') return 'success';
  return 'neutral';
}

const reasons: Record<string, string> = {
  wrong_password: 'wrong password',
  unknown_email: 'no account with that email',
  deactivated: 'account deactivated',
};

function text(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** A short line from an event's metadata ("wrong password", "user → admin", "3 sessions ended"). */
export function auditEventDetail(type: string, metadata: unknown): string | null {
  if (!metadata || typeof metadata !== 'object') return null;
  const m = metadata as Record<string, unknown>;
  switch (type) {
    case 'auth.sign_in_failed': {
      const reason = text(m.reason);
      return reason ? (reasons[reason] ?? reason.replace(/_/g, ' ')) : null;
    }
    case 'auth.locked_out':
      return text(m.until) ? `until ${new Date(String(m.until)).toLocaleString()}` : null;
    case 'auth.sign_in':
      return m.transport === 'bearer' ? 'with a bearer token (script or app)' : null;
    case 'auth.sign_out_everywhere':
      return typeof m.sessionsEnded === 'number'
        ? `${m.sessionsEnded} session${m.sessionsEnded === 1 ? '' : 's'} ended`
        : null;
    case 'auth.password_changed':
      return typeof m.otherSessionsEnded === 'number'
        ? `${m.otherSessionsEnded} other session${m.otherSessionsEnded === 1 ? '' : 's'} ended`
        : null;
    case 'admin.user_deactivated':
      return typeof m.sessionsEnded === 'number'
        ? `${m.sessionsEnded} session${m.sessionsEnded === 1 ? '' : 's'} ended`
        : null;
    case 'auth.session_revoked':
      return (
        [text(m.device), m.current === true ? 'this device' : null].filter(Boolean).join(' · ') ||
        null
      );
    case 'auth.email_change_requested':
      return text(m.newEmail) ? `to ${String(m.newEmail)}` : null;
    case 'auth.email_changed':
      return text(m.from) && text(m.to) ? `${String(m.from)} → ${String(m.to)}` : null;
    case 'auth.token_created':
    case 'auth.token_revoked':
      return text(m.name) ? `“${String(m.name)}”` : null;
    case 'admin.role_changed':
      return text(m.from) && text(m.to) ? `${String(m.from)} → ${String(m.to)}` : null;
    case 'admin.user_deleted':
      return text(m.deletedBy) ? `by ${String(m.deletedBy)}` : null;
    case 'auth.sign_up':
      return m.role === 'admin' ? 'first account: admin' : null;
    case 'auth.oauth_linked':
      return text(m.provider);
    default:
      return null;
  }
}
