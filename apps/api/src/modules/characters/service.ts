import { randomBytes, randomInt } from 'node:crypto';
import { AiInvalidOutputError } from '@tessera/ai';
import { type DbOrTx, schema } from '@tessera/db';
import {
  type CharacterForm,
  type CharacterSection,
  characterFormSchema,
  characterSections,
  characterSectionSchemas,
  characterSheetSchema,
  type characterExportFormats,
  type listCharactersInput,
  type StoredCharacterSheet,
  type updateCharacterInput,
} from '@tessera/validation/characters';
import { TRPCError } from '@trpc/server';
import { and, count, desc, eq, gte, ilike, inArray, min } from 'drizzle-orm';
import { z } from 'zod';
import { aiErrorToTrpc } from '../../platform/ai';
import { notFound, ownedBy } from '../../platform/ownership';
import { afterCursor, pageOf } from '../../platform/pagination';
import { type Context, fieldError } from '../../trpc';
import { fileBase, toCardV2, toJson, toMarkdown, toPdf } from './exports';
import { characterPrompt, presentSections, salvageSheet, sectionPrompt } from './prompts';

type AuthedContext = Context & { auth: NonNullable<Context['auth']> };

const c = schema.characters;

/** Explicit columns: what the owner sees (everything but the user id and search text). */
const ownerColumns = {
  id: c.id,
  name: c.name,
  inputs: c.inputs,
  seed: c.seed,
  sheet: c.sheet,
  missing: c.missing,
  lockedSections: c.lockedSections,
  provider: c.provider,
  model: c.model,
  generationMs: c.generationMs,
  attempts: c.attempts,
  revision: c.revision,
  shareId: c.shareId,
  sharedAt: c.sharedAt,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  regeneratedAt: c.regeneratedAt,
};

type CharacterRow = Pick<typeof c.$inferSelect, keyof typeof ownerColumns>;

/** Generation features: each counts against the per-minute limit and the daily quota. */
const generationFeatures = ['characters.generate', 'characters.regenerate', 'characters.regenerateSection'] as const;
type GenerationFeature = (typeof generationFeatures)[number];

function viewOf(ctx: Context, row: CharacterRow) {
  return {
    id: row.id,
    name: row.name,
    inputs: formOf(row.inputs),
    seed: row.seed,
    sheet: row.sheet as StoredCharacterSheet,
    missing: row.missing as CharacterSection[],
    lockedSections: row.lockedSections as CharacterSection[],
    provider: row.provider,
    model: row.model,
    generationMs: row.generationMs,
    attempts: row.attempts,
    revision: row.revision,
    share: row.shareId
      ? { enabled: true as const, shareId: row.shareId, url: shareUrl(ctx, row.shareId), sharedAt: row.sharedAt }
      : { enabled: false as const, shareId: null, url: null, sharedAt: null },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    regeneratedAt: row.regeneratedAt,
  };
}
export type CharacterView = ReturnType<typeof viewOf>;

function formOf(inputs: Record<string, unknown>): CharacterForm {
  // Stored inputs were validated on the way in; parse again so the type is the form's.
  const parsed = characterFormSchema.safeParse(inputs);
  return parsed.success ? parsed.data : characterFormSchema.parse({ genre: 'fantasy' });
}

const shareUrl = (ctx: Context, shareId: string) => `${ctx.config.publicUrl}/shared/characters/${shareId}`;

function searchTextOf(name: string, form: CharacterForm): string {
  return [name, form.genre, form.setting, form.species, form.role, form.tone].filter(Boolean).join(' ').toLowerCase();
}

/** `%` and `_` typed by a person are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

async function findOwned(db: DbOrTx, ctx: AuthedContext, id: string): Promise<CharacterRow> {
  const [row] = await db.select(ownerColumns).from(c).where(and(eq(c.id, id), ownedBy(c.userId, ctx.auth))).limit(1);
  if (!row) throw notFound('Character');
  return row;
}

async function publishChanged(ctx: AuthedContext, characterId: string) {
  await ctx.events.publish({ type: 'characters.changed', userId: ctx.auth.user.id, characterId, at: ctx.clock() });
}

// ---------------------------------------------------------------------------------------------
// Rate limit and daily quota

/** Generations in flight per user on this process: counted too, so parallel requests cannot slip past. */
const inFlight = new Map<string, number>();

function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

function inWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Where the user stands: generations used this minute and today, and when each window frees up. */
export async function quota(ctx: AuthedContext) {
  const now = ctx.clock();
  const minuteAgo = new Date(now.getTime() - 60_000);
  const dayStart = startOfUtcDay(now);
  const mine = and(eq(schema.aiUsage.userId, ctx.auth.user.id), inArray(schema.aiUsage.feature, [...generationFeatures]));
  const [[lastMinute], [today]] = await Promise.all([
    ctx.db.select({ used: count(), oldest: min(schema.aiUsage.createdAt) }).from(schema.aiUsage).where(and(mine, gte(schema.aiUsage.createdAt, minuteAgo))),
    ctx.db.select({ used: count() }).from(schema.aiUsage).where(and(mine, gte(schema.aiUsage.createdAt, dayStart))),
  ]);
  const pending = inFlight.get(ctx.auth.user.id) ?? 0;
  const oldest = lastMinute?.oldest ? new Date(lastMinute.oldest) : now;
  return {
    perMinute: {
      limit: ctx.config.characters.ratePerMinute,
      used: (lastMinute?.used ?? 0) + pending,
      resetsAt: new Date(oldest.getTime() + 60_000),
    },
    daily: {
      limit: ctx.config.characters.dailyQuota,
      used: (today?.used ?? 0) + pending,
      resetsAt: new Date(dayStart.getTime() + 86_400_000),
    },
  };
}

async function enforceLimits(ctx: AuthedContext) {
  const now = ctx.clock();
  const state = await quota(ctx);
  if (state.daily.used >= state.daily.limit) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `You have used today's ${state.daily.limit} character generations. The quota resets at 00:00 UTC (in ${inWords(state.daily.resetsAt.getTime() - now.getTime())}).`,
    });
  }
  if (state.perMinute.used >= state.perMinute.limit) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `You can generate ${state.perMinute.limit} characters per minute. Try again in ${inWords(state.perMinute.resetsAt.getTime() - now.getTime())} (at ${state.perMinute.resetsAt.toISOString().slice(11, 19)} UTC).`,
    });
  }
}

/** Check the limits, then run one generation counted as in flight until it is recorded. */
async function limited<T>(ctx: AuthedContext, run: () => Promise<T>): Promise<T> {
  await enforceLimits(ctx);
  const user = ctx.auth.user.id;
  inFlight.set(user, (inFlight.get(user) ?? 0) + 1);
  try {
    return await run();
  } finally {
    const left = (inFlight.get(user) ?? 1) - 1;
    if (left > 0) inFlight.set(user, left);
    else inFlight.delete(user);
  }
}

function metaOf(ctx: AuthedContext, feature: GenerationFeature) {
  return { userId: ctx.auth.user.id, feature, requestId: ctx.requestId };
}

/** Seeds stay in the positive 31-bit range every provider accepts. */
const nextSeed = (seed: number, revision: number) => (seed + revision * 7919) % 2_147_483_647;

// ---------------------------------------------------------------------------------------------
// Generation

interface Generated {
  sheet: StoredCharacterSheet;
  missing: CharacterSection[];
  provider: string;
  model: string;
  generationMs: number;
  attempts: number;
}

/** Locked sections win over whatever the model answered, and are never missing. */
function applyLocks(generated: { sheet: StoredCharacterSheet; missing: CharacterSection[] }, locked: Record<string, unknown>) {
  const sheet = { ...generated.sheet, ...locked };
  return { sheet, missing: generated.missing.filter((section) => !(section in locked)) };
}

/** A full character from the model; an answer that does not fit keeps what fits, the rest missing. */
async function generateSheet(ctx: AuthedContext, form: CharacterForm, seed: number, fixed: Record<string, unknown>, feature: GenerationFeature, signal?: AbortSignal): Promise<Generated> {
  const started = performance.now();
  const ai = ctx.ai;
  try {
    const result = await ai.generateObject({ schema: characterSheetSchema, name: 'character', ...characterPrompt(form, fixed), seed, signal, meta: metaOf(ctx, feature) });
    return {
      ...applyLocks({ sheet: result.object, missing: [] }, fixed),
      provider: ai.status.provider,
      model: ai.status.model,
      generationMs: Math.round(performance.now() - started),
      attempts: result.attempts,
    };
  } catch (error) {
    return salvaged(ctx, error, fixed, started);
  }
}

function salvaged(ctx: AuthedContext, error: unknown, fixed: Record<string, unknown>, started: number): Generated {
  if (error instanceof AiInvalidOutputError) {
    const kept = salvageSheet(error.details.value);
    if (kept) {
      ctx.logger.warn({ missing: kept.missing, issues: error.details.issues }, 'character saved with missing sections');
      return {
        ...applyLocks(kept, fixed),
        provider: ctx.ai.status.provider,
        model: ctx.ai.status.model,
        generationMs: Math.round(performance.now() - started),
        attempts: error.details.attempts,
      };
    }
  }
  throw aiErrorToTrpc(error, ctx.logger);
}

