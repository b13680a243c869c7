import { type AsyncRouteComponent, createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import type { UserRole } from '@tessera/validation/auth';
import { validateSignInSearch, validateSignUpSearch, validateTokenSearch } from '../features/accounts/search';
import { SignInPage } from '../features/accounts/sign-in-page';
import { SignUpPage } from '../features/accounts/sign-up-page';
import { parseAuditSearch, parseUsersSearch } from '../features/admin/search';
import { HomePage } from '../features/home/home-page';
import { parseApplicationSearch, parseBoardSearch, parseJobSearch } from '../features/tracker/search-params';
import { TrackerLayout } from '../features/tracker/tracker-layout';
import { prefetchAnalytics, prefetchBoard } from '../lib/page-queries';
import { prefetchSession } from '../lib/session';
import type { TrpcUtils } from '../lib/trpc';
import { RequireSignedIn } from './auth-guard';
import { RouteError } from './error-boundary';
import { AppLayout } from './layout';
import { NotFoundPage } from './not-found';

/**
 * Pages load on first visit (or on hover/focus of a link to them: `defaultPreload: 'intent'`), so the
 * first load of the app carries the shell, home and sign-in, not the board's drag and drop, the
 * analytics charts or the admin console. A chunk missing after a deploy reloads the page once
 * (lazyRouteComponent does that).
 */
const ForgotPasswordPage = lazyRouteComponent(() => import('../features/accounts/forgot-password-page'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyRouteComponent(() => import('../features/accounts/reset-password-page'), 'ResetPasswordPage');
const VerifyEmailPage = lazyRouteComponent(() => import('../features/accounts/verify-email-page'), 'VerifyEmailPage');
const ConfirmEmailChangePage = lazyRouteComponent(() => import('../features/accounts/confirm-email-change-page'), 'ConfirmEmailChangePage');
const ProfilePage = lazyRouteComponent(() => import('../features/accounts/profile-page'), 'ProfilePage');
const SecurityPage = lazyRouteComponent(() => import('../features/accounts/security-page'), 'SecurityPage');
const AdminIndex = lazyRouteComponent(() => import('../features/admin/admin-layout'), 'AdminIndex');
const AdminLayout = lazyRouteComponent(() => import('../features/admin/admin-layout'), 'AdminLayout');
const AuditPage = lazyRouteComponent(() => import('../features/admin/audit-page'), 'AuditPage');
const MailPage = lazyRouteComponent(() => import('../features/admin/mail-page'), 'MailPage');
const UserRoute = lazyRouteComponent(() => import('../features/admin/user-page'), 'UserRoute');
const UsersPage = lazyRouteComponent(() => import('../features/admin/users-page'), 'UsersPage');
const QueuesPage = lazyRouteComponent(() => import('../features/admin-queues/queues-page'), 'QueuesPage');
const CharacterDetailRoute = lazyRouteComponent(() => import('../features/characters/character-detail-page'), 'CharacterDetailRoute');
const CharactersPage = lazyRouteComponent(() => import('../features/characters/characters-page'), 'CharactersPage');
const NewCharacterPage = lazyRouteComponent(() => import('../features/characters/new-character-page'), 'NewCharacterPage');
const SharedCharacterRoute = lazyRouteComponent(() => import('../features/characters/shared-character-page'), 'SharedCharacterRoute');
const NotificationCenterPage = lazyRouteComponent(() => import('../features/notifications/notification-center-page'), 'NotificationCenterPage');
const NotificationPreferencesPage = lazyRouteComponent(() => import('../features/notifications/preferences-page'), 'NotificationPreferencesPage');
const SystemStatusPage = lazyRouteComponent(() => import('../features/system/status-page'), 'SystemStatusPage');
const AnalyticsPage = lazyRouteComponent(() => import('../features/tracker/analytics-page'), 'AnalyticsPage');
const ApplicationsPage = lazyRouteComponent(() => import('../features/tracker/applications-page'), 'ApplicationsPage');
const BoardPage = lazyRouteComponent(() => import('../features/tracker/board-page'), 'BoardPage');
const ImportPage = lazyRouteComponent(() => import('../features/tracker/import-page'), 'ImportPage');
const JobsPage = lazyRouteComponent(() => import('../features/tracker/jobs-page'), 'JobsPage');
const SkillsPage = lazyRouteComponent(() => import('../features/tracker/skills-page'), 'SkillsPage');

/** A page behind sign-in (and a role), keeping the lazy page's preload for links that point at it. */
function signedIn(Page: AsyncRouteComponent<object>, roles?: UserRole[]) {
  const Guarded = () => (
    <RequireSignedIn roles={roles}>
      <Page />
    </RequireSignedIn>
  );
  Guarded.preload = Page.preload;
  return Guarded;
}

/** What every route's `beforeLoad` and `loader` receive. */
export interface RouterContext {
  /** tRPC's query helpers on the app's QueryClient. */
  trpc: TrpcUtils;
}

/**
 * Code-based route tree: each feature module contributes its routes here.
 *
 * A route's `loader` runs at the same time as its lazy chunk downloads (and on hover of a link to
 * it), so a page's first requests go out with its code, not after the code has loaded, rendered
 * and asked. Loaders only start queries (never await them): the page shows its own skeletons, and
 * the sign-in guard still decides what is shown — a signed-out visitor's requests just fail.
 * The root loader asks who is signed in at once, for every page.
 */
const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: AppLayout,
  notFoundComponent: NotFoundPage,
  loader: ({ context }) => {
    void prefetchSession(context.trpc);
  },
});

const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage });

