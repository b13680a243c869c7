import type { ReactElement } from 'react';
import { Link, Navigate, Outlet } from '@tanstack/react-router';
import { cn } from '@tessera/ui/cn';
import { useDocumentTitle } from '../../lib/use-document-title';

const tabs = [
  { to: '/admin/users', label: 'Users' },
  { to: '/admin/audit', label: 'Audit log' },
  { to: '/admin/mail', label: 'Mail outbox' },
  { to: '/admin/queues', label: 'Job queues' },
] as const;

/** `/admin/*`: the console's heading and section tabs around its pages (guarded for admins). */
export function AdminLayout(): ReactElement | null {
  useDocumentTitle('Admin');
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Admin console</h1>
        <nav aria-label="Admin sections" className="-mx-1 overflow-x-auto">
          <ul className="flex min-w-max gap-1 border-b border-border px-1">
            {tabs.map((tab) => (
              <li key={tab.to}>
                <Link
                  to={tab.to}
                  className={cn(
                    '-mb-px inline-flex h-9 items-center border-b-2 border-transparent px-3 text-sm font-medium text-muted-foreground',
                    'rounded-t-md outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring',
                    'data-[status=active]:border-primary data-[status=active]:text-foreground',
                  )}
                >
                  {tab.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <Outlet />
    </div>
  );
}

/** `/admin` itself opens the users list. */
export function AdminIndex(): ReactElement | null {
  return <Navigate to="/admin/users" replace />;
}
