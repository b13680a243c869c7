import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Facts about this installation (instance id, when it was first started), read by the status page. */
export const appMetadata = pgTable('app_metadata', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
