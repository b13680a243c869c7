import { createHash, randomBytes } from 'node:crypto';
import { schema } from '@tessera/db';
import { and, eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserClient, scriptClient, startTestApp, type TestApp } from './harness';

/**
 * A fake OAuth provider on loopback playing both GitHub and Google. /authorize only records what
 * it was sent; the test plays the browser and calls our callback with a code it chose, after
 * telling the fake (grant) which authorize request and which person that code stands for. The
 * token endpoint checks the client secret, the redirect URI and PKCE as a real provider would.
 */
interface FakePerson {
  github?: { id: number; login: string; name: string | null; emails: { email: string; primary: boolean; verified: boolean }[] };
  google?: { sub: string; email: string; email_verified: boolean; name: string };
}

interface TokenRequest {
  provider: string;
  code: string | null;
  codeVerifier: string | null;
  redirectUri: string | null;
  accepted: boolean;
}

const clients = {
  github: { id: 'gh-client', secret: 'gh-secret' },
  google: { id: 'google-client', secret: 'google-secret' },
} as const;

async function startFakeProvider() {
  const app: FastifyInstance = Fastify();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, new URLSearchParams(body as string));
  });
  const authorizeRequests: URLSearchParams[] = [];
  const tokenRequests: TokenRequest[] = [];
  const grants = new Map<string, { authorize: URLSearchParams; person: FakePerson }>();
  const accessTokens = new Map<string, FakePerson>();
  const issuedTokens: string[] = [];
  const state = { down: false };

  for (const provider of ['github', 'google'] as const) {
    app.get(`/${provider}/authorize`, (request, reply) => {
      authorizeRequests.push(new URLSearchParams(request.url.split('?')[1] ?? ''));
      return reply.send({ ok: true });
    });
    app.post(`/${provider}/token`, async (request, reply) => {
      if (state.down) return reply.code(503).send('maintenance');
      const body = request.body as URLSearchParams;
      const expected = `Basic ${Buffer.from(`${clients[provider].id}:${clients[provider].secret}`).toString('base64')}`;
      const code = body.get('code');
      const codeVerifier = body.get('code_verifier');
      const record: TokenRequest = { provider, code, codeVerifier, redirectUri: body.get('redirect_uri'), accepted: false };
      tokenRequests.push(record);
      if (request.headers.authorization !== expected) return reply.code(401).send({ error: 'invalid_client' });
      const grant = code ? grants.get(code) : undefined;
      if (!grant || body.get('grant_type') !== 'authorization_code') return reply.code(400).send({ error: 'invalid_grant' });
      grants.delete(code!);
      const challenge = codeVerifier ? createHash('sha256').update(codeVerifier).digest('base64url') : null;
      if (
        grant.authorize.get('code_challenge_method') !== 'S256' ||
        !challenge ||
        challenge !== grant.authorize.get('code_challenge') ||
        body.get('redirect_uri') !== grant.authorize.get('redirect_uri')
      ) {
        return reply.code(400).send({ error: 'invalid_grant', error_description: 'PKCE verification failed' });
      }
      const accessToken = `fake-access-${randomBytes(12).toString('hex')}`;
      accessTokens.set(accessToken, grant.person);
      issuedTokens.push(accessToken);
      record.accepted = true;
      return { access_token: accessToken, token_type: 'bearer', scope: grant.authorize.get('scope') };
    });
  }

  const personOf = (authorization: string | undefined) => accessTokens.get(authorization?.replace(/^Bearer /, '') ?? '');
  app.get('/github/api/user', async (request, reply) => {
    const person = personOf(request.headers.authorization)?.github;
    if (!person) return reply.code(401).send({ message: 'Bad credentials' });
    return { id: person.id, login: person.login, name: person.name };
  });
  app.get('/github/api/user/emails', async (request, reply) => {
    const person = personOf(request.headers.authorization)?.github;
    if (!person) return reply.code(401).send({ message: 'Bad credentials' });
    return person.emails.map((e) => ({ ...e, visibility: null }));
  });
  app.get('/google/userinfo', async (request, reply) => {
    const person = personOf(request.headers.authorization)?.google;
    if (!person) return reply.code(401).send({ error: 'invalid_token' });
    return person;
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    authorizeRequests,
    tokenRequests,
    issuedTokens,
    state,
    /** The person at the provider approves: `code` now stands for them and for the authorize request with `forState`. */
    grant(code: string, forState: string, person: FakePerson) {
      const authorize = authorizeRequests.find((params) => params.get('state') === forState);
      if (!authorize) throw new Error(`the fake provider saw no authorize request with state ${forState}`);
      grants.set(code, { authorize, person });
    },
    close: () => app.close(),
  };
}

