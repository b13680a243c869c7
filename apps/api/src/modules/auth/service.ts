import { type DbOrTx, isUniqueViolation, schema } from '@tessera/db';
import type {
  CreateTokenInput,
  RequestEmailChangeInput,
  SignInInput,
  SignUpInput,
} from '@tessera/validation/auth';
import { TRPCError } from '@trpc/server';
import { and, count, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { commandLineUserAgent, recordAudit } from '../../platform/audit';
import { personalAccessTokenPrefix } from '../../platform/authentication';
import { describeDevice } from '../../platform/device';
import { hashPassword, passwordProblems, verifyDecoy, verifyPassword } from '../../platform/passwords';
import { generateSecret, sha256 } from '../../platform/secrets';
import { findPublicUser, publicUserColumns, type PublicUser } from '../../platform/users';
import { type Context, fieldError } from '../../trpc';
import {
  emailChangeConfirmationEmail,
  emailChangedNotice,
  emailChangeRequestedNotice,
  passwordResetEmail,
  verificationEmail,
} from './emails';

type AuthedContext = Context & { auth: NonNullable<Context['auth']> };

const hour = 60 * 60 * 1000;

type EmailTokenPurpose = (typeof schema.emailTokenPurpose.enumValues)[number];

/** How long each kind of emailed link works. */
const emailTokenTtlMs: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * hour,
  reset_password: hour,
  change_email: 24 * hour,
};

/**
 * Serialises "is this the first account?" so two simultaneous first sign-ups cannot both be admin,
 * and "is this address free?" between sign-ups (password and OAuth) and email changes.
 */
const firstAccountLock = 7_243_001;

const invalid = fieldError;

function toPublic(user: PublicUser) {
  return { ...user, emailVerified: user.emailVerifiedAt !== null };
}

/** Send after commit, without making the caller wait (or learn anything from the timing). */
function deliverLater(ctx: Context, ids: string[]) {
  if (ids.length === 0) return;
  ctx.mailer.deliver(ctx.db, ids).catch((error: unknown) => {
    ctx.logger.warn({ err: error, requestId: ctx.requestId }, 'mail delivery crashed');
  });
}

/**
 * Records a new single-use link of `purpose` for a user and returns its secret (only its hash is
 * stored). A new link replaces any earlier unused one of the same purpose.
 */
async function createEmailToken(tx: DbOrTx, ctx: Context, userId: string, purpose: EmailTokenPurpose, newEmail: string | null = null) {
  const now = ctx.clock();
  await tx
    .update(schema.emailTokens)
    .set({ usedAt: now })
    .where(and(eq(schema.emailTokens.userId, userId), eq(schema.emailTokens.purpose, purpose), isNull(schema.emailTokens.usedAt)));
  const token = generateSecret();
  await tx.insert(schema.emailTokens).values({
    userId,
    purpose,
    tokenHash: sha256(token),
    newEmail,
    expiresAt: new Date(now.getTime() + emailTokenTtlMs[purpose]),
    createdAt: now,
  });
  return token;
}

async function issueEmailToken(
  tx: DbOrTx,
  ctx: Context,
  user: { id: string; email: string; name: string },
  purpose: 'verify_email' | 'reset_password',
) {
  const token = await createEmailToken(tx, ctx, user.id, purpose);
  const base = ctx.config.publicUrl;
  const message =
    purpose === 'verify_email'
      ? verificationEmail(user.email, user.name, `${base}/verify-email?token=${encodeURIComponent(token)}`)
      : passwordResetEmail(user.email, user.name, `${base}/reset-password?token=${encodeURIComponent(token)}`);
  return ctx.mailer.enqueue(tx, message);
}

