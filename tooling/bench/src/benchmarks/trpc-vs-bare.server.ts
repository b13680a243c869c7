import { schema } from '@tessera/db';
import { eq } from 'drizzle-orm';
import { hostApi } from '../lib/api-host';

// The bare route runs the very query of `system.instance` (readInstanceId in the API's system
// service) on the same Fastify instance, so the only difference left is tRPC itself: context,
// procedure resolution, superjson.
hostApi((app, database) => {
  app.get('/bare/instance', async () => {
    const [row] = await database.db
      .select({ value: schema.appMetadata.value })
      .from(schema.appMetadata)
      .where(eq(schema.appMetadata.key, 'instance_id'))
      .limit(1);
    return { instanceId: row?.value ?? null };
  });
});
