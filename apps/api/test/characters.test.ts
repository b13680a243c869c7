import { schema } from '@tessera/db';
import { characterSections, characterSheetSchema, type CharacterSection } from '@tessera/validation/characters';
import type { inferRouterOutputs } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../src/router';
import { collect, type Person, roomyLimits, signedIn } from './characters-helpers';
import { errorOf, scriptClient, startTestApp, type TestApp } from './harness';

type Outputs = inferRouterOutputs<AppRouter>;
type GenerationEvent = Outputs['characters']['onGenerate'] extends AsyncIterable<infer E> ? E : never;

let app: TestApp;
let alice: Person;
let bob: Person;
const changed: { userId: string; characterId: string }[] = [];

beforeAll(async () => {
  app = await startTestApp({ env: roomyLimits });
  alice = await signedIn(app, 'alice@example.com');
  bob = await signedIn(app, 'bob@example.com');
  app.deps.events.subscribe('characters.changed', (event) => {
    changed.push({ userId: event.userId, characterId: event.characterId });
  });
});
afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await app?.close();
});

const brief = { genre: 'fantasy', species: 'elf', role: 'ranger', alignment: 'chaotic-good', tone: 'heroic', ageRange: 'adult', hints: 'Afraid of deep water.' } as const;

describe('characters.generate (offline provider)', () => {
  it('saves a complete, schema-valid character with its inputs, seed, provider, model and timings', async () => {
    const character = await alice.client.characters.generate.mutate({ ...brief, seed: 1234 });
    expect(characterSheetSchema.safeParse(character.sheet).success).toBe(true);
    expect(character.missing).toEqual([]);
    expect(character).toMatchObject({ seed: 1234, provider: 'offline', model: 'offline-templates-1', name: character.sheet.name, lockedSections: [], revision: 0 });
    expect(character.inputs).toMatchObject({ ...brief, seed: 1234 });
    expect(character.generationMs).toBeGreaterThanOrEqual(0);
    expect(character.sheet.backstory).toContain('Afraid of deep water.');
    expect(changed).toContainEqual({ userId: alice.userId, characterId: character.id });
    // The call's usage is on record for alice.
    const usage = await app.database.db.select().from(schema.aiUsage).where(eq(schema.aiUsage.userId, alice.userId));
    expect(usage.at(-1)).toMatchObject({ feature: 'characters.generate', operation: 'object', provider: 'offline', status: 'ok' });
    expect(usage.at(-1)!.totalTokens).toBeGreaterThan(100);
  });

  it('gives the same character for the same inputs and seed', async () => {
    const a = await alice.client.characters.generate.mutate({ ...brief, seed: 99 });
    const b = await alice.client.characters.generate.mutate({ ...brief, seed: 99 });
    const c = await alice.client.characters.generate.mutate({ ...brief, seed: 100 });
    expect(b.id).not.toBe(a.id);
    expect(b.sheet).toEqual(a.sheet);
    expect(c.sheet).not.toEqual(a.sheet);
  });

  it('picks and stores a seed when none is given, which reproduces the character', async () => {
    const first = await alice.client.characters.generate.mutate({ genre: 'cyberpunk' });
    expect(Number.isInteger(first.seed)).toBe(true);
    const again = await alice.client.characters.generate.mutate({ genre: 'cyberpunk', seed: first.seed });
    expect(again.sheet).toEqual(first.sheet);
  });

  it('rejects invalid input with field errors and saves nothing', async () => {
    const before = (await alice.client.characters.list.query({})).total;
    const tooLong = await errorOf(alice.client.characters.generate.mutate({ genre: 'fantasy', hints: 'x'.repeat(1001) }));
    expect(tooLong.data.code).toBe('BAD_REQUEST');
    expect(tooLong.data.fieldErrors?.hints?.[0]).toMatch(/at most 1000/);
    const badGenre = await errorOf(alice.client.characters.generate.mutate({ genre: 'opera' as 'fantasy' }));
    expect(badGenre.data.fieldErrors?.genre).toEqual(['Choose a genre']);
    const badSeed = await errorOf(alice.client.characters.generate.mutate({ genre: 'fantasy', seed: -1 }));
    expect(badSeed.data.fieldErrors?.seed).toBeDefined();
    expect((await alice.client.characters.list.query({})).total).toBe(before);
  });

  it('requires a signed-in user', async () => {
    const error = await errorOf(scriptClient(app).characters.generate.mutate({ genre: 'fantasy' }));
    expect(error.data.code).toBe('UNAUTHORIZED');
  });
});