export async function signUp(ctx: Context, input: SignUpInput) {
  const problems = await passwordProblems(input.password, input.email);
  if (problems.length) throw invalid('password', problems);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock();

  const { user, mailId } = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${firstAccountLock})`);
    const [existing] = await tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, input.email));
    if (existing) {
      throw invalid('email', ['An account with this email already exists: sign in, or reset your password.'], 'CONFLICT');
    }
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(schema.users);
    const [created] = await tx
      .insert(schema.users)
      .values({
        email: input.email,
        name: input.name,
        passwordHash,
        role: total === 0 ? 'admin' : 'user',
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning(publicUserColumns);
    const mailId = await issueEmailToken(tx, ctx, created!, 'verify_email');
    await recordAudit(tx, ctx, {
      type: 'auth.sign_up',
      actorId: created!.id,
      targetUserId: created!.id,
      targetEmail: created!.email,
      metadata: { role: created!.role },
      at: now,
    });
    return { user: created!, mailId };
  });
  deliverLater(ctx, [mailId]);

  const session = await ctx.sessions.create(user.id, { ip: ctx.ip, userAgent: ctx.userAgent });
  ctx.cookies.set(session.token);
  return { user: toPublic(user) };
}

function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many failed sign-ins. This account is locked until ${until.toISOString().slice(11, 16)} UTC (about ${minutes} minute${minutes === 1 ? '' : 's'}).`;
}

const incorrect = () => new TRPCError({ code: 'UNAUTHORIZED', message: 'Email or password is incorrect.' });

/** Count a failure against the address (known or not); returns the lock end when this one locks it. */
async function recordFailure(ctx: Context, email: string, userId: string | null, reason: string): Promise<Date | null> {
  const now = ctx.clock();
  const { threshold, windowMs, durationMs } = ctx.config.auth.lockout;
  return ctx.db.transaction(async (tx) => {
    const [throttle] = await tx.select().from(schema.signInThrottles).where(eq(schema.signInThrottles.email, email)).for('update');
    const windowOpen = throttle && now.getTime() - throttle.windowStartedAt.getTime() < windowMs;
    const failures = windowOpen ? throttle.failures + 1 : 1;
    const lockedUntil = failures >= threshold ? new Date(now.getTime() + durationMs) : null;
    await tx
      .insert(schema.signInThrottles)
      .values({ email, failures, windowStartedAt: now, lockedUntil })
      .onConflictDoUpdate({
        target: schema.signInThrottles.email,
        set: { failures, lockedUntil, ...(windowOpen ? {} : { windowStartedAt: now }) },
      });
    await recordAudit(tx, ctx, {
      type: 'auth.sign_in_failed',
      targetUserId: userId,
      targetEmail: email,
      metadata: { reason, failures },
      at: now,
    });
    if (lockedUntil) {
      await recordAudit(tx, ctx, {
        type: 'auth.locked_out',
        targetUserId: userId,
        targetEmail: email,
        metadata: { until: lockedUntil.toISOString() },
        at: now,
      });
    }
    return lockedUntil;
  });
}

/**
 * The device ("Chrome on Linux") when this account never signed up or in from that kind of device
 * before (its sign-in history and its open sessions say so), else null.
 */
async function isNewDevice(ctx: Context, userId: string): Promise<string | null> {
  const device = describeDevice(ctx.userAgent);
  const [history, open] = await Promise.all([
    ctx.db
      .selectDistinct({ userAgent: schema.auditEvents.userAgent })
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.targetUserId, userId), inArray(schema.auditEvents.type, ['auth.sign_up', 'auth.sign_in', 'auth.oauth_linked'])))
      .limit(500),
    ctx.db.selectDistinct({ device: schema.sessions.device }).from(schema.sessions).where(eq(schema.sessions.userId, userId)),
  ]);
  const seen = history.filter((row) => row.userAgent && row.userAgent !== commandLineUserAgent);
  // The account's first device (an admin made on the command line signs in for the first time) is not "new".
  if (seen.length === 0 && open.length === 0) return null;
  const known = seen.some((row) => describeDevice(row.userAgent ?? undefined) === device) || open.some((row) => row.device === device);
  return known ? null : device;
}

