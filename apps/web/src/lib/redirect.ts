/**
 * A `redirectTo` value is honoured only when it is a path on this site: it starts with a single
 * `/` (not `//host` or `/\host`, which browsers read as another origin) and carries no control
 * characters. Anything else — absent, absolute URLs, `javascript:` — yields undefined.
 */
export function safeRedirectPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return undefined;
  try {
    // Resolving against a dummy origin must not change the origin (catches odd encodings).
    const resolved = new URL(value, 'https://tessera.invalid');
    if (resolved.origin !== 'https://tessera.invalid') return undefined;
  } catch {
    return undefined;
  }
  return value;
}

/** Where to go after signing in: the requested page, never back to the account pages themselves. */
export function afterSignInPath(redirectTo: string | undefined): string {
  const safe = safeRedirectPath(redirectTo);
  if (!safe) return '/';
  const path = safe.split(/[?#]/)[0] ?? '/';
  if (['/sign-in', '/sign-up', '/forgot-password', '/reset-password'].includes(path)) return '/';
  return safe;
}
