import type { MailMessage } from '../../platform/mail';

/** The messages the accounts module sends. Links point at the SPA, which calls the API. */
export function verificationEmail(to: string, name: string, link: string): MailMessage {
  return {
    to,
    kind: 'verify_email',
    subject: 'Confirm your email address for Tessera',
    text: `Hi ${name},\n\nConfirm your email address by opening this link within 24 hours:\n\n${link}\n\nIf you did not create a Tessera account, ignore this message.\n`,
    html: `<p>Hi ${escapeHtml(name)},</p><p>Confirm your email address by opening this link within 24 hours:</p><p><a href="${escapeHtml(link)}">Confirm my email</a></p><p>If you did not create a Tessera account, ignore this message.</p>`,
  };
}

export function passwordResetEmail(to: string, name: string, link: string): MailMessage {
  return {
    to,
    kind: 'reset_password',
    subject: 'Reset your Tessera password',
    text: `Hi ${name},\n\nSomeone (hopefully you) asked to reset your Tessera password. Open this link within 1 hour to choose a new one:\n\n${link}\n\nIf it was not you, ignore this message: your password stays as it is.\n`,
    html: `<p>Hi ${escapeHtml(name)},</p><p>Someone (hopefully you) asked to reset your Tessera password. Open this link within 1 hour to choose a new one:</p><p><a href="${escapeHtml(link)}">Choose a new password</a></p><p>If it was not you, ignore this message: your password stays as it is.</p>`,
  };
}

/** To the NEW address: following the link moves the account there (and proves the address). */
export function emailChangeConfirmationEmail(to: string, name: string, link: string): MailMessage {
  return {
    to,
    kind: 'change_email',
    subject: 'Confirm your new email address for Tessera',
    text: `Hi ${name},\n\nYou asked to use this address for your Tessera account. Confirm it by opening this link within 24 hours:\n\n${link}\n\nUntil you do, your account keeps its current address. If you did not ask for this, ignore this message.\n`,
    html: `<p>Hi ${escapeHtml(name)},</p><p>You asked to use this address for your Tessera account. Confirm it by opening this link within 24 hours:</p><p><a href="${escapeHtml(link)}">Confirm my new email</a></p><p>Until you do, your account keeps its current address. If you did not ask for this, ignore this message.</p>`,
  };
}

/** To the CURRENT address when a change is asked for: the owner learns of it before it happens. */
export function emailChangeRequestedNotice(to: string, name: string, newEmail: string): MailMessage {
  return {
    to,
    kind: 'email_change_requested',
    subject: 'Someone asked to change your Tessera email address',
    text: `Hi ${name},\n\nSomeone signed in to your Tessera account asked to change its email address to ${newEmail}. Nothing changes until a link sent to that address is opened.\n\nIf it was you, there is nothing to do here. If it was not you, change your password now (or reset it with “Forgot password?” on the sign-in page) and sign out everywhere from the Security page.\n`,
    html: `<p>Hi ${escapeHtml(name)},</p><p>Someone signed in to your Tessera account asked to change its email address to <strong>${escapeHtml(newEmail)}</strong>. Nothing changes until a link sent to that address is opened.</p><p>If it was you, there is nothing to do here. If it was not you, change your password now (or reset it with “Forgot password?” on the sign-in page) and sign out everywhere from the Security page.</p>`,
  };
}

/** To the OLD address once the change is done. */
export function emailChangedNotice(to: string, name: string, newEmail: string): MailMessage {
  return {
    to,
    kind: 'email_changed',
    subject: 'Your Tessera email address was changed',
    text: `Hi ${name},\n\nThe email address of your Tessera account is now ${newEmail}. Sign in with that address from now on; this one no longer receives messages about the account.\n\nIf you did not make this change, contact an administrator at once.\n`,
    html: `<p>Hi ${escapeHtml(name)},</p><p>The email address of your Tessera account is now <strong>${escapeHtml(newEmail)}</strong>. Sign in with that address from now on; this one no longer receives messages about the account.</p><p>If you did not make this change, contact an administrator at once.</p>`,
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
