import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One row per AI call (generation, stream, embedding), failed ones included: tokens, latency,
 * provider and model per user and feature. Characters counts these rows for its per-minute limit
 * and daily quota, so the index leads with (user, feature, time).
 */
export const aiUsage = pgTable(
  'ai_usage',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for calls made by the system rather than on someone's behalf. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** What the call served, e.g. `characters.generate`. */
    feature: text('feature').notNull(),
    /** text | object | stream-object | embed */
    operation: text('operation').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    /** ok | error */
    status: text('status').notNull(),
    /** timeout | rate_limited | unavailable | rejected | invalid_output | aborted */
    errorKind: text('error_kind'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    totalTokens: integer('total_tokens').notNull().default(0),
    latencyMs: integer('latency_ms').notNull(),
    attempts: integer('attempts').notNull().default(1),
    requestId: text('request_id'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('ai_usage_user_feature_created_idx').on(t.userId, t.feature, t.createdAt), index('ai_usage_created_idx').on(t.createdAt)],
);