describe('history: list, search, pages', () => {
  it('pages newest first with a total, and searches name, genre, species and role', async () => {
    const person = await signedIn(app, 'historian@example.com');
    try {
      for (let i = 0; i < 7; i++) await person.client.characters.generate.mutate({ genre: i % 2 ? 'western' : 'horror', role: i === 3 ? 'lighthouse keeper' : undefined, seed: i });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await person.client.characters.list.query({ limit: 3, cursor });
        expect(page.total).toBe(7);
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size).toBe(7);
      expect((await person.client.characters.list.query({ search: 'WESTERN' })).total).toBe(3);
      expect((await person.client.characters.list.query({ search: 'lighthouse' })).items.map((i) => i.role)).toEqual(['lighthouse keeper']);
      expect((await person.client.characters.list.query({ search: '%' })).total).toBe(0);
      const [newest] = (await person.client.characters.list.query({ limit: 1 })).items;
      expect(newest).toMatchObject({ genre: 'horror', missingCount: 0, lockedCount: 0, shared: false });
      expect(newest!.summary).toBeTruthy();
      // Someone else's history stays out of it.
      expect((await bob.client.characters.list.query({ search: 'lighthouse' })).total).toBe(0);
    } finally {
      await person.close();
    }
  });
});

describe('editing, locking and regenerating', () => {
  it('renames and edits any section, validating each', async () => {
    const character = await alice.client.characters.generate.mutate({ ...brief, seed: 5 });
    const edited = await alice.client.characters.update.mutate({
      id: character.id,
      sheet: { name: 'Sorrel Windmere', backstory: 'Raised by lighthouse keepers.', stats: { ...character.sheet.stats!, wisdom: 20 } },
    });
    expect(edited.name).toBe('Sorrel Windmere');
    expect(edited.sheet).toMatchObject({ name: 'Sorrel Windmere', backstory: 'Raised by lighthouse keepers.', stats: { wisdom: 20 }, quotes: character.sheet.quotes });
    expect((await alice.client.characters.list.query({ search: 'windmere' })).total).toBe(1);
    const invalid = await errorOf(alice.client.characters.update.mutate({ id: character.id, sheet: { stats: { ...character.sheet.stats!, strength: 25 } } }));
    expect(invalid.data.code).toBe('BAD_REQUEST');
    expect(invalid.data.fieldErrors?.['sheet.stats.strength']).toBeDefined();
    const empty = await errorOf(alice.client.characters.update.mutate({ id: character.id, sheet: { name: '   ' } }));
    expect(empty.data.fieldErrors?.['sheet.name']).toEqual(['Name cannot be empty']);
  });

  it('keeps locked sections when regenerating the rest, and gives them to the model as context', async () => {
    const character = await alice.client.characters.generate.mutate({ ...brief, seed: 77 });
    const locked: CharacterSection[] = ['name', 'stats', 'quotes'];
    await alice.client.characters.update.mutate({ id: character.id, sheet: { name: 'Tamsin Reedwater' }, lockedSections: locked });
    const regenerated = await alice.client.characters.regenerate.mutate({ id: character.id });
    expect(regenerated.revision).toBe(1);
    expect(regenerated.lockedSections).toEqual(locked);
    expect(regenerated.sheet.name).toBe('Tamsin Reedwater');
    expect(regenerated.sheet.stats).toEqual(character.sheet.stats);
    expect(regenerated.sheet.quotes).toEqual(character.sheet.quotes);
    // The unlocked rest is new, and built around the locked name.
    const unlocked = characterSections.filter((s) => !locked.includes(s));
    expect(unlocked.filter((s) => JSON.stringify(regenerated.sheet[s]) !== JSON.stringify(character.sheet[s])).length).toBeGreaterThanOrEqual(5);
    expect(regenerated.sheet.backstory).toContain('Tamsin Reedwater');
    expect(regenerated.regeneratedAt).not.toBeNull();
    // Everything locked: nothing to regenerate.
    await alice.client.characters.update.mutate({ id: character.id, lockedSections: [...characterSections] });
    const allLocked = await errorOf(alice.client.characters.regenerate.mutate({ id: character.id }));
    expect(allLocked.data.fieldErrors?.lockedSections).toBeDefined();
  });

  it('regenerates one section only, and refuses a locked one', async () => {
    const character = await alice.client.characters.generate.mutate({ ...brief, seed: 31 });
    const next = await alice.client.characters.regenerateSection.mutate({ id: character.id, section: 'backstory' });
    expect(next.sheet.backstory).not.toBe(character.sheet.backstory);
    expect(next.sheet.backstory).toContain(character.sheet.name!.split(' ')[0]!);
    for (const section of characterSections.filter((s) => s !== 'backstory')) expect(next.sheet[section]).toEqual(character.sheet[section]);
    await alice.client.characters.update.mutate({ id: character.id, lockedSections: ['backstory'] });
    const refused = await errorOf(alice.client.characters.regenerateSection.mutate({ id: character.id, section: 'backstory' }));
    expect(refused.data.code).toBe('BAD_REQUEST');
    expect(refused.data.fieldErrors?.section?.[0]).toMatch(/locked/);
    const unknown = await errorOf(alice.client.characters.regenerateSection.mutate({ id: character.id, section: 'shoeSize' as 'name' }));
    expect(unknown.data.fieldErrors?.section).toEqual(['Unknown section']);
  });

  it('duplicates and deletes', async () => {
    const character = await alice.client.characters.generate.mutate({ ...brief, seed: 8 });
    await alice.client.characters.share.enable.mutate({ id: character.id });
    const copy = await alice.client.characters.duplicate.mutate({ id: character.id });
    expect(copy.id).not.toBe(character.id);
    expect(copy.name).toBe(`${character.name} (copy)`);
    expect(copy.sheet).toEqual(character.sheet);
    expect(copy.share.enabled).toBe(false);
    await alice.client.characters.delete.mutate({ id: character.id });
    expect((await errorOf(alice.client.characters.get.query({ id: character.id }))).data.code).toBe('NOT_FOUND');
    expect((await alice.client.characters.get.query({ id: copy.id })).name).toBe(copy.name);
  });
});