export async function signIn(ctx: Context, input: SignInInput & { transport: 'cookie' | 'bearer' }) {
  const now = ctx.clock();
  const [throttle] = await ctx.db
    .select({ lockedUntil: schema.signInThrottles.lockedUntil })
    .from(schema.signInThrottles)
    .where(eq(schema.signInThrottles.email, input.email));
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    // Still spend the hashing time so a locked address answers like any other.
    await verifyDecoy(input.password);
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: lockedMessage(throttle.lockedUntil, now) });
  }

  const [account] = await ctx.db
    .select({ ...publicUserColumns, passwordHash: schema.users.passwordHash })
    .from(schema.users)
    .where(eq(schema.users.email, input.email));
  const passwordOk = account?.passwordHash
    ? await verifyPassword(account.passwordHash, input.password)
    : (await verifyDecoy(input.password)) && false;

  if (!account || !passwordOk) {
    const lockedUntil = await recordFailure(ctx, input.email, account?.id ?? null, account ? 'wrong_password' : 'unknown_email');
    if (lockedUntil) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: lockedMessage(lockedUntil, now) });
    throw incorrect();
  }
  if (account.deactivatedAt) {
    await recordAudit(ctx.db, ctx, {
      type: 'auth.sign_in_failed',
      targetUserId: account.id,
      targetEmail: account.email,
      metadata: { reason: 'deactivated' },
      at: now,
    });
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This account has been deactivated. Contact an administrator.' });
  }

  const { passwordHash: _hash, ...user } = account;
  const newDevice = await isNewDevice(ctx, user.id);
  const session = await ctx.sessions.create(user.id, { ip: ctx.ip, userAgent: ctx.userAgent });
  await ctx.db.transaction(async (tx) => {
    await tx.delete(schema.signInThrottles).where(eq(schema.signInThrottles.email, input.email));
    await recordAudit(tx, ctx, {
      type: 'auth.sign_in',
      actorId: user.id,
      targetUserId: user.id,
      targetEmail: user.email,
      metadata: { transport: input.transport },
      at: now,
    });
  });
  if (newDevice) {
    await ctx.events.publish({ type: 'auth.new_device_sign_in', userId: user.id, device: newDevice, ip: ctx.ip ?? null, at: now });
  }
  if (input.transport === 'cookie') {
    ctx.cookies.set(session.token);
    return { user: toPublic(user), token: null };
  }
  return { user: toPublic(user), token: session.token, expiresAt: session.expiresAt };
}

export async function signOut(ctx: AuthedContext) {
  if (ctx.auth.sessionId) {
    await ctx.db.transaction(async (tx) => {
      await tx.delete(schema.sessions).where(eq(schema.sessions.id, ctx.auth.sessionId!));
      await recordAudit(tx, ctx, { type: 'auth.sign_out', actorId: ctx.auth.user.id, targetUserId: ctx.auth.user.id });
    });
  }
  ctx.cookies.clear();
  return { ok: true as const };
}

export async function signOutEverywhere(ctx: AuthedContext) {
  const ended = await ctx.db.transaction(async (tx) => {
    const rows = await tx.delete(schema.sessions).where(eq(schema.sessions.userId, ctx.auth.user.id)).returning({ id: schema.sessions.id });
    await recordAudit(tx, ctx, {
      type: 'auth.sign_out_everywhere',
      actorId: ctx.auth.user.id,
      targetUserId: ctx.auth.user.id,
      metadata: { sessionsEnded: rows.length },
    });
    return rows.length;
  });
  ctx.cookies.clear();
  return { sessionsEnded: ended };
}

export async function me(ctx: Context) {
  if (!ctx.auth) return null;
  const user = await findPublicUser(ctx.db, ctx.auth.user.id);
  if (!user) return null;
  return { user: toPublic(user), via: ctx.auth.via, sessionId: ctx.auth.sessionId };
}

export async function updateProfile(ctx: AuthedContext, input: { name: string }) {
  const [user] = await ctx.db
    .update(schema.users)
    .set({ name: input.name, updatedAt: ctx.clock() })
    .where(eq(schema.users.id, ctx.auth.user.id))
    .returning(publicUserColumns);
  if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'Account not found.' });
  return { user: toPublic(user) };
}

