import { auditEventTypes } from '@tessera/validation/admin';
import { describe, expect, it } from 'vitest';
import { auditEventDetail, auditEventLabel, auditEventOptions } from './audit-events';

describe('audit event labels', () => {
  it('has a human label for every type the API records', () => {
    for (const type of auditEventTypes) {
      expect(auditEventLabel(type)).not.toBe(type);
      expect(auditEventLabel(type)).toMatch(/^[A-Z]/);
    }
    expect(auditEventOptions).toHaveLength(auditEventTypes.length);
  });

  it('shows an unknown type as it is', () => {
    expect(auditEventLabel('studio.something_new')).toBe('studio.something_new');
  });

  it('summarises metadata', () => {
    expect(auditEventDetail('auth.sign_in_failed', { reason: 'wrong_password', failures: 2 })).toBe(
      'wrong password',
    );
    expect(auditEventDetail('admin.role_changed', { from: 'user', to: 'admin' })).toBe(
      'user → admin',
    );
    expect(auditEventDetail('auth.password_changed', { otherSessionsEnded: 1 })).toBe(
      '1 other session ended',
    );
    expect(
      auditEventDetail('auth.email_changed', { from: 'old@example.com', to: 'new@example.com' }),
    ).toBe('old@example.com → new@example.com');
    expect(auditEventDetail('auth.email_change_requested', { newEmail: 'new@example.com' })).toBe(
      'to new@example.com',
    );
    expect(auditEventDetail('auth.sign_out_everywhere', { sessionsEnded: 3 })).toBe(
      '3 sessions ended',
    );
    expect(
      auditEventDetail('auth.session_revoked', { device: 'Chrome on Linux', current: true }),
    ).toBe('Chrome on Linux · this device');
    expect(auditEventDetail('auth.sign_in', { transport: 'cookie' })).toBeNull();
    expect(auditEventDetail('auth.sign_in', null)).toBeNull();
  });
});