async function insertCharacter(ctx: AuthedContext, form: CharacterForm, seed: number, generated: Generated) {
  const name = generated.sheet.name ?? 'Unnamed character';
  const now = ctx.clock();
  const [row] = await ctx.db
    .insert(c)
    .values({
      userId: ctx.auth.user.id,
      name,
      inputs: { ...form, seed },
      seed,
      sheet: generated.sheet,
      missing: generated.missing,
      lockedSections: [],
      provider: generated.provider,
      model: generated.model,
      generationMs: generated.generationMs,
      attempts: generated.attempts,
      searchText: searchTextOf(name, form),
      createdAt: now,
      updatedAt: now,
    })
    .returning(ownerColumns);
  await publishChanged(ctx, row!.id);
  return viewOf(ctx, row!);
}

export async function generate(ctx: AuthedContext, form: CharacterForm) {
  return limited(ctx, async () => {
    const seed = form.seed ?? randomInt(0, 2_147_483_647);
    const generated = await generateSheet(ctx, form, seed, {}, 'characters.generate');
    return insertCharacter(ctx, form, seed, generated);
  });
}

export type GenerationEvent =
  | { type: 'partial'; sheet: Partial<Record<CharacterSection, unknown>>; completed: CharacterSection[] }
  | { type: 'saved'; character: CharacterView };

/**
 * The same generation, streamed: partial sheets as sections arrive (`completed` lists the ones
 * already whole), then the saved character. Closing the subscription cancels the model call.
 */
export async function* generateStream(ctx: AuthedContext, form: CharacterForm, signal?: AbortSignal): AsyncGenerator<GenerationEvent, void, undefined> {
  await enforceLimits(ctx);
  const user = ctx.auth.user.id;
  inFlight.set(user, (inFlight.get(user) ?? 0) + 1);
  const started = performance.now();
  const seed = form.seed ?? randomInt(0, 2_147_483_647);
  let generated: Generated | undefined;
  try {
    try {
      for await (const event of ctx.ai.streamObject({ schema: characterSheetSchema, name: 'character', ...characterPrompt(form, {}), seed, signal, meta: metaOf(ctx, 'characters.generate') })) {
        if (event.type === 'partial') {
          const keys = Object.keys(event.partial).filter((k): k is CharacterSection => (characterSections as readonly string[]).includes(k));
          yield { type: 'partial', sheet: event.partial, completed: keys.slice(0, -1) };
        } else {
          generated = {
            sheet: event.object,
            missing: [],
            provider: ctx.ai.status.provider,
            model: ctx.ai.status.model,
            generationMs: Math.round(performance.now() - started),
            attempts: event.attempts,
          };
        }
      }
    } catch (error) {
      generated = salvaged(ctx, error, {}, started);
    }
  } finally {
    const left = (inFlight.get(user) ?? 1) - 1;
    if (left > 0) inFlight.set(user, left);
    else inFlight.delete(user);
  }
  if (!generated) return;
  yield { type: 'saved', character: await insertCharacter(ctx, form, seed, generated) };
}

/** Every unlocked section again; locked ones are kept and given to the model as context. */
export async function regenerate(ctx: AuthedContext, input: { id: string }) {
  const row = await findOwned(ctx.db, ctx, input.id);
  const locked = presentSections(row.sheet, row.lockedSections as CharacterSection[]);
  if (Object.keys(locked).length === characterSections.length) {
    throw fieldError('lockedSections', 'Every section is locked: unlock at least one to regenerate.');
  }
  return limited(ctx, async () => {
    const form = formOf(row.inputs);
    const revision = row.revision + 1;
    const generated = await generateSheet(ctx, form, nextSeed(row.seed, revision), locked, 'characters.regenerate');
    return saveGeneration(ctx, row, form, generated, revision);
  });
}

