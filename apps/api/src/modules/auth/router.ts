import {
  changePasswordInput,
  confirmEmailChangeInput,
  createTokenInput,
  requestEmailChangeInput,
  requestPasswordResetInput,
  resetPasswordInput,
  revokeSessionInput,
  revokeTokenInput,
  signInInput,
  signUpInput,
  updateProfileInput,
  verifyEmailInput,
} from '@tessera/validation/auth';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure, publicProcedure, rateLimited, sessionProcedure } from '../../trpc';
import { listOAuthProviders } from './oauth/providers';
import * as auth from './service';

export const authRouter = {
  signUp: publicProcedure.use(rateLimited('signUp')).input(signUpInput).mutation(({ ctx, input }) => auth.signUp(ctx, input)),
  signIn: publicProcedure.use(rateLimited('signIn')).input(signInInput).mutation(({ ctx, input }) => auth.signIn(ctx, input)),
  signOut: authedProcedure.mutation(({ ctx }) => auth.signOut(ctx)),
  signOutEverywhere: sessionProcedure.mutation(({ ctx }) => auth.signOutEverywhere(ctx)),
  /** The signed-in user, or null. */
  me: publicProcedure.query(({ ctx }) => auth.me(ctx)),
  /** Enabled OAuth sign-in providers, for the sign-in page's buttons. */
  oauthProviders: publicProcedure.query(({ ctx }) => listOAuthProviders(ctx.config)),
  updateProfile: authedProcedure.input(updateProfileInput).mutation(({ ctx, input }) => auth.updateProfile(ctx, input)),
  changePassword: sessionProcedure.input(changePasswordInput).mutation(({ ctx, input }) => auth.changePassword(ctx, input)),
  requestPasswordReset: publicProcedure
    .use(rateLimited('reset'))
    .input(requestPasswordResetInput)
    .mutation(({ ctx, input }) => auth.requestPasswordReset(ctx, input)),
  resetPassword: publicProcedure
    .use(rateLimited('reset'))
    .input(resetPasswordInput)
    .mutation(({ ctx, input }) => auth.resetPassword(ctx, input)),
  verifyEmail: publicProcedure.use(rateLimited('reset')).input(verifyEmailInput).mutation(({ ctx, input }) => auth.verifyEmail(ctx, input)),
  resendVerification: authedProcedure.use(rateLimited('reset')).mutation(({ ctx }) => auth.resendVerification(ctx)),
  /** Current password + new address: a link goes to the new address, a notice to the current one. */
  requestEmailChange: sessionProcedure
    .use(rateLimited('reset'))
    .input(requestEmailChangeInput)
    .mutation(({ ctx, input }) => auth.requestEmailChange(ctx, input)),
  /** The link from the new address: the account moves there, confirmed. */
  confirmEmailChange: publicProcedure
    .use(rateLimited('reset'))
    .input(confirmEmailChangeInput)
    .mutation(({ ctx, input }) => auth.confirmEmailChange(ctx, input)),
  /** The caller's email change still waiting for its link (new address, when it expires), or null. */
  pendingEmailChange: authedProcedure.query(({ ctx }) => auth.pendingEmailChange(ctx)),
  /** Withdraws the pending email change: its link stops working. */
  cancelEmailChange: sessionProcedure.mutation(({ ctx }) => auth.cancelEmailChange(ctx)),
  /** The caller's own security events (sign-ins, password changes, …). */
  securityEvents: authedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) => auth.listMySecurityEvents(ctx, input)),
  sessions: {
    list: authedProcedure.query(({ ctx }) => auth.listSessions(ctx)),
    revoke: authedProcedure.input(revokeSessionInput).mutation(({ ctx, input }) => auth.revokeSession(ctx, input)),
  },
  tokens: {
    list: authedProcedure.query(({ ctx }) => auth.listTokens(ctx)),
    create: sessionProcedure.input(createTokenInput).mutation(({ ctx, input }) => auth.createToken(ctx, input)),
    revoke: authedProcedure.input(revokeTokenInput).mutation(({ ctx, input }) => auth.revokeToken(ctx, input)),
  },
} satisfies TRPCRouterRecord;
