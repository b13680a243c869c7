import { type DbOrTx, schema } from '@tessera/db';
import { eq } from 'drizzle-orm';

/** The columns of a user that may leave the server (never the password hash). */
export const publicUserColumns = {
  id: schema.users.id,
  email: schema.users.email,
  name: schema.users.name,
  role: schema.users.role,
  emailVerifiedAt: schema.users.emailVerifiedAt,
  deactivatedAt: schema.users.deactivatedAt,
  createdAt: schema.users.createdAt,
};

export async function findPublicUser(db: DbOrTx, id: string) {
  const [user] = await db.select(publicUserColumns).from(schema.users).where(eq(schema.users.id, id));
  return user ?? null;
}

export type PublicUser = NonNullable<Awaited<ReturnType<typeof findPublicUser>>>;
