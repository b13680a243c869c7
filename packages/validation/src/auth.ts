import { z } from 'zod';
import { idSchema } from './common';

export const userRoles = ['admin', 'client', 'user'] as const;
export const userRoleSchema = z.enum(userRoles, { message: 'Role must be admin, client or user' });
export type UserRole = z.infer<typeof userRoleSchema>;

export const emailSchema = z
  .string({ message: 'Email is required' })
  .trim()
  .min(1, 'Email is required')
  .max(254, 'Email must be at most 254 characters')
  .pipe(z.email({ message: 'Enter a valid email address' }))
  .transform((email) => email.toLowerCase());

export const passwordMinLength = 8;
export const passwordMaxLength = 128;

/**
 * The shape a password must have. The server also rejects common passwords and the account's
 * own email (see the API's password policy), which a form cannot know.
 */
export const newPasswordSchema = z
  .string({ message: 'Password is required' })
  .min(passwordMinLength, `Use at least ${passwordMinLength} characters`)
  .max(passwordMaxLength, `Use at most ${passwordMaxLength} characters`);

/** For sign-in: any string up to the maximum, so the error is "incorrect", never "invalid". */
const currentPasswordSchema = z
  .string({ message: 'Password is required' })
  .min(1, 'Password is required')
  .max(passwordMaxLength, `Use at most ${passwordMaxLength} characters`);

export const nameSchema = z
  .string({ message: 'Name is required' })
  .trim()
  .min(1, 'Name is required')
  .max(100, 'Name must be at most 100 characters');

export const signUpInput = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  name: nameSchema,
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const sessionTransportSchema = z.enum(['cookie', 'bearer']);

export const signInInput = z.object({
  email: emailSchema,
  password: currentPasswordSchema,
  /** `cookie` (the SPA) sets an HttpOnly cookie; `bearer` returns a token for scripts and apps. */
  transport: sessionTransportSchema.default('cookie'),
});
export type SignInInput = z.input<typeof signInInput>;

export const updateProfileInput = z.object({ name: nameSchema });

export const changePasswordInput = z.object({
  currentPassword: currentPasswordSchema,
  newPassword: newPasswordSchema,
});

/** Tokens arrive from links in emails: opaque strings of a bounded size. */
const emailLinkToken = z.string({ message: 'The link is incomplete' }).min(16, 'The link is incomplete').max(200, 'The link is not valid');

export const requestPasswordResetInput = z.object({ email: emailSchema });
export const resetPasswordInput = z.object({ token: emailLinkToken, password: newPasswordSchema });
export const verifyEmailInput = z.object({ token: emailLinkToken });

/** Ask to move the account to another address: a link goes to the new one, a notice to the old. */
export const requestEmailChangeInput = z.object({ newEmail: emailSchema, currentPassword: currentPasswordSchema });
export type RequestEmailChangeInput = z.infer<typeof requestEmailChangeInput>;
/** The link from the message sent to the new address. */
export const confirmEmailChangeInput = z.object({ token: emailLinkToken });

export const revokeSessionInput = z.object({ id: z.string().min(1).max(128) });

export const createTokenInput = z.object({
  name: z.string().trim().min(1, 'Name the token').max(100, 'Name must be at most 100 characters'),
  expiresInDays: z.number().int('Whole days only').min(1, 'At least 1 day').max(3650, 'At most 10 years').optional(),
});
export type CreateTokenInput = z.infer<typeof createTokenInput>;
export const revokeTokenInput = z.object({ id: idSchema });

/** Forms in the SPA: confirmation fields are checked in the browser only. */
export const signUpForm = signUpInput
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'Passwords do not match' });
export const resetPasswordForm = z
  .object({ password: newPasswordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'Passwords do not match' });
export const changePasswordForm = changePasswordInput
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'Passwords do not match' });
