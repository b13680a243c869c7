import { adminRouter } from './modules/admin/router';
import { charactersRouter } from './modules/characters/router';
import { liveRouter } from './modules/live/router';
import { notificationsRouter } from './modules/notifications/router';
import { authRouter } from './modules/auth/router';
import { systemRouter } from './modules/system/router';
import { trackerRouter } from './modules/tracker/router';
import { createTRPCRouter } from './trpc';

/** Every module's router, one key each. Clients and the SPA infer all types from `AppRouter`. */
export const appRouter = createTRPCRouter({
  system: systemRouter,
  auth: authRouter,
  admin: adminRouter,
  characters: charactersRouter,
  notifications: notificationsRouter,
  live: liveRouter,
  tracker: trackerRouter,
});

export type AppRouter = typeof appRouter;
