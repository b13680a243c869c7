import { appRouter } from '@tessera/api/router';
import type { TesseraServer } from '@tessera/api/server';

const password = 'correct horse battery staple';

/**
 * A new person on a running API (`base` is its URL): signed up and signed in over HTTP like a
 * script would, with their bearer token, and a tRPC caller with their context for calls that
 * leave HTTP out (service-level measurements).
 */
export async function benchPerson(base: string, deps: TesseraServer['deps'], email: string, name = 'Bench Person') {
  const post = (path: string, json: unknown) =>
    fetch(`${base}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json }) });
  const signUp = await post('auth.signUp', { email, password, name });
  if (!signUp.ok) throw new Error(`signUp answered ${signUp.status}: ${await signUp.text()}`);
  const signIn = (await (await post('auth.signIn', { email, password, transport: 'bearer' })).json()) as { result: { data: { json: { token: string } } } };
  const token = signIn.result.data.json.token;
  const session = await deps.sessions.validate(token);
  if (!session) throw new Error(`no session for ${email}`);
  const ctx = {
    ...deps,
    db: deps.database.db,
    requestId: 'bench',
    ip: '127.0.0.1',
    userAgent: 'bench',
    auth: { user: session.user, via: 'bearer' as const, sessionId: session.sessionId, tokenId: null },
    cookies: { set: () => undefined, clear: () => undefined },
  };
  return { token, userId: session.user.id, caller: appRouter.createCaller(ctx) };
}