describe('ownership: every id-taking procedure answers NOT_FOUND for someone else’s character', () => {
  let id: string;
  beforeAll(async () => {
    id = (await alice.client.characters.generate.mutate({ ...brief, seed: 2024 })).id;
  });
  const cases: [string, (client: Person['client'], id: string) => Promise<unknown>][] = [
    ['get', (client, id) => client.characters.get.query({ id })],
    ['update', (client, id) => client.characters.update.mutate({ id, sheet: { name: 'Stolen' } })],
    ['update (locks)', (client, id) => client.characters.update.mutate({ id, lockedSections: ['name'] })],
    ['regenerate', (client, id) => client.characters.regenerate.mutate({ id })],
    ['regenerateSection', (client, id) => client.characters.regenerateSection.mutate({ id, section: 'backstory' })],
    ['duplicate', (client, id) => client.characters.duplicate.mutate({ id })],
    ['export', (client, id) => client.characters.export.query({ id, format: 'json' })],
    ['share.enable', (client, id) => client.characters.share.enable.mutate({ id })],
    ['share.disable', (client, id) => client.characters.share.disable.mutate({ id })],
    ['delete', (client, id) => client.characters.delete.mutate({ id })],
  ];
  it.each(cases)('%s', async (_name, call) => {
    const before = await alice.client.characters.get.query({ id });
    const error = await errorOf(call(bob.client, id));
    expect(error.data.code).toBe('NOT_FOUND');
    expect(error.message).toBe('Character not found.');
    // A missing id answers exactly the same.
    const missing = await errorOf(call(bob.client, '00000000-0000-4000-8000-000000000000'));
    expect(missing.message).toBe(error.message);
    expect(await alice.client.characters.get.query({ id })).toEqual(before);
  });
});

