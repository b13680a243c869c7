import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { ForgotPasswordPage } from '../features/accounts/forgot-password-page';
import { ResetPasswordPage } from '../features/accounts/reset-password-page';
import { validateSignInSearch, validateSignUpSearch, validateTokenSearch } from '../features/accounts/search';
import { SignInPage } from '../features/accounts/sign-in-page';
import { SignUpPage } from '../features/accounts/sign-up-page';
import { VerifyEmailPage } from '../features/accounts/verify-email-page';
import { ProfilePage } from '../features/accounts/profile-page';
import { SecurityPage } from '../features/accounts/security-page';
import { AdminIndex, AdminLayout } from '../features/admin/admin-layout';
import { AuditPage } from '../features/admin/audit-page';
import { MailPage } from '../features/admin/mail-page';
import { parseAuditSearch, parseUsersSearch } from '../features/admin/search';
import { UserRoute } from '../features/admin/user-page';
import { UsersPage } from '../features/admin/users-page';
import { QueuesPage } from '../features/admin-queues/queues-page';
import { CharacterDetailRoute } from '../features/characters/character-detail-page';
import { CharactersPage } from '../features/characters/characters-page';
import { NewCharacterPage } from '../features/characters/new-character-page';
import { SharedCharacterRoute } from '../features/characters/shared-character-page';
import { HomePage } from '../features/home/home-page';
import { NotificationCenterPage } from '../features/notifications/notification-center-page';
import { NotificationPreferencesPage } from '../features/notifications/preferences-page';
import { SystemStatusPage } from '../features/system/status-page';
import { AnalyticsPage } from '../features/tracker/analytics-page';
import { ApplicationsPage } from '../features/tracker/applications-page';
import { BoardPage } from '../features/tracker/board-page';
import { ImportPage } from '../features/tracker/import-page';
import { JobsPage } from '../features/tracker/jobs-page';
import { parseApplicationSearch, parseBoardSearch, parseJobSearch } from '../features/tracker/search-params';
import { SkillsPage } from '../features/tracker/skills-page';
import { TrackerLayout } from '../features/tracker/tracker-layout';
import { RequireSignedIn } from './auth-guard';
import { RouteError } from './error-boundary';
import { AppLayout } from './layout';
import { NotFoundPage } from './not-found';

/** Code-based route tree: each feature module contributes its routes here. */
const rootRoute = createRootRoute({
  component: AppLayout,
  notFoundComponent: NotFoundPage,
});

const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage });

const systemRoute = createRoute({ getParentRoute: () => rootRoute, path: '/system', component: SystemStatusPage });

// Characters: everything behind sign-in except the public page of a share link.
const charactersRoute = createRoute({ getParentRoute: () => rootRoute, path: '/characters', component: () => <RequireSignedIn><CharactersPage /></RequireSignedIn> });
const newCharacterRoute = createRoute({ getParentRoute: () => rootRoute, path: '/characters/new', component: () => <RequireSignedIn><NewCharacterPage /></RequireSignedIn> });
const characterRoute = createRoute({ getParentRoute: () => rootRoute, path: '/characters/$characterId', component: () => <RequireSignedIn><CharacterDetailRoute /></RequireSignedIn> });
const sharedCharacterRoute = createRoute({ getParentRoute: () => rootRoute, path: '/shared/characters/$shareId', component: SharedCharacterRoute });
const characterRoutes = [charactersRoute, newCharacterRoute, characterRoute, sharedCharacterRoute] as const;

// Accounts: the only pages (with home) open to signed-out visitors.
const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', validateSearch: validateSignInSearch, component: SignInPage });
const signUpRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-up', validateSearch: validateSignUpSearch, component: SignUpPage });
const forgotPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: '/forgot-password', component: ForgotPasswordPage });
const resetPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: '/reset-password', validateSearch: validateTokenSearch, component: ResetPasswordPage });
const verifyEmailRoute = createRoute({ getParentRoute: () => rootRoute, path: '/verify-email', validateSearch: validateTokenSearch, component: VerifyEmailPage });
const profileRoute = createRoute({ getParentRoute: () => rootRoute, path: '/account/profile', component: () => <RequireSignedIn><ProfilePage /></RequireSignedIn> });
const securityRoute = createRoute({ getParentRoute: () => rootRoute, path: '/account/security', component: () => <RequireSignedIn><SecurityPage /></RequireSignedIn> });
const accountRoutes = [signInRoute, signUpRoute, forgotPasswordRoute, resetPasswordRoute, verifyEmailRoute, profileRoute, securityRoute] as const;

// Tracker: one layout (sign-in guard, section tabs, live updates) around its pages; filters live in the URL.
const trackerRoute = createRoute({ getParentRoute: () => rootRoute, path: '/tracker', component: TrackerLayout });
const trackerBoardRoute = createRoute({ getParentRoute: () => trackerRoute, path: '/', validateSearch: parseBoardSearch, component: BoardPage });
const trackerApplicationsRoute = createRoute({ getParentRoute: () => trackerRoute, path: '/applications', validateSearch: parseApplicationSearch, component: ApplicationsPage });
const trackerJobsRoute = createRoute({ getParentRoute: () => trackerRoute, path: '/jobs', validateSearch: parseJobSearch, component: JobsPage });
const trackerAnalyticsRoute = createRoute({ getParentRoute: () => trackerRoute, path: '/analytics', component: AnalyticsPage });
const trackerSkillsRoute = createRoute({ getParentRoute: () => trackerRoute, path: '/skills', component: SkillsPage });
const trackerImportRoute = createRoute({ getParentRoute: () => trackerRoute, path: '/import', component: ImportPage });
const trackerRoutes = trackerRoute.addChildren([trackerBoardRoute, trackerApplicationsRoute, trackerJobsRoute, trackerAnalyticsRoute, trackerSkillsRoute, trackerImportRoute]);

// Notifications: the center and preferences (the bell in the layout opens them).
const notificationsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/notifications', component: () => <RequireSignedIn><NotificationCenterPage /></RequireSignedIn> });
const notificationPreferencesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/notifications/preferences', component: () => <RequireSignedIn><NotificationPreferencesPage /></RequireSignedIn> });
const notificationRoutes = [notificationsRoute, notificationPreferencesRoute] as const;

// Admin console: one guarded layout (section tabs) around its pages; list filters live in the URL.
const adminRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin', component: () => <RequireSignedIn roles={['admin']}><AdminLayout /></RequireSignedIn> });
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

export function createAppRouter() {
  return createRouter({
    routeTree,
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
