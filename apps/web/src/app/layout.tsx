import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { Button } from '@tessera/ui/button';
import { cn } from '@tessera/ui/cn';
import { Drawer, DrawerContent, DrawerHeader, DrawerTitle, DrawerTrigger } from '@tessera/ui/drawer';
import { Menu } from 'lucide-react';
import { useEffect, useState } from 'react';
import { UserMenu } from '../features/accounts/user-menu';
import { VerifyEmailBanner } from '../features/accounts/verify-email-banner';
import { useSession } from '../lib/session';
import { NotificationBell } from '../features/notifications/notification-bell';
import { useLiveInvalidation } from '../lib/live-invalidation';
import { ConnectionIndicator } from './connection-indicator';
import { navigation } from './navigation';
import { ThemeToggle } from './theme-toggle';

function Brand() {
  return (
    <Link
      to="/"
      className="flex items-center gap-2 rounded-md text-sm font-semibold tracking-tight text-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <span
        aria-hidden="true"
        className="flex size-7 items-center justify-center rounded-lg bg-gradient-to-br from-indigo-500 to-violet-600 text-xs font-bold text-white shadow-sm"
      >
        T
      </span>
      Tessera
    </Link>
  );
}

function NavLinks({ vertical, onNavigate }: { vertical?: boolean; onNavigate?: () => void }) {
  // Items with `roles` (Admin) show only to those roles; the routes are guarded anyway.
  const { user } = useSession();
  return (
    <ul className={cn('flex gap-1', vertical ? 'flex-col' : 'items-center')}>
      {navigation.filter((item) => !item.roles || (user !== null && item.roles.includes(user.role))).map(({ to, label, icon: Icon, exact }) => (
        <li key={to}>
          <Link
            to={to}
            activeOptions={{ exact: exact ?? false }}
            onClick={onNavigate}
            className={cn(
              'flex items-center gap-2 rounded-md px-3 text-sm font-medium text-muted-foreground transition-colors',
              'outline-none hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring',
              'data-[status=active]:bg-muted data-[status=active]:text-foreground',
              vertical ? 'h-10' : 'h-8',
            )}
          >
            <Icon aria-hidden="true" className="size-4" />
            {label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function MobileNav() {
  const [open, setOpen] = useState(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  // Close the drawer whenever the route changes (links, back button).
  useEffect(() => setOpen(false), [pathname]);
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <DrawerTrigger asChild>
        <Button variant="ghost" size="icon" aria-label="Open menu" className="-ml-2 md:hidden">
          <Menu aria-hidden="true" />
        </Button>
      </DrawerTrigger>
      <DrawerContent side="left" aria-describedby={undefined}>
        <DrawerHeader>
          <DrawerTitle>Tessera</DrawerTitle>
        </DrawerHeader>
        <nav aria-label="Main">
          <NavLinks vertical onNavigate={() => setOpen(false)} />
        </nav>
      </DrawerContent>
    </Drawer>
  );
}

/** The app shell: top bar with brand, navigation and theme toggle; the page below. */
export function AppLayout() {
  // One live.onChange subscription per tab keeps every cached list in step with other tabs.
  useLiveInvalidation();
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-surface px-3 py-2 text-sm shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-border bg-background/80 backdrop-blur supports-[backdrop-filter]:bg-background/70">
        <div className="mx-auto flex h-14 w-full max-w-6xl items-center gap-3 px-4 sm:px-6">
          <MobileNav />
          <Brand />
          <nav aria-label="Main" className="ml-4 hidden md:block">
            <NavLinks />
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <ConnectionIndicator />
            <NotificationBell />
            <ThemeToggle />
            <UserMenu />
          </div>
        </div>
      </header>
      <VerifyEmailBanner />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 outline-none sm:px-6 sm:py-10">
        <Outlet />
      </main>
      <footer className="border-t border-border">
        <div className="mx-auto flex h-12 w-full max-w-6xl items-center px-4 text-xs text-muted-foreground sm:px-6">
          Tessera
        </div>
      </footer>
    </div>
  );
}
