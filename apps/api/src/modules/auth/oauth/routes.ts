import { CodeChallengeMethod, generateCodeVerifier, generateState, OAuth2RequestError } from 'arctic';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readCookie } from '../../../platform/authentication';
import { constantTimeEqual } from '../../../platform/secrets';
import type { AppDeps } from '../../../trpc';
import { OAuthError, type OAuthProfile, type OAuthProvider, oauthProvidersFrom } from './providers';
import { signInWithOAuth } from './service';

/**
 * Browser-facing OAuth routes (plain redirects, not tRPC, because the provider sends the browser
 * back with a GET):
 *
 *   GET /auth/oauth/:provider/start?redirectTo=/path   → 302 to the provider
 *   GET /auth/oauth/:provider/callback?code&state      → 302 to redirectTo, signed in
 *
 * The callback is a GET, which the CSRF guard lets through: the state (compared with an HttpOnly
 * cookie set by /start) is what ties it to this browser, and PKCE ties the code to /start too.
 */

/** Long enough to sign in at the provider (maybe with 2FA), short enough to be useless later. */
const flowTtlSeconds = 10 * 60;
/** Per call to the provider (token exchange, each profile request). */
const providerTimeoutMs = 10_000;
const signInPage = '/sign-in';

interface Query {
  [key: string]: string | string[] | undefined;
}

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * A same-origin path to return to after signing in, or null. Only a single leading slash: `//host`
 * and `/\host` are read by browsers as another host. Control characters and backslashes are
 * refused outright rather than guessed at.
 */
