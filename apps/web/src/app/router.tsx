import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { HomePage } from '../features/home/home-page';
import { SystemStatusPage } from '../features/system/status-page';
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

export const routeTree = rootRoute.addChildren([homeRoute, systemRoute]);

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