/** One section again, with the rest of the character as context. A locked section is refused. */
export async function regenerateSection(ctx: AuthedContext, input: { id: string; section: CharacterSection }) {
  const row = await findOwned(ctx.db, ctx, input.id);
  if ((row.lockedSections as CharacterSection[]).includes(input.section)) {
    throw fieldError('section', 'This section is locked: unlock it to regenerate it.');
  }
  return limited(ctx, async () => {
    const form = formOf(row.inputs);
    const revision = row.revision + 1;
    const sheet = row.sheet as StoredCharacterSheet;
    const context = presentSections(sheet, characterSections.filter((s) => s !== input.section));
    const sectionSchema = z.object({ [input.section]: characterSectionSchemas[input.section] });
    const started = performance.now();
    let result;
    try {
      result = await ctx.ai.generateObject({ schema: sectionSchema, name: 'character', ...sectionPrompt(form, input.section, context), seed: nextSeed(row.seed, revision), meta: metaOf(ctx, 'characters.regenerateSection') });
    } catch (error) {
      // The section keeps its previous value: nothing is saved when the model fails.
      throw aiErrorToTrpc(error, ctx.logger);
    }
    const generated: Generated = {
      sheet: { ...sheet, [input.section]: result.object[input.section] },
      missing: (row.missing as CharacterSection[]).filter((s) => s !== input.section),
      provider: ctx.ai.status.provider,
      model: ctx.ai.status.model,
      generationMs: Math.round(performance.now() - started),
      attempts: result.attempts,
    };
    return saveGeneration(ctx, row, form, generated, revision);
  });
}

async function saveGeneration(ctx: AuthedContext, row: CharacterRow, form: CharacterForm, generated: Generated, revision: number) {
  const name = generated.sheet.name ?? row.name;
  const now = ctx.clock();
  const [updated] = await ctx.db
    .update(c)
    .set({
      name,
      sheet: generated.sheet,
      missing: generated.missing,
      provider: generated.provider,
      model: generated.model,
      generationMs: generated.generationMs,
      attempts: generated.attempts,
      revision,
      searchText: searchTextOf(name, form),
      updatedAt: now,
      regeneratedAt: now,
    })
    .where(and(eq(c.id, row.id), ownedBy(c.userId, ctx.auth)))
    .returning(ownerColumns);
  if (!updated) throw notFound('Character');
  await publishChanged(ctx, row.id);
  return viewOf(ctx, updated);
}

// ---------------------------------------------------------------------------------------------
// History and editing

export async function list(ctx: AuthedContext, input: z.output<typeof listCharactersInput>) {
  const where = and(ownedBy(c.userId, ctx.auth), input.search ? ilike(c.searchText, likePattern(input.search)) : undefined);
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    ctx.db
      .select({
        id: c.id,
        name: c.name,
        inputs: c.inputs,
        sheet: c.sheet,
        missing: c.missing,
        lockedSections: c.lockedSections,
        shareId: c.shareId,
        provider: c.provider,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
      })
      .from(c)
      .where(and(where, afterCursor(input.cursor, c.createdAt, c.id)))
      .orderBy(desc(c.createdAt), desc(c.id))
      .limit(input.limit + 1),
    ctx.db.select({ total: count() }).from(c).where(where),
  ]);
  const page = pageOf(rows, input.limit);
  return {
    items: page.items.map((row) => {
      const form = formOf(row.inputs);
      const sheet = row.sheet as StoredCharacterSheet;
      return {
        id: row.id,
        name: row.name,
        genre: form.genre,
        species: form.species ?? null,
        role: form.role ?? null,
        pronouns: sheet.pronouns,
        age: sheet.age,
        /** The first sentence of the backstory, for the history card. */
        summary: sheet.backstory ? (sheet.backstory.split(/(?<=[.!?])\s/)[0] ?? '').slice(0, 240) : null,
        missingCount: (row.missing).length,
        lockedCount: (row.lockedSections).length,
        shared: row.shareId !== null,
        provider: row.provider,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      };
    }),
    nextCursor: page.nextCursor,
    total,
  };
}

export async function get(ctx: AuthedContext, input: { id: string }) {
  return viewOf(ctx, await findOwned(ctx.db, ctx, input.id));
}

/** Edit any sections (the name renames the character) and/or replace the set of locked sections. */
export async function update(ctx: AuthedContext, input: z.output<typeof updateCharacterInput>) {
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await findOwned(tx, ctx, input.id);
    const patch = input.sheet ?? {};
    const edited = Object.keys(patch) as CharacterSection[];
    const sheet = { ...(row.sheet as StoredCharacterSheet), ...patch };
    const name = patch.name ?? row.name;
    const locked = input.lockedSections ? [...new Set(input.lockedSections)] : (row.lockedSections as CharacterSection[]);
    const stillMissing = (row.missing as CharacterSection[]).filter((s) => !edited.includes(s));
    const lockedMissing = locked.filter((s) => stillMissing.includes(s));
    if (lockedMissing.length) {
      throw fieldError('lockedSections', `A missing section cannot be locked: ${lockedMissing.join(', ')}. Fill it in or regenerate it first.`);
    }
    const [result] = await tx
      .update(c)
      .set({
        name,
        sheet,
        missing: stillMissing,
        lockedSections: characterSections.filter((s) => locked.includes(s)),
        searchText: searchTextOf(name, formOf(row.inputs)),
        updatedAt: ctx.clock(),
      })
      .where(and(eq(c.id, row.id), ownedBy(c.userId, ctx.auth)))
      .returning(ownerColumns);
    return result!;
  });
  await publishChanged(ctx, updated.id);
  return viewOf(ctx, updated);
}

