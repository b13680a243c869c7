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

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