type FakeProvider = Awaited<ReturnType<typeof startFakeProvider>>;

function envFor(fake: FakeProvider): Record<string, string> {
  return {
    GITHUB_CLIENT_ID: clients.github.id,
    GITHUB_CLIENT_SECRET: clients.github.secret,
    OAUTH_GITHUB_AUTHORIZE_URL: `${fake.url}/github/authorize`,
    OAUTH_GITHUB_TOKEN_URL: `${fake.url}/github/token`,
    OAUTH_GITHUB_API_URL: `${fake.url}/github/api`,
    GOOGLE_CLIENT_ID: clients.google.id,
    GOOGLE_CLIENT_SECRET: clients.google.secret,
    OAUTH_GOOGLE_AUTHORIZE_URL: `${fake.url}/google/authorize`,
    OAUTH_GOOGLE_TOKEN_URL: `${fake.url}/google/token`,
    OAUTH_GOOGLE_USERINFO_URL: `${fake.url}/google/userinfo`,
  };
}

/** A browser's cookie jar, by hand: fetch with redirect: 'manual' does not keep cookies. */
class Jar {
  readonly cookies = new Map<string, string>();
  readonly setCookies: string[] = [];
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

async function get(url: string, jar: Jar): Promise<Response> {
  const response = await fetch(url, {
    redirect: 'manual',
    headers: { ...(jar.cookies.size ? { cookie: jar.header() } : {}), 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0' },
  });
  jar.take(response);
  return response;
}

/** /start, then the browser's visit to the provider's authorize page. Returns the state to echo back. */
async function begin(app: TestApp, provider: 'github' | 'google', jar = new Jar(), redirectTo?: string) {
  const query = redirectTo === undefined ? '' : `?redirectTo=${encodeURIComponent(redirectTo)}`;
  const start = await get(`${app.url}/auth/oauth/${provider}/start${query}`, jar);
  expect(start.status).toBe(302);
  const authorizeUrl = new URL(start.headers.get('location')!);
  await get(authorizeUrl.toString(), new Jar());
  return { jar, start, authorizeUrl, state: authorizeUrl.searchParams.get('state')! };
}

/** The provider sends the browser back to our callback. */
async function callback(app: TestApp, provider: 'github' | 'google', jar: Jar, params: Record<string, string>) {
  const response = await get(`${app.url}/auth/oauth/${provider}/callback?${new URLSearchParams(params).toString()}`, jar);
  expect(response.status).toBe(302);
  return { response, location: response.headers.get('location')! };
}

const usedCodes: string[] = [];
function newCode(): string {
  const code = `code-${usedCodes.length + 1}-${randomBytes(4).toString('hex')}`;
  usedCodes.push(code);
  return code;
}

/** The whole flow for one person at GitHub. */
async function githubSignIn(app: TestApp, fake: FakeProvider, person: FakePerson, redirectTo?: string) {
  const { jar, state } = await begin(app, 'github', new Jar(), redirectTo);
  const code = newCode();
  fake.grant(code, state, person);
  return { jar, ...(await callback(app, 'github', jar, { code, state })) };
}

function githubPerson(id: number, email: string, verified = true): FakePerson {
  return { github: { id, login: `user${id}`, name: `GitHub User ${id}`, emails: [{ email, primary: true, verified }] } };
}

async function meWith(app: TestApp, jar: Jar) {
  const browser = browserClient(app);
  const cookieName = app.deps.config.auth.cookieName;
  const session = jar.cookies.get(cookieName);
  if (session) browser.cookies.set(cookieName, session);
  return browser.client.auth.me.query();
}

const password = 'correct horse battery staple';

let fake: FakeProvider;
let app: TestApp;
beforeAll(async () => {
  fake = await startFakeProvider();
  app = await startTestApp({ env: envFor(fake) });
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

describe('auth.oauthProviders', () => {
  it('lists the configured providers with their start URLs', async () => {
    expect(await scriptClient(app).auth.oauthProviders.query()).toEqual([
      { id: 'github', name: 'GitHub', startUrl: '/auth/oauth/github/start' },
      { id: 'google', name: 'Google', startUrl: '/auth/oauth/google/start' },
    ]);
  });

  it('lists none without configuration, or with a client id but no secret, and their routes do not exist', async () => {
    const bare = await startTestApp({ env: { GITHUB_CLIENT_ID: 'only-an-id', GOOGLE_CLIENT_SECRET: 'only-a-secret' } });
    try {
      expect(await scriptClient(bare).auth.oauthProviders.query()).toEqual([]);
      const start = await fetch(`${bare.url}/auth/oauth/github/start`, { redirect: 'manual' });
      expect(start.status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

describe('GitHub sign-in', () => {
  it('sends the browser to the provider with PKCE, scopes and short-lived HttpOnly flow cookies', async () => {
    const { authorizeUrl, jar } = await begin(app, 'github');
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${fake.url}/github/authorize`);
    expect(authorizeUrl.searchParams.get('client_id')).toBe(clients.github.id);
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${app.deps.config.publicUrl}/auth/oauth/github/callback`);
    expect(authorizeUrl.searchParams.get('scope')).toBe('read:user user:email');
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(jar.setCookies).toHaveLength(3);
    for (const cookie of jar.setCookies) {
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).toMatch(/Max-Age=600/i);
    }
    // The verifier itself never goes to the provider's authorize page.
    const verifier = decodeURIComponent(jar.cookies.get('tessera_oauth_verifier')!);
    expect(authorizeUrl.toString()).not.toContain(verifier);
  });

  it('creates an account (the first one is admin) with a working session, and signs the same person in again', async () => {
    const person = githubPerson(1001, 'Octo@Example.com');
    const first = await githubSignIn(app, fake, person, '/tracker/jobs?tab=open');
    expect(first.location).toBe('/tracker/jobs?tab=open');
    const sessionCookie = first.response.headers.getSetCookie().find((c) => c.startsWith(`${app.deps.config.auth.cookieName}=`));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    // The flow cookies are cleared on the way out.
    for (const name of ['tessera_oauth_state', 'tessera_oauth_verifier', 'tessera_oauth_redirect']) {
      expect(first.jar.cookies.has(name), name).toBe(false);
    }
    const me = await meWith(app, first.jar);
    expect(me).toMatchObject({ via: 'cookie', user: { email: 'octo@example.com', name: 'GitHub User 1001', role: 'admin', emailVerified: true } });

    const [account] = await app.deps.database.db.select().from(schema.users).where(eq(schema.users.email, 'octo@example.com'));
    expect(account!.passwordHash).toBeNull();
    const links = await app.deps.database.db.select().from(schema.oauthAccounts).where(eq(schema.oauthAccounts.userId, account!.id));
    expect(links).toMatchObject([{ provider: 'github', providerUserId: '1001' }]);
    const events = await app.deps.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.targetUserId, account!.id));
    expect(events.map((e) => e.type).sort()).toEqual(['auth.oauth_linked', 'auth.sign_in', 'auth.sign_up']);
    expect(events.find((e) => e.type === 'auth.sign_in')!.metadata).toEqual({ transport: 'cookie', provider: 'github' });

    // Same GitHub account, even with a changed email: the link decides, not the address.
    const again = await githubSignIn(app, fake, githubPerson(1001, 'renamed@example.com'));
    expect(again.location).toBe('/');
    expect((await meWith(app, again.jar))?.user.id).toBe(account!.id);
    const renamed = await app.deps.database.db.select().from(schema.users).where(eq(schema.users.email, 'renamed@example.com'));
    expect(renamed).toHaveLength(0);

    const second = await githubSignIn(app, fake, githubPerson(1002, 'second@example.com'));
    expect((await meWith(app, second.jar))?.user.role).toBe('user');
  });

  it('never logs the access token or the code', () => {
    expect(fake.issuedTokens.length).toBeGreaterThan(0);
    expect(app.logs.lines.length).toBeGreaterThan(0);
    for (const token of fake.issuedTokens) expect(app.logs.text).not.toContain(token);
    for (const code of usedCodes) expect(app.logs.text).not.toContain(code);
  });

  it('links to an existing password account when GitHub has verified the email, and confirms the address', async () => {
    const browser = browserClient(app);
    const { user } = await browser.client.auth.signUp.mutate({ email: 'linda@example.com', password, name: 'Linda' });
    expect(user.emailVerified).toBe(false);
    const result = await githubSignIn(app, fake, githubPerson(2001, 'linda@example.com', true));
    expect(result.location).toBe('/');
    const me = await meWith(app, result.jar);
    expect(me?.user).toMatchObject({ id: user.id, email: 'linda@example.com', emailVerified: true, name: 'Linda' });
    const links = await app.deps.database.db.select().from(schema.oauthAccounts).where(eq(schema.oauthAccounts.userId, user.id));
    expect(links).toHaveLength(1);
    const linked = await app.deps.database.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.targetUserId, user.id), eq(schema.auditEvents.type, 'auth.oauth_linked')));
    expect(linked[0]!.metadata).toEqual({ provider: 'github', newAccount: false });
    // The password still works.
    await scriptClient(app).auth.signIn.mutate({ email: 'linda@example.com', password });
  });

  it('refuses to link when GitHub has not verified the email, and signs nobody in', async () => {
    const { user } = await browserClient(app).client.auth.signUp.mutate({ email: 'victim@example.com', password, name: 'Victim' });
    const attempt = await githubSignIn(app, fake, githubPerson(2002, 'victim@example.com', false), '/settings');
    expect(attempt.location).toBe('/sign-in?oauthError=email_not_verified&redirectTo=%2Fsettings');
    expect(attempt.jar.cookies.has(app.deps.config.auth.cookieName)).toBe(false);
    expect(await meWith(app, attempt.jar)).toBeNull();
    const links = await app.deps.database.db.select().from(schema.oauthAccounts).where(eq(schema.oauthAccounts.userId, user.id));
    expect(links).toHaveLength(0);
    const sessions = await app.deps.database.db.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id));
    expect(sessions).toHaveLength(1); // only the one from sign-up
  });

  it('uses only the primary address, and only when verified', async () => {
    await browserClient(app).client.auth.signUp.mutate({ email: 'secondary@example.com', password, name: 'S' });
    const person: FakePerson = {
      github: {
        id: 2003,
        login: 'sneaky',
        name: null,
        emails: [
          { email: 'secondary@example.com', primary: false, verified: true },
          { email: 'primary-unverified@example.com', primary: true, verified: false },
        ],
      },
    };
    const attempt = await githubSignIn(app, fake, person);
    // Not linked to the secondary address' account, and no account is created for an address
    // GitHub has not verified (it could belong to someone else).
    expect(attempt.location).toContain('oauthError=email_not_verified');
    expect(await meWith(app, attempt.jar)).toBeNull();
    const [created] = await app.deps.database.db.select().from(schema.users).where(eq(schema.users.email, 'primary-unverified@example.com'));
    expect(created).toBeUndefined();
  });

  it('refuses a deactivated account', async () => {
    const done = await githubSignIn(app, fake, githubPerson(3001, 'leaver@example.com'));
    const userId = (await meWith(app, done.jar))!.user.id;
    await app.deps.database.db.update(schema.users).set({ deactivatedAt: new Date() }).where(eq(schema.users.id, userId));
    const refused = await githubSignIn(app, fake, githubPerson(3001, 'leaver@example.com'));
    expect(refused.location).toBe('/sign-in?oauthError=deactivated');
    expect(refused.jar.cookies.has(app.deps.config.auth.cookieName)).toBe(false);
  });
});

describe('callback protections', () => {
  it('refuses a state that does not match the cookie, without calling the token endpoint', async () => {
    const { jar, state } = await begin(app, 'github');
    const code = newCode();
    fake.grant(code, state, githubPerson(4001, 'csrf-target@example.com'));
    const before = fake.tokenRequests.length;
    const wrong = await callback(app, 'github', jar, { code, state: `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}` });
    expect(wrong.location).toBe('/sign-in?oauthError=invalid_state');
    expect(fake.tokenRequests.length).toBe(before);
    expect(jar.cookies.has(app.deps.config.auth.cookieName)).toBe(false);
  });

  it('refuses a callback from a browser that never started the flow (login CSRF)', async () => {
    const { state } = await begin(app, 'github');
    const code = newCode();
    fake.grant(code, state, githubPerson(4002, 'attacker@example.com'));
    const victim = new Jar();
    const result = await callback(app, 'github', victim, { code, state });
    expect(result.location).toBe('/sign-in?oauthError=invalid_state');
    expect(victim.cookies.has(app.deps.config.auth.cookieName)).toBe(false);
  });

  it('refuses a state from another provider’s flow', async () => {
    const { jar, state } = await begin(app, 'github');
    const result = await callback(app, 'google', jar, { code: newCode(), state });
    expect(result.location).toBe('/sign-in?oauthError=invalid_state');
  });

  it('sends a person who denied consent back to sign-in with the reason', async () => {
    const { jar, state } = await begin(app, 'github', new Jar(), '/content');
    const result = await callback(app, 'github', jar, { error: 'access_denied', error_description: 'The user has denied your application access.', state });
    expect(result.location).toBe('/sign-in?oauthError=access_denied&redirectTo=%2Fcontent');
    expect(jar.cookies.size).toBe(0);
  });

  it('sends the PKCE verifier from the cookie, which the provider checks against the challenge', async () => {
    const { jar, state, authorizeUrl } = await begin(app, 'github');
    const verifier = decodeURIComponent(jar.cookies.get('tessera_oauth_verifier')!);
    const code = newCode();
    fake.grant(code, state, githubPerson(5001, 'pkce@example.com'));
    const result = await callback(app, 'github', jar, { code, state });
    expect(result.location).toBe('/');
    const sent = fake.tokenRequests.find((r) => r.code === code)!;
    expect(sent.codeVerifier).toBe(verifier);
    expect(createHash('sha256').update(sent.codeVerifier!).digest('base64url')).toBe(authorizeUrl.searchParams.get('code_challenge'));
    expect(sent.accepted).toBe(true);
  });

  it('fails when the verifier does not match the challenge (a stolen code is useless)', async () => {
    const { jar, state } = await begin(app, 'github');
    jar.cookies.set('tessera_oauth_verifier', 'x'.repeat(43));
    const code = newCode();
    fake.grant(code, state, githubPerson(5002, 'stolen@example.com'));
    const result = await callback(app, 'github', jar, { code, state });
    expect(result.location).toBe('/sign-in?oauthError=invalid_code');
    expect(fake.tokenRequests.find((r) => r.code === code)?.accepted).toBe(false);
    const users = await app.deps.database.db.select().from(schema.users).where(eq(schema.users.email, 'stolen@example.com'));
    expect(users).toHaveLength(0);
  });

  it.each(['//evil.example', 'https://evil.example', '/\\evil.example', 'evil.example', '/\r\nSet-Cookie: x=1'])(
    'ignores redirectTo=%j and lands on /',
    async (redirectTo) => {
      const result = await githubSignIn(app, fake, githubPerson(6001, 'redirect@example.com'), redirectTo);
      expect(result.location).toBe('/');
    },
  );

  it('ignores a redirect cookie tampered to point off-site', async () => {
    const { jar, state } = await begin(app, 'github', new Jar(), '/fine');
    jar.cookies.set('tessera_oauth_redirect', encodeURIComponent('//evil.example/steal'));
    const code = newCode();
    fake.grant(code, state, githubPerson(6001, 'redirect@example.com'));
    expect((await callback(app, 'github', jar, { code, state })).location).toBe('/');
  });

  it('answers provider_unavailable (not a 500) when the provider is down', async () => {
    fake.state.down = true;
    try {
      const { jar, state } = await begin(app, 'github');
      const code = newCode();
      fake.grant(code, state, githubPerson(7001, 'down@example.com'));
      expect((await callback(app, 'github', jar, { code, state })).location).toBe('/sign-in?oauthError=provider_unavailable');
    } finally {
      fake.state.down = false;
    }
    const unreachable = await startTestApp({ env: { ...envFor(fake), OAUTH_GITHUB_TOKEN_URL: 'http://127.0.0.1:9/token' } });
    try {
      const { jar, state } = await begin(unreachable, 'github');
      const code = newCode();
      fake.grant(code, state, githubPerson(7001, 'down@example.com'));
      expect((await callback(unreachable, 'github', jar, { code, state })).location).toBe('/sign-in?oauthError=provider_unavailable');
    } finally {
      await unreachable.close();
    }
  });
});

describe('Google sign-in', () => {
  it('creates an account from verified OpenID userinfo', async () => {
    const { jar, state, authorizeUrl } = await begin(app, 'google', new Jar(), '/studio');
    expect(authorizeUrl.searchParams.get('scope')).toBe('openid email profile');
    expect(authorizeUrl.searchParams.get('client_id')).toBe(clients.google.id);
    const code = newCode();
    fake.grant(code, state, { google: { sub: 'g-123', email: 'grace@example.com', email_verified: true, name: 'Grace Hopper' } });
    const result = await callback(app, 'google', jar, { code, state });
    expect(result.location).toBe('/studio');
    const me = await meWith(app, jar);
    expect(me?.user).toMatchObject({ email: 'grace@example.com', name: 'Grace Hopper', role: 'user', emailVerified: true });
    const [link] = await app.deps.database.db.select().from(schema.oauthAccounts).where(eq(schema.oauthAccounts.providerUserId, 'g-123'));
    expect(link).toMatchObject({ provider: 'google', userId: me!.user.id });
  });
});