export async function duplicate(ctx: AuthedContext, input: { id: string }) {
  const copy = await ctx.db.transaction(async (tx) => {
    const row = await findOwned(tx, ctx, input.id);
    const name = `${row.name} (copy)`.slice(0, 200);
    const sheet = { ...(row.sheet as StoredCharacterSheet) };
    const now = ctx.clock();
    const [inserted] = await tx
      .insert(c)
      .values({
        userId: ctx.auth.user.id,
        name,
        inputs: row.inputs,
        seed: row.seed,
        sheet,
        missing: row.missing,
        lockedSections: row.lockedSections,
        provider: row.provider,
        model: row.model,
        generationMs: row.generationMs,
        attempts: row.attempts,
        revision: row.revision,
        searchText: searchTextOf(name, formOf(row.inputs)),
        createdAt: now,
        updatedAt: now,
      })
      .returning(ownerColumns);
    return inserted!;
  });
  await publishChanged(ctx, copy.id);
  return viewOf(ctx, copy);
}

export async function remove(ctx: AuthedContext, input: { id: string }) {
  const [deleted] = await ctx.db.delete(c).where(and(eq(c.id, input.id), ownedBy(c.userId, ctx.auth))).returning({ id: c.id });
  if (!deleted) throw notFound('Character');
  await publishChanged(ctx, deleted.id);
  return { ok: true as const, id: deleted.id };
}

// ---------------------------------------------------------------------------------------------
// Export and sharing

export async function exportCharacter(ctx: AuthedContext, input: { id: string; format: (typeof characterExportFormats)[number] }) {
  const row = await findOwned(ctx.db, ctx, input.id);
  const character = { ...row, sheet: row.sheet as StoredCharacterSheet, missing: row.missing as CharacterSection[] };
  const base = fileBase(row.name);
  switch (input.format) {
    case 'json':
      return { filename: `${base}.json`, contentType: 'application/json', encoding: 'utf8' as const, content: toJson(character) };
    case 'markdown':
      return { filename: `${base}.md`, contentType: 'text/markdown; charset=utf-8', encoding: 'utf8' as const, content: toMarkdown(character) };
    case 'card-v2':
      return { filename: `${base}.card-v2.json`, contentType: 'application/json', encoding: 'utf8' as const, content: JSON.stringify(toCardV2(character), null, 2) };
    case 'pdf':
      return { filename: `${base}.pdf`, contentType: 'application/pdf', encoding: 'base64' as const, content: (await toPdf(character)).toString('base64') };
  }
}

export async function enableShare(ctx: AuthedContext, input: { id: string }) {
  const row = await findOwned(ctx.db, ctx, input.id);
  if (row.shareId) return { shareId: row.shareId, url: shareUrl(ctx, row.shareId) };
  // 144 random bits: links cannot be guessed or enumerated.
  const shareId = randomBytes(18).toString('base64url');
  await ctx.db.update(c).set({ shareId, sharedAt: ctx.clock() }).where(and(eq(c.id, row.id), ownedBy(c.userId, ctx.auth)));
  await publishChanged(ctx, row.id);
  return { shareId, url: shareUrl(ctx, shareId) };
}

export async function disableShare(ctx: AuthedContext, input: { id: string }) {
  const row = await findOwned(ctx.db, ctx, input.id);
  await ctx.db.update(c).set({ shareId: null, sharedAt: null }).where(and(eq(c.id, row.id), ownedBy(c.userId, ctx.auth)));
  await publishChanged(ctx, row.id);
  return { ok: true as const };
}

/** The public, read-only page behind a share link: only while sharing is on, and nothing private. */
export async function shared(ctx: Context, input: { shareId: string }) {
  const [row] = await ctx.db
    .select({ name: c.name, inputs: c.inputs, sheet: c.sheet, missing: c.missing, createdAt: c.createdAt, updatedAt: c.updatedAt })
    .from(c)
    .where(eq(c.shareId, input.shareId))
    .limit(1);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'This share link does not exist or was turned off.' });
  const form = formOf(row.inputs);
  return {
    name: row.name,
    genre: form.genre,
    species: form.species ?? null,
    role: form.role ?? null,
    sheet: row.sheet as StoredCharacterSheet,
    missing: row.missing as CharacterSection[],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