describe('export', () => {
  it('exports JSON, Markdown, Character Card V2 and a printable PDF', async () => {
    const character = await alice.client.characters.generate.mutate({ ...brief, seed: 404 });
    const json = await alice.client.characters.export.query({ id: character.id, format: 'json' });
    expect(json.filename).toMatch(/\.json$/);
    expect(JSON.parse(json.content)).toMatchObject({ format: 'tessera.character', name: character.name, sheet: character.sheet, seed: 404 });
    const markdown = await alice.client.characters.export.query({ id: character.id, format: 'markdown' });
    expect(markdown.content).toContain(`# ${character.name}`);
    expect(markdown.content).toContain('## Backstory');
    expect(markdown.content).toContain(character.sheet.abilities![0]!.name);
    const card = await alice.client.characters.export.query({ id: character.id, format: 'card-v2' });
    const parsed = JSON.parse(card.content) as { spec: string; spec_version: string; data: Record<string, unknown> };
    expect(parsed).toMatchObject({ spec: 'chara_card_v2', spec_version: '2.0', data: { name: character.name, first_mes: character.sheet.quotes![0] } });
    expect(parsed.data.description).toContain(character.sheet.backstory!);
    const pdf = await alice.client.characters.export.query({ id: character.id, format: 'pdf' });
    expect(pdf).toMatchObject({ contentType: 'application/pdf', encoding: 'base64' });
    const bytes = Buffer.from(pdf.content, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
  });
});

describe('share links', () => {
  it('are public and read-only only while enabled', async () => {
    const character = await alice.client.characters.generate.mutate({ ...brief, seed: 7 });
    const anonymous = scriptClient(app);
    const { shareId, url } = await alice.client.characters.share.enable.mutate({ id: character.id });
    expect(url).toBe(`${app.deps.config.publicUrl}/shared/characters/${shareId}`);
    // Enabling twice keeps the same link.
    expect((await alice.client.characters.share.enable.mutate({ id: character.id })).shareId).toBe(shareId);
    const page = await anonymous.characters.shared.query({ shareId });
    expect(page).toMatchObject({ name: character.name, sheet: character.sheet, genre: 'fantasy' });
    expect(JSON.stringify(page)).not.toMatch(/userId|hints|seed|alice/);
    await alice.client.characters.share.disable.mutate({ id: character.id });
    expect((await errorOf(anonymous.characters.shared.query({ shareId }))).data.code).toBe('NOT_FOUND');
    const again = await alice.client.characters.share.enable.mutate({ id: character.id });
    expect(again.shareId).not.toBe(shareId);
    expect((await errorOf(anonymous.characters.shared.query({ shareId }))).data.code).toBe('NOT_FOUND');
    expect((await anonymous.characters.shared.query({ shareId: again.shareId })).name).toBe(character.name);
    expect((await errorOf(anonymous.characters.shared.query({ shareId: 'short' }))).data.code).toBe('BAD_REQUEST');
  });
});

describe('streamed generation (characters.onGenerate)', () => {
  it('fills the card section by section over a WebSocket, then saves the character', async () => {
    const { events, error } = await collect<GenerationEvent>((handlers) => alice.client.characters.onGenerate.subscribe({ ...brief, seed: 555 }, handlers));
    expect(error).toBeUndefined();
    const partials = events.filter((e) => e.type === 'partial');
    const saved = events.at(-1);
    expect(saved?.type).toBe('saved');
    expect(partials.length).toBeGreaterThanOrEqual(characterSections.length);
    expect(Object.keys(partials[0]!.sheet)).toEqual(['name']);
    // Sections arrive in the sheet's order and, once complete, never change.
    const last = partials.at(-1)!;
    expect(Object.keys(last.sheet)).toEqual([...characterSections]);
    expect(last.completed).toEqual(characterSections.slice(0, -1));
    if (saved?.type !== 'saved') throw new Error('no saved event');
    const stored = await alice.client.characters.get.query({ id: saved.character.id });
    expect(stored.sheet).toEqual(saved.character.sheet);
    // Streaming and the plain mutation agree for the same inputs and seed.
    expect((await alice.client.characters.generate.mutate({ ...brief, seed: 555 })).sheet).toEqual(stored.sheet);
  });

  it('refuses a signed-out subscriber', async () => {
    const { createTRPCClient, createWSClient, wsLink } = await import('@trpc/client');
    const { default: superjson } = await import('superjson');
    const { default: WebSocket } = await import('ws');
    const wsClient = createWSClient({ url: `${app.url.replace(/^http/, 'ws')}/trpc`, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
    const anonymous = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient, transformer: superjson })] });
    const { events, error } = await collect<GenerationEvent>((handlers) => anonymous.characters.onGenerate.subscribe({ genre: 'fantasy' }, handlers));
    await wsClient.close();
    expect(events).toEqual([]);
    expect((error as { data?: { code?: string } }).data?.code).toBe('UNAUTHORIZED');
  });
});

describe('readiness', () => {
  it('reports the offline AI provider as configured and reachable', async () => {
    const response = await fetch(`${app.url}/health/ready`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; ai?: Record<string, unknown> };
    expect(body.ai).toMatchObject({ status: 'ok', provider: 'offline', configured: true, reachable: true });
  });
});
