import type { JSX } from 'react';
import { Link, Outlet } from '@tanstack/react-router';
import { cn } from '@tessera/ui/cn';
import { BarChart3, Briefcase, FileUp, KanbanSquare, ListChecks, Sparkles } from 'lucide-react';
import { RequireSignedIn } from '../../app/auth-guard';

const sections = [
  { to: '/tracker', label: 'Board', icon: KanbanSquare, exact: true },
  { to: '/tracker/applications', label: 'Applications', icon: ListChecks },
  { to: '/tracker/jobs', label: 'Jobs', icon: Briefcase },
  { to: '/tracker/analytics', label: 'Analytics', icon: BarChart3 },
  { to: '/tracker/skills', label: 'Skills', icon: Sparkles },
  { to: '/tracker/import', label: 'Import', icon: FileUp },
] as const;

/**
 * Route `/tracker`: the sign-in guard and the section tabs around every Tracker page. Live updates
 * need nothing here: the app layout's one `live.onChange` subscription (lib/live-invalidation)
 * invalidates the tracker's jobs, applications, analytics and skills queries when they change.
 */
export function TrackerLayout(): JSX.Element {
  return (
    <RequireSignedIn>
      <TrackerShell />
    </RequireSignedIn>
  );
}

function TrackerShell() {
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Tracker" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex w-max min-w-full gap-1 border-b border-border">
          {sections.map(({ to, label, icon: Icon, ...rest }) => (
            <li key={to}>
              <Link
                to={to}
                activeOptions={{ exact: 'exact' in rest, includeSearch: false }}
                className={cn(
                  '-mb-px flex h-10 items-center gap-2 border-b-2 border-transparent px-3 text-sm font-medium whitespace-nowrap text-muted-foreground',
                  'rounded-t-md outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring',
                  'data-[status=active]:border-primary data-[status=active]:text-foreground',
                )}
              >
                <Icon aria-hidden="true" className="size-4" />
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