export async function changePassword(ctx: AuthedContext, input: { currentPassword: string; newPassword: string }) {
  const [account] = await ctx.db
    .select({ passwordHash: schema.users.passwordHash, email: schema.users.email })
    .from(schema.users)
    .where(eq(schema.users.id, ctx.auth.user.id));
  if (!account?.passwordHash || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw invalid('currentPassword', ['Your current password is incorrect.']);
  }
  if (input.newPassword === input.currentPassword) {
    throw invalid('newPassword', ['Choose a password different from your current one.']);
  }
  const problems = await passwordProblems(input.newPassword, account.email);
  if (problems.length) throw invalid('newPassword', problems);
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock();
  const ended = await ctx.db.transaction(async (tx) => {
    await tx.update(schema.users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(schema.users.id, ctx.auth.user.id));
    const others = await tx
      .delete(schema.sessions)
      .where(
        ctx.auth.sessionId
          ? and(eq(schema.sessions.userId, ctx.auth.user.id), sql`${schema.sessions.id} <> ${ctx.auth.sessionId}`)
          : eq(schema.sessions.userId, ctx.auth.user.id),
      )
      .returning({ id: schema.sessions.id });
    await recordAudit(tx, ctx, {
      type: 'auth.password_changed',
      actorId: ctx.auth.user.id,
      targetUserId: ctx.auth.user.id,
      metadata: { otherSessionsEnded: others.length },
      at: now,
    });
    return others.length;
  });
  return { otherSessionsEnded: ended };
}

const resetAnswer = {
  ok: true as const,
  message: 'If an account exists for that address, we have sent it a link to reset the password.',
};

export async function requestPasswordReset(ctx: Context, input: { email: string }) {
  const [user] = await ctx.db
    .select({ id: schema.users.id, email: schema.users.email, name: schema.users.name, deactivatedAt: schema.users.deactivatedAt })
    .from(schema.users)
    .where(eq(schema.users.email, input.email));
  if (!user || user.deactivatedAt) return resetAnswer;
  const mailId = await ctx.db.transaction(async (tx) => {
    const id = await issueEmailToken(tx, ctx, user, 'reset_password');
    await recordAudit(tx, ctx, { type: 'auth.password_reset_requested', targetUserId: user.id, targetEmail: user.email });
    return id;
  });
  deliverLater(ctx, [mailId]);
  return resetAnswer;
}

const expiredLinkMessages: Record<EmailTokenPurpose, string> = {
  verify_email: 'This confirmation link has expired or was already used.',
  reset_password: 'This reset link has expired or was already used. Ask for a new one.',
  change_email: 'This confirmation link has expired or was already used. Ask for the change again from your profile.',
};

/** Marks a valid link used (atomically: a second use finds nothing) and returns what it was for. */
async function consumeEmailToken(tx: DbOrTx, ctx: Context, token: string, purpose: EmailTokenPurpose) {
  const now = ctx.clock();
  const [row] = await tx
    .update(schema.emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(schema.emailTokens.tokenHash, sha256(token)),
        eq(schema.emailTokens.purpose, purpose),
        isNull(schema.emailTokens.usedAt),
        gt(schema.emailTokens.expiresAt, now),
      ),
    )
    .returning({ userId: schema.emailTokens.userId, newEmail: schema.emailTokens.newEmail });
  if (!row) throw invalid('token', [expiredLinkMessages[purpose]]);
  return row;
}

