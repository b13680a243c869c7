import { parseArgs } from 'node:util';
import { createDb, schema } from '@tessera/db';
import { emailSchema, nameSchema, newPasswordSchema } from '@tessera/validation/auth';
import { eq } from 'drizzle-orm';
import { ConfigError, loadConfig } from '../config';
import { commandLineUserAgent, recordAudit } from '../platform/audit';
import { hashPassword, passwordProblems } from '../platform/passwords';

/**
 * `pnpm --filter @tessera/api admin:create --email a@b.c --name "Ada" [--password …]`
 * Creates an admin account, or promotes an existing account to admin. Without --password the
 * password is read from standard input (typed, or piped in).
 * Stop the API first when it uses the embedded database (one process per data directory).
 */
const usage = `Usage: admin:create --email <address> [--name <name>] [--password <password>]

Creates an admin account, or makes an existing account an admin.
  --email     the account's email address (required)
  --name      the new account's name (default: the part of the email before @)
  --password  the new account's password; without it, it is read from standard input (typed or piped)
The database is the API's (DATABASE_URL, or the embedded one in DATA_DIR: stop the API first).`;

function readArguments() {
  try {
    return parseArgs({
      options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (error) {
    // An unknown or malformed option: say which, and how to call it, not a stack trace.
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exit(2);
  }
}
const values = readArguments();
if (values.help) {
  console.log(usage);
  process.exit(0);
}

async function readPassword(): Promise<string> {
  if (values.password) return values.password;
  process.stdout.write('Password for the new admin: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (String(chunk).includes('\n')) break;
  }
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function main() {
  const config = loadConfig();
  const email = emailSchema.safeParse(values.email ?? '');
  if (!email.success) throw new Error('--email: enter a valid email address');
  const handle = await createDb({ url: config.databaseUrl, dataDir: config.dataDir, migrationsFolder: config.migrationsFolder });
  try {
    await handle.migrate();
    const [existing] = await handle.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email.data));
    if (existing) {
      await handle.db.transaction(async (tx) => {
        await tx.update(schema.users).set({ role: 'admin', updatedAt: new Date() }).where(eq(schema.users.id, existing.id));
        await recordAudit(tx, { userAgent: commandLineUserAgent }, { type: 'admin.role_changed', targetUserId: existing.id, targetEmail: email.data, metadata: { to: 'admin', via: 'cli' } });
      });
      console.log(`${email.data} already had an account: it is now an admin.`);
      return;
    }
    const name = nameSchema.safeParse(values.name ?? email.data.split('@')[0]);
    if (!name.success) throw new Error('--name: enter a name of at most 100 characters');
    const password = await readPassword();
    const shape = newPasswordSchema.safeParse(password);
    const problems = shape.success ? await passwordProblems(password, email.data) : shape.error.issues.map((i) => i.message);
    if (problems.length) throw new Error(`password: ${problems.join('; ')}`);
    const passwordHash = await hashPassword(password);
    await handle.db.transaction(async (tx) => {
      const [user] = await tx
        .insert(schema.users)
        .values({ email: email.data, name: name.data, passwordHash, role: 'admin', emailVerifiedAt: new Date(), passwordChangedAt: new Date() })
        .returning({ id: schema.users.id });
      await recordAudit(tx, { userAgent: commandLineUserAgent }, { type: 'auth.sign_up', targetUserId: user!.id, targetEmail: email.data, metadata: { role: 'admin', via: 'cli' } });
    });
    console.log(`Created admin ${email.data}.`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `admin:create failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
