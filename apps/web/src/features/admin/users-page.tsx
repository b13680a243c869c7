import type { ReactElement } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { EmptyState } from '@tessera/ui/empty-state';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { Pagination } from '@tessera/ui/pagination';
import { Select } from '@tessera/ui/select';
import { Skeleton } from '@tessera/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@tessera/ui/table';
import { userStatusSchema } from '@tessera/validation/admin';
import { userRoles } from '@tessera/validation/auth';
import { Search, Users } from 'lucide-react';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDate, roleLabel } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { useLooseSearch } from '../../lib/use-loose-search';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useDocumentTitle } from '../../lib/use-document-title';
import { parseUsersSearch, type UsersSearch } from './search';
import { RoleBadge, StatusBadge } from './user-badges';

const pageSize = 25;

/** Route `/admin/users?q=&role=&status=`: every account, searchable and filterable. */
export function UsersPage(): ReactElement | null {
  useDocumentTitle('Users · Admin');
  const search = parseUsersSearch(useLooseSearch());
  const navigate = useNavigate();
  const setSearch = (patch: Partial<UsersSearch>) =>
    void navigate({
      to: '/admin/users',
      search: parseUsersSearch({ ...search, ...patch }),
      replace: true,
    });

  // The box updates at once; the URL (and the query) follow when typing pauses.
  const [text, setText] = useState(search.q ?? '');
  const debounced = useDebouncedValue(text, 300);
  useEffect(() => {
    if ((debounced.trim() || undefined) !== search.q)
      setSearch({ q: debounced.trim() || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the debounced text changes
  }, [debounced]);

  const filtersKey = JSON.stringify(search);
  const pages = useCursorPages(filtersKey);
  const users = trpc.admin.users.list.useQuery(
    {
      search: search.q,
      role: search.role,
      status: search.status,
      cursor: pages.cursor,
      limit: pageSize,
    },
    { placeholderData: (previous) => previous },
  );
  const filtered = Boolean(search.q || search.role || search.status);
  const firstRow = (pages.page - 1) * pageSize + 1;

  return (
    <section aria-labelledby="users-heading" className="flex flex-col gap-4">
      <h2 id="users-heading" className="sr-only">
        Users
      </h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_10rem_10rem]">
        <div className="relative">
          <FormField label="Search">
            <Input
              type="search"
              placeholder="Name or email"
              className="pl-9"
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </FormField>
          {/* Over the input (FormField wires exactly one control). */}
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute bottom-2.5 left-3 size-4 text-muted-foreground"
          />
        </div>
        <FormField label="Role">
          <Select
            value={search.role ?? ''}
            onChange={(event) =>
              setSearch({ role: (event.target.value || undefined) as UsersSearch['role'] })
            }
          >
            <option value="">All roles</option>
            {userRoles.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField label="Status">
          <Select
            value={search.status ?? ''}
            onChange={(event) =>
              setSearch({ status: (event.target.value || undefined) as UsersSearch['status'] })
            }
          >
            <option value="">Any status</option>
            {userStatusSchema.options.map((status) => (
              <option key={status} value={status}>
                {status === 'active' ? 'Active' : 'Deactivated'}
              </option>
            ))}
          </Select>
        </FormField>
      </div>

      {users.isLoading ? (
        <div aria-busy="true" aria-label="Loading users" className="flex flex-col gap-2">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-11 w-full" />
          ))}
        </div>
      ) : users.error ? (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data?.items.length === 0 ? (
        <EmptyState
          icon={<Users />}
          title={filtered ? 'No user matches these filters' : 'No users yet'}
          description={
            filtered
              ? 'Search looks in names and email addresses. Try fewer words, or clear the filters.'
              : 'People who sign up appear here.'
          }
          action={
            filtered ? (
              <Button
                variant="secondary"
                size="sm"
                onClick={() => {
                  setText('');
                  void navigate({ to: '/admin/users', search: {}, replace: true });
                }}
              >
                Clear filters
              </Button>
            ) : undefined
          }
        />
      ) : (
        <>
          <Table aria-label="Users" aria-busy={users.isFetching || undefined}>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Email</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Joined</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.data?.items.map((user) => (
                <TableRow key={user.id} data-testid="user-row">
                  <TableCell>
                    <Link
                      to="/admin/users/$userId"
                      params={{ userId: user.id }}
                      className="font-medium text-foreground underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring rounded-sm"
                    >
                      {user.name}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <span className="flex items-center gap-2">
                      <span className="whitespace-nowrap" data-testid="user-email">{user.email}</span>
                      {user.emailVerifiedAt ? null : (
                        <Badge tone="warning" title="Email not confirmed">
                          Unconfirmed
                        </Badge>
                      )}
                    </span>
                  </TableCell>
                  <TableCell>
                    <RoleBadge role={user.role} />
                  </TableCell>
                  <TableCell>
                    <StatusBadge deactivatedAt={user.deactivatedAt} />
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{formatDate(user.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pagination
            label="Users pages"
            hasPrevious={pages.hasPrevious}
            hasNext={Boolean(users.data?.nextCursor)}
            onPrevious={pages.previous}
            onNext={() => pages.next(users.data?.nextCursor)}
            loading={users.isFetching}
            info={
              users.data
                ? `${firstRow}–${firstRow + users.data.items.length - 1} of ${users.data.total}`
                : undefined
            }
          />
        </>
      )}
    </section>
  );
}