export async function resetPassword(ctx: Context, input: { token: string; password: string }) {
  // Check the link before the (slow) hashing, and again atomically when consuming it.
  const [pending] = await ctx.db
    .select({ email: schema.users.email })
    .from(schema.emailTokens)
    .innerJoin(schema.users, eq(schema.users.id, schema.emailTokens.userId))
    .where(and(eq(schema.emailTokens.tokenHash, sha256(input.token)), isNull(schema.emailTokens.usedAt)));
  const problems = await passwordProblems(input.password, pending?.email);
  if (problems.length) throw invalid('password', problems);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const { userId } = await consumeEmailToken(tx, ctx, input.token, 'reset_password');
    const [user] = await tx
      .update(schema.users)
      .set({
        passwordHash,
        passwordChangedAt: now,
        updatedAt: now,
        // Following the emailed link proves the address.
        emailVerifiedAt: sql`coalesce(${schema.users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(schema.users.id, userId))
      .returning({ id: schema.users.id, email: schema.users.email });
    await tx.delete(schema.sessions).where(eq(schema.sessions.userId, userId));
    await tx.delete(schema.signInThrottles).where(eq(schema.signInThrottles.email, user!.email));
    await recordAudit(tx, ctx, { type: 'auth.password_reset', actorId: userId, targetUserId: userId, targetEmail: user!.email, at: now });
  });
  return { ok: true as const };
}

export async function verifyEmail(ctx: Context, input: { token: string }) {
  const now = ctx.clock();
  const user = await ctx.db.transaction(async (tx) => {
    const { userId } = await consumeEmailToken(tx, ctx, input.token, 'verify_email');
    const [user] = await tx
      .update(schema.users)
      .set({ emailVerifiedAt: now, updatedAt: now })
      .where(eq(schema.users.id, userId))
      .returning(publicUserColumns);
    await recordAudit(tx, ctx, { type: 'auth.email_verified', actorId: userId, targetUserId: userId, targetEmail: user!.email, at: now });
    return user!;
  });
  return { user: toPublic(user) };
}

const emailTaken = (field: string) =>
  invalid(field, ['Another account already uses this email address.'], 'CONFLICT');

/**
 * Step 1 of an email change: with the current password, send a link to the new address (which
 * proves it) and a notice to the current one (so a hijacked session cannot move the account away
 * silently). The account keeps its address until the link is opened.
 */
export async function requestEmailChange(ctx: AuthedContext, input: RequestEmailChangeInput) {
  const [account] = await ctx.db
    .select({ id: schema.users.id, email: schema.users.email, name: schema.users.name, passwordHash: schema.users.passwordHash })
    .from(schema.users)
    .where(eq(schema.users.id, ctx.auth.user.id));
  if (!account) throw new TRPCError({ code: 'NOT_FOUND', message: 'Account not found.' });
  if (!account.passwordHash) {
    throw invalid('currentPassword', [
      'Your account has no password yet (you sign in through a provider). Set one with “Forgot password?” on the sign-in page, then try again.',
    ]);
  }
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw invalid('currentPassword', ['Your current password is incorrect.']);
  }
  if (input.newEmail === account.email) throw invalid('newEmail', ['This is already your email address.']);

  const now = ctx.clock();
  const mailIds = await ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, input.newEmail));
    if (taken) throw emailTaken('newEmail');
    const token = await createEmailToken(tx, ctx, account.id, 'change_email', input.newEmail);
    const link = `${ctx.config.publicUrl}/confirm-email-change?token=${encodeURIComponent(token)}`;
    const confirmation = await ctx.mailer.enqueue(tx, emailChangeConfirmationEmail(input.newEmail, account.name, link));
    const notice = await ctx.mailer.enqueue(tx, emailChangeRequestedNotice(account.email, account.name, input.newEmail));
    await recordAudit(tx, ctx, {
      type: 'auth.email_change_requested',
      actorId: account.id,
      targetUserId: account.id,
      targetEmail: account.email,
      metadata: { newEmail: input.newEmail },
      at: now,
    });
    return [confirmation, notice];
  });
  deliverLater(ctx, mailIds);
  return { pendingEmail: input.newEmail };
}

/**
 * Step 2: the link from the new address moves the account there, confirmed. Public: the link may
 * be opened in another browser. Links mailed to the old address (resets, confirmations) stop working.
 */
export async function confirmEmailChange(ctx: Context, input: { token: string }) {
  const now = ctx.clock();
  let outcome: { user: PublicUser; mailId: string };
  try {
    outcome = await ctx.db.transaction(async (tx) => {
      // Serialised with sign-ups, so "the address is free" still holds when the row is written.
      await tx.execute(sql`select pg_advisory_xact_lock(${firstAccountLock})`);
      const { userId, newEmail } = await consumeEmailToken(tx, ctx, input.token, 'change_email');
      if (!newEmail) throw invalid('token', [expiredLinkMessages.change_email]);
      const [account] = await tx
        .select({ email: schema.users.email, name: schema.users.name, deactivatedAt: schema.users.deactivatedAt })
        .from(schema.users)
        .where(eq(schema.users.id, userId))
        .for('update');
      if (!account) throw invalid('token', [expiredLinkMessages.change_email]);
      if (account.deactivatedAt) {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'This account has been deactivated. Contact an administrator.' });
      }
      const [taken] = await tx
        .select({ id: schema.users.id })
        .from(schema.users)
        .where(and(eq(schema.users.email, newEmail), sql`${schema.users.id} <> ${userId}`));
      if (taken) throw addressGone(newEmail);
      // Every other link still open was mailed to the old address: none of them may act any more.
      await tx
        .update(schema.emailTokens)
        .set({ usedAt: now })
        .where(and(eq(schema.emailTokens.userId, userId), isNull(schema.emailTokens.usedAt)));
      const [user] = await tx
        .update(schema.users)
        .set({ email: newEmail, emailVerifiedAt: now, updatedAt: now })
        .where(eq(schema.users.id, userId))
        .returning(publicUserColumns);
      await recordAudit(tx, ctx, {
        type: 'auth.email_changed',
        actorId: userId,
        targetUserId: userId,
        targetEmail: newEmail,
        metadata: { from: account.email, to: newEmail },
        at: now,
      });
      const mailId = await ctx.mailer.enqueue(tx, emailChangedNotice(account.email, account.name, newEmail));
      return { user: user!, mailId };
    });
  } catch (error) {
    // Another account took the address between our check and the write (a path without the lock).
    if (isUniqueViolation(error)) throw addressGone(null);
    throw error;
  }
  deliverLater(ctx, [outcome.mailId]);
  return { user: toPublic(outcome.user) };
}

/** The caller's email change waiting for its link to be opened, or null. */
export async function pendingEmailChange(ctx: AuthedContext) {
  const [row] = await ctx.db
    .select({ newEmail: schema.emailTokens.newEmail, requestedAt: schema.emailTokens.createdAt, expiresAt: schema.emailTokens.expiresAt })
    .from(schema.emailTokens)
    .where(
      and(
        eq(schema.emailTokens.userId, ctx.auth.user.id),
        eq(schema.emailTokens.purpose, 'change_email'),
        isNull(schema.emailTokens.usedAt),
        gt(schema.emailTokens.expiresAt, ctx.clock()),
      ),
    )
    .orderBy(desc(schema.emailTokens.createdAt))
    .limit(1);
  return row?.newEmail ? { newEmail: row.newEmail, requestedAt: row.requestedAt, expiresAt: row.expiresAt } : null;
}

/** Withdraws a pending email change: its link stops working. Idempotent. */
export async function cancelEmailChange(ctx: AuthedContext) {
  const now = ctx.clock();
  const cancelled = await ctx.db
    .update(schema.emailTokens)
    .set({ usedAt: now })
    .where(and(eq(schema.emailTokens.userId, ctx.auth.user.id), eq(schema.emailTokens.purpose, 'change_email'), isNull(schema.emailTokens.usedAt)))
    .returning({ id: schema.emailTokens.id });
  return { cancelled: cancelled.length > 0 };
}

function addressGone(email: string | null) {
  return invalid(
    'token',
    [`Another account now uses ${email ?? 'this address'}, so your email address was not changed. Ask for a change to a different address from your profile.`],
    'CONFLICT',
  );
}

export async function resendVerification(ctx: AuthedContext) {
  const user = await findPublicUser(ctx.db, ctx.auth.user.id);
  if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'Account not found.' });
  if (user.emailVerifiedAt) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Your email address is already confirmed.' });
  const mailId = await ctx.db.transaction(async (tx) => {
    const id = await issueEmailToken(tx, ctx, user, 'verify_email');
    await recordAudit(tx, ctx, { type: 'auth.verification_sent', actorId: user.id, targetUserId: user.id });
    return id;
  });
  deliverLater(ctx, [mailId]);
  return { ok: true as const };
}

export async function listSessions(ctx: AuthedContext) {
  const now = ctx.clock();
  const rows = await ctx.db
    .select({
      id: schema.sessions.id,
      device: schema.sessions.device,
      userAgent: schema.sessions.userAgent,
      ipAddress: schema.sessions.ipAddress,
      createdAt: schema.sessions.createdAt,
      lastSeenAt: schema.sessions.lastSeenAt,
      expiresAt: schema.sessions.expiresAt,
    })
    .from(schema.sessions)
    .where(and(eq(schema.sessions.userId, ctx.auth.user.id), gt(schema.sessions.expiresAt, now)))
    .orderBy(desc(schema.sessions.lastSeenAt));
  return rows.map((row) => ({ ...row, current: row.id === ctx.auth.sessionId }));
}

export async function revokeSession(ctx: AuthedContext, input: { id: string }) {
  await ctx.db.transaction(async (tx) => {
    const [ended] = await tx
      .delete(schema.sessions)
      .where(and(eq(schema.sessions.id, input.id), eq(schema.sessions.userId, ctx.auth.user.id)))
      .returning({ device: schema.sessions.device });
    if (!ended) throw new TRPCError({ code: 'NOT_FOUND', message: 'That session does not exist or has already ended.' });
    await recordAudit(tx, ctx, {
      type: 'auth.session_revoked',
      actorId: ctx.auth.user.id,
      targetUserId: ctx.auth.user.id,
      metadata: { device: ended.device, current: input.id === ctx.auth.sessionId },
    });
  });
  if (input.id === ctx.auth.sessionId) ctx.cookies.clear();
  return { ok: true as const };
}

const tokenColumns = {
  id: schema.personalAccessTokens.id,
  name: schema.personalAccessTokens.name,
  prefix: schema.personalAccessTokens.prefix,
  createdAt: schema.personalAccessTokens.createdAt,
  lastUsedAt: schema.personalAccessTokens.lastUsedAt,
  expiresAt: schema.personalAccessTokens.expiresAt,
};

export async function listTokens(ctx: AuthedContext) {
  return ctx.db
    .select(tokenColumns)
    .from(schema.personalAccessTokens)
    .where(and(eq(schema.personalAccessTokens.userId, ctx.auth.user.id), isNull(schema.personalAccessTokens.revokedAt)))
    .orderBy(desc(schema.personalAccessTokens.createdAt));
}

export async function createToken(ctx: AuthedContext, input: CreateTokenInput) {
  const secret = generateSecret(personalAccessTokenPrefix);
  const now = ctx.clock();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 24 * hour) : null;
  const token = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.personalAccessTokens)
      .values({
        userId: ctx.auth.user.id,
        name: input.name,
        tokenHash: sha256(secret),
        prefix: secret.slice(0, personalAccessTokenPrefix.length + 4),
        createdAt: now,
        expiresAt,
      })
      .returning(tokenColumns);
    await recordAudit(tx, ctx, {
      type: 'auth.token_created',
      actorId: ctx.auth.user.id,
      targetUserId: ctx.auth.user.id,
      metadata: { tokenId: row!.id, name: input.name, expiresAt: expiresAt?.toISOString() ?? null },
      at: now,
    });
    return row!;
  });
  // The only time the secret leaves the server.
  return { ...token, secret };
}

export async function revokeToken(ctx: AuthedContext, input: { id: string }) {
  await ctx.db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(schema.personalAccessTokens)
      .set({ revokedAt: ctx.clock() })
      .where(
        and(
          eq(schema.personalAccessTokens.id, input.id),
          eq(schema.personalAccessTokens.userId, ctx.auth.user.id),
          isNull(schema.personalAccessTokens.revokedAt),
        ),
      )
      .returning({ name: schema.personalAccessTokens.name });
    if (!revoked) throw new TRPCError({ code: 'NOT_FOUND', message: 'That token does not exist or was already revoked.' });
    await recordAudit(tx, ctx, {
      type: 'auth.token_revoked',
      actorId: ctx.auth.user.id,
      targetUserId: ctx.auth.user.id,
      metadata: { tokenId: input.id, name: revoked.name },
    });
  });
  return { ok: true as const };
}

/** The signed-in user's own security events, for their Security page. */
export async function listMySecurityEvents(ctx: AuthedContext, input: { limit: number }) {
  return ctx.db
    .select({
      id: schema.auditEvents.id,
      type: schema.auditEvents.type,
      ipAddress: schema.auditEvents.ipAddress,
      userAgent: schema.auditEvents.userAgent,
      metadata: schema.auditEvents.metadata,
      createdAt: schema.auditEvents.createdAt,
    })
    .from(schema.auditEvents)
    .where(eq(schema.auditEvents.targetUserId, ctx.auth.user.id))
    .orderBy(desc(schema.auditEvents.createdAt), desc(schema.auditEvents.id))
    .limit(input.limit);
}