const systemRoute = createRoute({ getParentRoute: () => rootRoute, path: '/system', component: SystemStatusPage });

// Characters: everything behind sign-in except the public page of a share link.
const charactersRoute = createRoute({ getParentRoute: () => rootRoute, path: '/characters', component: signedIn(CharactersPage) });
const newCharacterRoute = createRoute({ getParentRoute: () => rootRoute, path: '/characters/new', component: signedIn(NewCharacterPage) });
const characterRoute = createRoute({ getParentRoute: () => rootRoute, path: '/characters/$characterId', component: signedIn(CharacterDetailRoute) });
const sharedCharacterRoute = createRoute({ getParentRoute: () => rootRoute, path: '/shared/characters/$shareId', component: SharedCharacterRoute });
const characterRoutes = [charactersRoute, newCharacterRoute, characterRoute, sharedCharacterRoute] as const;

// Accounts: the only pages (with home) open to signed-out visitors.
const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', validateSearch: validateSignInSearch, component: SignInPage });
const signUpRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-up', validateSearch: validateSignUpSearch, component: SignUpPage });
const forgotPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: '/forgot-password', component: ForgotPasswordPage });
const resetPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: '/reset-password', validateSearch: validateTokenSearch, component: ResetPasswordPage });
const verifyEmailRoute = createRoute({ getParentRoute: () => rootRoute, path: '/verify-email', validateSearch: validateTokenSearch, component: VerifyEmailPage });
const confirmEmailChangeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/confirm-email-change', validateSearch: validateTokenSearch, component: ConfirmEmailChangePage });
const profileRoute = createRoute({ getParentRoute: () => rootRoute, path: '/account/profile', component: signedIn(ProfilePage) });
const securityRoute = createRoute({ getParentRoute: () => rootRoute, path: '/account/security', component: signedIn(SecurityPage) });
const accountRoutes = [signInRoute, signUpRoute, forgotPasswordRoute, resetPasswordRoute, verifyEmailRoute, confirmEmailChangeRoute, profileRoute, securityRoute] as const;

// Tracker: one layout (sign-in guard, section tabs, live updates) around its pages; filters live in the URL.
const trackerRoute = createRoute({ getParentRoute: () => rootRoute, path: '/tracker', component: TrackerLayout });
const trackerBoardRoute = createRoute({
  getParentRoute: () => trackerRoute,
  path: '/',
  validateSearch: parseBoardSearch,
  loaderDeps: ({ search }) => ({ q: search.q?.trim() ?? '' }),
  loader: ({ context, deps }) => prefetchBoard(context.trpc, deps.q),
  component: BoardPage,
});
const trackerApplicationsRoute = createRoute({ getParentRoute: () => trackerRoute, path: '/applications', validateSearch: parseApplicationSearch, component: ApplicationsPage });
const trackerJobsRoute = createRoute({ getParentRoute: () => trackerRoute, path: '/jobs', validateSearch: parseJobSearch, component: JobsPage });
const trackerAnalyticsRoute = createRoute({ getParentRoute: () => trackerRoute, path: '/analytics', loader: ({ context }) => prefetchAnalytics(context.trpc), component: AnalyticsPage });
const trackerSkillsRoute = createRoute({ getParentRoute: () => trackerRoute, path: '/skills', component: SkillsPage });
const trackerImportRoute = createRoute({ getParentRoute: () => trackerRoute, path: '/import', component: ImportPage });
const trackerRoutes = trackerRoute.addChildren([trackerBoardRoute, trackerApplicationsRoute, trackerJobsRoute, trackerAnalyticsRoute, trackerSkillsRoute, trackerImportRoute]);

// Notifications: the center and preferences (the bell in the layout opens them).
const notificationsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/notifications', component: signedIn(NotificationCenterPage) });
const notificationPreferencesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/notifications/preferences', component: signedIn(NotificationPreferencesPage) });
const notificationRoutes = [notificationsRoute, notificationPreferencesRoute] as const;

// Admin console: one guarded layout (section tabs) around its pages; list filters live in the URL.
const adminRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin', component: signedIn(AdminLayout, ['admin']) });
const adminRoutes = adminRoute.addChildren([
  createRoute({ getParentRoute: () => adminRoute, path: '/', component: AdminIndex }),
  createRoute({ getParentRoute: () => adminRoute, path: '/users', validateSearch: parseUsersSearch, component: UsersPage }),
  createRoute({ getParentRoute: () => adminRoute, path: '/users/$userId', component: UserRoute }),
  createRoute({ getParentRoute: () => adminRoute, path: '/audit', validateSearch: parseAuditSearch, component: AuditPage }),
  createRoute({ getParentRoute: () => adminRoute, path: '/mail', component: MailPage }),
  createRoute({ getParentRoute: () => adminRoute, path: '/queues', component: QueuesPage }),
]);

// Module route lists are `as const` tuples: a plain array spread would widen the tree's type and
// turn every typed path (`<Link to>`, `useParams({ from })`) into `any`.
export const routeTree = rootRoute.addChildren([homeRoute, ...accountRoutes, systemRoute, ...characterRoutes, trackerRoutes, ...notificationRoutes, adminRoutes]);

export function createAppRouter(context: RouterContext) {
  return createRouter({
    routeTree,
    context,
    defaultPreload: 'intent',
    defaultErrorComponent: RouteError,
    scrollRestoration: true,
  });
}

export type WebRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: WebRouter;
  }
}
