import { OAuth2Client } from 'arctic';
import { z } from 'zod';
import type { Config } from '../../../config';

/**
 * The OAuth providers Tessera can sign in with. Each is built from config only when both its
 * client id and secret are set, and every endpoint comes from config so tests can point them at a
 * fake provider on loopback.
 */

export type OAuthProviderId = 'github' | 'google';

/** Why an OAuth sign-in did not finish: sent to the SPA as `/sign-in?oauthError=<reason>`. */
export type OAuthErrorReason =
  | 'access_denied'
  | 'provider_error'
  | 'invalid_state'
  | 'invalid_code'
  | 'provider_unavailable'
  | 'no_email'
  | 'email_not_verified'
  | 'deactivated'
  | 'unexpected';

export class OAuthError extends Error {
  constructor(
    readonly reason: OAuthErrorReason,
    message: string = reason,
  ) {
    super(message);
    this.name = 'OAuthError';
  }
}

/** What Tessera needs to know about the person at the provider. */
export interface OAuthProfile {
  providerUserId: string;
  /** Lower-cased; null when the provider gave none. */
  email: string | null;
  /** The provider vouches that this person controls `email`. */
  emailVerified: boolean;
  name: string;
}

export interface OAuthProvider {
  id: OAuthProviderId;
  name: string;
  scopes: string[];
  authorizeUrl: string;
  tokenUrl: string;
  client: OAuth2Client;
  fetchProfile(accessToken: string, signal: AbortSignal): Promise<OAuthProfile>;
}

/** Where the provider sends the browser back to: must match the app registered at the provider. */
export function callbackUrl(config: Config, id: OAuthProviderId): string {
  return `${config.publicUrl}/auth/oauth/${id}/callback`;
}

/** GET a JSON document with the access token; anything but a 2xx means the provider is unavailable. */
async function getJson<T>(url: string, accessToken: string, schema: z.ZodType<T>, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    headers: {
      authorization: `Bearer ${accessToken}`,
      accept: 'application/json',
      // GitHub refuses API requests without a User-Agent.
      'user-agent': 'Tessera',
    },
    signal,
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new OAuthError('provider_unavailable', `${new URL(url).pathname} answered ${response.status}`);
  }
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) throw new OAuthError('provider_unavailable', `${new URL(url).pathname} returned an unexpected document`);
  return parsed.data;
}

/** Names come from the provider; keep them within what the profile form accepts. */
function displayName(...candidates: (string | null | undefined)[]): string {
  for (const candidate of candidates) {
    const trimmed = candidate?.trim();
    if (trimmed) return trimmed.slice(0, 100);
  }
  return 'New user';
}

const githubUser = z.object({
  id: z.union([z.number().int(), z.string().min(1)]),
  login: z.string(),
  name: z.string().nullish(),
});
const githubEmails = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }));

function githubProvider(settings: NonNullable<Config['auth']['oauth']['github']>, redirectUri: string): OAuthProvider {
  return {
    id: 'github',
    name: 'GitHub',
    scopes: ['read:user', 'user:email'],
    authorizeUrl: settings.authorizeUrl,
    tokenUrl: settings.tokenUrl,
    client: new OAuth2Client(settings.clientId, settings.clientSecret, redirectUri),
    async fetchProfile(accessToken, signal) {
      const [user, emails] = await Promise.all([
        getJson(`${settings.apiUrl}/user`, accessToken, githubUser, signal),
        getJson(`${settings.apiUrl}/user/emails`, accessToken, githubEmails, signal),
      ]);
      // GitHub lets people keep unverified addresses, even as primary: only the primary address
      // counts, and only GitHub's own "verified" flag makes it trustworthy.
      const primary = emails.find((e) => e.primary);
      return {
        providerUserId: String(user.id),
        email: primary ? primary.email.trim().toLowerCase() : null,
        emailVerified: primary?.verified === true,
        name: displayName(user.name, user.login),
      };
    },
  };
}

const googleUserinfo = z.object({
  sub: z.string().min(1),
  email: z.string().nullish(),
  // OpenID Connect says boolean; some Google responses have carried the string "true".
  email_verified: z.union([z.boolean(), z.enum(['true', 'false'])]).nullish(),
  name: z.string().nullish(),
});

function googleProvider(settings: NonNullable<Config['auth']['oauth']['google']>, redirectUri: string): OAuthProvider {
  return {
    id: 'google',
    name: 'Google',
    scopes: ['openid', 'email', 'profile'],
    authorizeUrl: settings.authorizeUrl,
    tokenUrl: settings.tokenUrl,
    client: new OAuth2Client(settings.clientId, settings.clientSecret, redirectUri),
    async fetchProfile(accessToken, signal) {
      const info = await getJson(settings.userinfoUrl, accessToken, googleUserinfo, signal);
      const email = info.email?.trim().toLowerCase() || null;
      return {
        providerUserId: info.sub,
        email,
        emailVerified: email !== null && (info.email_verified === true || info.email_verified === 'true'),
        name: displayName(info.name, email?.split('@')[0]),
      };
    },
  };
}

/** The enabled providers, in the order the sign-in page shows them. */
export function oauthProvidersFrom(config: Config): Map<OAuthProviderId, OAuthProvider> {
  const providers = new Map<OAuthProviderId, OAuthProvider>();
  const { github, google } = config.auth.oauth;
  if (github) providers.set('github', githubProvider(github, callbackUrl(config, 'github')));
  if (google) providers.set('google', googleProvider(google, callbackUrl(config, 'google')));
  return providers;
}

/** For the sign-in page (`auth.oauthProviders`): only what a browser needs, never a secret. */
export function listOAuthProviders(config: Config): { id: OAuthProviderId; name: string; startUrl: string }[] {
  const list: { id: OAuthProviderId; name: string; startUrl: string }[] = [];
  if (config.auth.oauth.github) list.push({ id: 'github', name: 'GitHub', startUrl: '/auth/oauth/github/start' });
  if (config.auth.oauth.google) list.push({ id: 'google', name: 'Google', startUrl: '/auth/oauth/google/start' });
  return list;
}
