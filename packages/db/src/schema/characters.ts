import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Generated characters. The sheet is one JSON document (sections validated by the shared zod
 * schema in @tessera/validation/characters); `name` is copied out for listing and search.
 */
export const characters = pgTable(
  'characters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The generation form as submitted (genre, species, role, …, hints). */
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    /** The seed the first generation used: the same inputs and seed give the same character offline. */
    seed: integer('seed').notNull(),
    /** Every section, null where the model's answer did not fit (listed in `missing`). */
    sheet: jsonb('sheet').$type<Record<string, unknown>>().notNull(),
    missing: jsonb('missing').$type<string[]>().notNull().default([]),
    lockedSections: jsonb('locked_sections').$type<string[]>().notNull().default([]),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    /** Wall time of the last generation and how many model calls it took. */
    generationMs: integer('generation_ms').notNull(),
    attempts: integer('attempts').notNull().default(1),
    /** Regenerations so far; each derives its seed from `seed` and this, so they are reproducible. */
    revision: integer('revision').notNull().default(0),
    /** Lower-cased name, genre, species and role, for the history search. */
    searchText: text('search_text').notNull().default(''),
    /** Random, unguessable id of the public read-only link; null while sharing is off. */
    shareId: text('share_id'),
    sharedAt: timestamptz('shared_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    regeneratedAt: timestamptz('regenerated_at'),
  },
  (t) => [index('characters_user_created_idx').on(t.userId, t.createdAt, t.id), uniqueIndex('characters_share_id_unique').on(t.shareId)],
);