export function safeRedirectPath(value: string | undefined, publicUrl: string): string | null {
  if (!value || value.length > 2048 || !value.startsWith('/') || value.startsWith('//')) return null;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return null;
  }
  const base = new URL(publicUrl);
  const resolved = new URL(value, base);
  if (resolved.origin !== base.origin) return null;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/** Settle within `ms` or fail as "provider unavailable" (arctic's token request takes no signal). */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OAuthError('provider_unavailable', `${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Trade the code (and the PKCE verifier) for an access token. Never logs or returns the token elsewhere. */
async function exchangeCode(provider: OAuthProvider, code: string, codeVerifier: string): Promise<string> {
  let data: Record<string, unknown>;
  try {
    const tokens = await withTimeout(
      provider.client.validateAuthorizationCode(provider.tokenUrl, code, codeVerifier),
      providerTimeoutMs,
      'token exchange',
    );
    data = tokens.data as Record<string, unknown>;
  } catch (error) {
    if (error instanceof OAuthError) throw error;
    if (error instanceof OAuth2RequestError) throw new OAuthError('invalid_code', `token endpoint refused the code (${error.code})`);
    throw new OAuthError('provider_unavailable', `token exchange failed (${error instanceof Error ? error.name : 'unknown'})`);
  }
  // GitHub reports a bad or expired code with status 200 and an `error` field.
  if (typeof data.error === 'string') throw new OAuthError('invalid_code', `token endpoint refused the code (${data.error.slice(0, 100)})`);
  if (typeof data.access_token !== 'string' || !data.access_token) {
    throw new OAuthError('provider_unavailable', 'token endpoint answered without an access token');
  }
  return data.access_token;
}

async function fetchProfile(provider: OAuthProvider, accessToken: string): Promise<OAuthProfile> {
  try {
    return await provider.fetchProfile(accessToken, AbortSignal.timeout(providerTimeoutMs));
  } catch (error) {
    if (error instanceof OAuthError) throw error;
    // Network failures, timeouts (TimeoutError) and bodies that are not JSON.
    throw new OAuthError('provider_unavailable', `profile request failed (${error instanceof Error ? error.name : 'unknown'})`);
  }
}

export function registerOAuthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { config } = deps;
  const providers: ReadonlyMap<string, OAuthProvider> = oauthProvidersFrom(config);
  const secure = config.auth.secureCookies;
  // Like the session cookie: __Host- (Secure, Path=/, host-only) over https, so a sibling
  // subdomain cannot plant a state of its own.
  const prefix = secure ? '__Host-' : '';
  const cookieNames = {
    state: `${prefix}tessera_oauth_state`,
    verifier: `${prefix}tessera_oauth_verifier`,
    redirect: `${prefix}tessera_oauth_redirect`,
  };
  const flowCookie = (name: string, value: string, maxAge: number) =>
    `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    reply.code(404).send({
      error: { code: 'NOT_FOUND', httpStatus: 404, message: 'This sign-in provider is not enabled.', requestId: request.id },
    });

  const redirect = (reply: FastifyReply, location: string) =>
    reply.code(302).header('cache-control', 'no-store').header('location', location).send();

  app.get<{ Params: { provider: string }; Querystring: Query }>('/auth/oauth/:provider/start', async (request, reply) => {
    const provider = providers.get(request.params.provider);
    if (!provider) return notFound(request, reply);
    const redirectTo = safeRedirectPath(single(request.query.redirectTo), config.publicUrl) ?? '/';
    const state = generateState();
    const codeVerifier = generateCodeVerifier();
    const url = provider.client.createAuthorizationURLWithPKCE(
      provider.authorizeUrl,
      state,
      CodeChallengeMethod.S256,
      codeVerifier,
      provider.scopes,
    );
    // The provider id rides along in the state cookie, so a state from one provider's flow
    // cannot finish another's.
    void reply.header('set-cookie', flowCookie(cookieNames.state, `${provider.id}.${state}`, flowTtlSeconds));
    void reply.header('set-cookie', flowCookie(cookieNames.verifier, codeVerifier, flowTtlSeconds));
    void reply.header('set-cookie', flowCookie(cookieNames.redirect, redirectTo, flowTtlSeconds));
    return redirect(reply, url.toString());
  });

  app.get<{ Params: { provider: string }; Querystring: Query }>('/auth/oauth/:provider/callback', async (request, reply) => {
    const provider = providers.get(request.params.provider);
    if (!provider) return notFound(request, reply);
    const cookieHeader = request.headers.cookie;
    const stateCookie = readCookie(cookieHeader, cookieNames.state);
    const codeVerifier = readCookie(cookieHeader, cookieNames.verifier);
    const redirectTo = safeRedirectPath(readCookie(cookieHeader, cookieNames.redirect), config.publicUrl) ?? '/';
    // One attempt per /start: whatever happens next, the flow's cookies are gone.
    for (const name of Object.values(cookieNames)) void reply.header('set-cookie', flowCookie(name, '', 0));

    try {
      const query = request.query;
      const providerError = single(query.error);
      if (providerError) {
        // The person pressed "Cancel" at the provider (access_denied), or the provider refused.
        throw new OAuthError(providerError === 'access_denied' ? 'access_denied' : 'provider_error', `provider answered ${providerError.slice(0, 100)}`);
      }
      const state = single(query.state);
      const code = single(query.code);
      if (!state || !stateCookie || !codeVerifier || !constantTimeEqual(stateCookie, `${provider.id}.${state}`)) {
        throw new OAuthError('invalid_state', stateCookie ? 'state does not match the cookie' : 'no OAuth flow cookie (expired or another browser)');
      }
      if (!code) throw new OAuthError('invalid_code', 'callback without a code');

      const accessToken = await exchangeCode(provider, code, codeVerifier);
      const profile = await fetchProfile(provider, accessToken);
      const { token, userId } = await signInWithOAuth(
        { db: deps.database.db, clock: deps.clock, sessions: deps.sessions },
        { requestId: request.id, ip: request.ip, userAgent: request.headers['user-agent'] },
        provider.id,
        profile,
      );
      void reply.header('set-cookie', deps.sessions.sessionCookie(token));
      request.log.info({ provider: provider.id, userId }, 'OAuth sign-in');
      return redirect(reply, redirectTo);
    } catch (error) {
      const reason = error instanceof OAuthError ? error.reason : 'unexpected';
      if (reason === 'unexpected') {
        request.log.error({ err: error, provider: provider.id }, 'OAuth sign-in failed');
      } else {
        // Only our own messages: never the code, the verifier or a token.
        request.log.warn({ provider: provider.id, reason, detail: (error as Error).message }, 'OAuth sign-in refused');
      }
      const params = new URLSearchParams({ oauthError: reason });
      if (redirectTo !== '/') params.set('redirectTo', redirectTo);
      return redirect(reply, `${signInPage}?${params.toString()}`);
    }
  });

  return Promise.resolve();
}
