import { initTRPC, TRPCError } from '@trpc/server';
import { resolveResponse } from '@trpc/server/http';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createQueryResponder } from './trpc-queries';
import { wireFormat } from './wire-format';

/**
 * The GET query fast path must answer exactly as tRPC's own `resolveResponse` does: same status,
 * same body, for single calls, batches, errors and mixed batches — checked here side by side.
 */

const t = initTRPC.context<{ user: string | null }>().create({
  transformer: wireFormat,
  errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, cause: error.cause instanceof Error ? error.cause.message : null } }),
});
const signedIn = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
  return next({ ctx: { user: ctx.user } });
});
const router = t.router({
  hello: t.procedure.query(() => ({ hello: 'world', at: new Date('2026-11-30T00:00:00Z') })),
  add: t.procedure.input(z.object({ a: z.number(), b: z.number() })).query(({ input }) => input.a + input.b),
  me: signedIn.query(({ ctx }) => ctx.user),
  missing: t.procedure.input(z.object({ id: z.string() })).query(({ input }) => {
    throw new TRPCError({ code: 'NOT_FOUND', message: `No ${input.id}.` });
  }),
  boom: t.procedure.query(() => {
    throw new Error('database gone');
  }),
  save: t.procedure.input(z.object({ a: z.number() })).mutation(({ input }) => input.a),
});

const maxBatchSize = 3;
const answer = createQueryResponder({ router, maxBatchSize });

/** Error stacks name different call sites (tRPC adds them outside production): left out of the comparison. */
function withoutStacks(body: string): unknown {
  return JSON.parse(body, (key, value: unknown) => (key === 'stack' ? undefined : value));
}

const encode = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const one = (value: unknown) => encode(superjson.serialize(value));
const batch = (...values: unknown[]) => encode(Object.fromEntries(values.map((value, i) => [i, superjson.serialize(value)])));

async function both(url: string, user: string | null = 'ann') {
  const path = url.slice('/trpc/'.length).split('?')[0]!;
  const fast = await answer(url, path, () => Promise.resolve({ user }));
  const response = await resolveResponse({
    router,
    req: new Request(`http://localhost${url}`),
    path,
    error: null,
    maxBatchSize,
    createContext: () => Promise.resolve({ user }),
  });
  return { fast, trpc: { status: response.status, body: await response.text() } };
}

describe('GET query fast path (platform/trpc-queries.ts)', () => {
  it.each([
    ['a query without input (a Date in the answer)', '/trpc/hello'],
    ['a query with input', `/trpc/add?input=${one({ a: 2, b: 3 })}`],
    ['invalid input', `/trpc/add?input=${one({ a: 'two', b: 3 })}`],
    ['a middleware refusing', '/trpc/me'],
    ['a procedure throwing a TRPCError', `/trpc/missing?input=${one({ id: 'x1' })}`],
    ['a procedure throwing anything else', '/trpc/boom'],
    ['a batch', `/trpc/hello,add?batch=1&input=${batch(undefined, { a: 1, b: 1 })}`],
    ['a batch with mixed outcomes (207)', `/trpc/add,missing,me?batch=1&input=${batch({ a: 1, b: 2 }, { id: 'y' }, undefined)}`],
    ['a batch where every call fails the same way', `/trpc/me,me?batch=1&input=${batch(undefined, undefined)}`],
  ])('answers %s as tRPC does', async (_what, url) => {
    const user = url.includes('/me') ? null : 'ann';
    const { fast, trpc } = await both(url, user);
    expect(fast).not.toBeNull();
    expect(fast!.status).toBe(trpc.status);
    expect(withoutStacks(fast!.body)).toEqual(withoutStacks(trpc.body));
  });

  it.each([
    ['an unknown procedure', '/trpc/nope'],
    ['a mutation over GET', `/trpc/save?input=${one({ a: 1 })}`],
    ['a batch over the limit', `/trpc/hello,hello,hello,hello?batch=1`],
    ['input that is not JSON', '/trpc/add?input=%7Bnot-json'],
    ['a batch whose input is not an object', `/trpc/hello?batch=1&input=${encode(5)}`],
  ])('leaves %s to tRPC', async (_what, url) => {
    const path = url.slice('/trpc/'.length).split('?')[0]!;
    expect(await answer(url, path, () => Promise.resolve({ user: 'ann' }))).toBeNull();
  });

  it('leaves a request to tRPC when its context cannot be made', async () => {
    expect(await answer('/trpc/hello', 'hello', () => Promise.reject(new Error('no database')))).toBeNull();
  });
});
