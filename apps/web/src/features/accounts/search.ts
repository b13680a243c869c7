import { safeRedirectPath } from '../../lib/redirect';

/** `?redirectTo=` (same-site paths only) and `?oauthError=` on /sign-in. */
export function validateSignInSearch(search: Record<string, unknown>): {
  redirectTo?: string;
  oauthError?: string;
} {
  const redirectTo = safeRedirectPath(search.redirectTo);
  const oauthError =
    typeof search.oauthError === 'string' && /^[a-z_]{1,40}$/.test(search.oauthError)
      ? search.oauthError
      : undefined;
  return { ...(redirectTo ? { redirectTo } : {}), ...(oauthError ? { oauthError } : {}) };
}

/** `?redirectTo=` on /sign-up. */
export function validateSignUpSearch(search: Record<string, unknown>): { redirectTo?: string } {
  const redirectTo = safeRedirectPath(search.redirectTo);
  return redirectTo ? { redirectTo } : {};
}

/** `?token=` from the links in emails (reset password, verify email, confirm an email change). */
export function validateTokenSearch(search: Record<string, unknown>): { token?: string } {
  return typeof search.token === 'string' && search.token.length <= 200
    ? { token: search.token }
    : {};
}
