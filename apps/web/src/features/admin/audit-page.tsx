import type { ReactElement } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { EmptyState } from '@tessera/ui/empty-state';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { Select } from '@tessera/ui/select';
import { TableCell, TableRow } from '@tessera/ui/table';
import { ScrollText, X } from 'lucide-react';
import {
  auditEventDetail,
  auditEventLabel,
  auditEventOptions,
  auditEventTone,
} from '../../lib/audit-events';
import { briefUserAgent, formatDateTime } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { useLooseSearch } from '../../lib/use-loose-search';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useDocumentTitle } from '../../lib/use-document-title';
import { PagedTable } from './paged-table';
import { type AuditSearch, dayBoundary, parseAuditSearch } from './search';

const pageSize = 50;

/** Route `/admin/audit?userId=&type=&from=&to=`: every recorded security and admin event. */
export function AuditPage(): ReactElement | null {
  useDocumentTitle('Audit log · Admin');
  const search = parseAuditSearch(useLooseSearch());
  const navigate = useNavigate();
  const setSearch = (patch: Partial<AuditSearch>) =>
    void navigate({
      to: '/admin/audit',
      search: parseAuditSearch({ ...search, ...patch }),
      replace: true,
    });
  const rangeInvalid = Boolean(search.from && search.to && search.from > search.to);

  const pages = useCursorPages(JSON.stringify(search));
  const filteredUser = trpc.admin.users.get.useQuery(
    { id: search.userId ?? '' },
    { enabled: Boolean(search.userId), retry: false },
  );
  const events = trpc.admin.audit.list.useQuery(
    {
      userId: search.userId,
      type: search.type,
      from: search.from ? dayBoundary(search.from, 'start') : undefined,
      to: search.to ? dayBoundary(search.to, 'end') : undefined,
      cursor: pages.cursor,
      limit: pageSize,
    },
    { enabled: !rangeInvalid, placeholderData: (previous) => previous },
  );
  const filtered = Boolean(search.userId || search.type || search.from || search.to);

  return (
    <section aria-labelledby="audit-heading" className="flex flex-col gap-4">
      <h2 id="audit-heading" className="sr-only">
        Audit log
      </h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[1.5fr_1fr_1fr]">
        <FormField label="Event type">
          <Select
            value={search.type ?? ''}
            onChange={(event) =>
              setSearch({ type: (event.target.value || undefined) as AuditSearch['type'] })
            }
          >
            <option value="">All events</option>
            {auditEventOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField label="From">
          <Input
            type="date"
            value={search.from ?? ''}
            max={search.to}
            onChange={(event) => setSearch({ from: event.target.value || undefined })}
          />
        </FormField>
        <FormField label="To" error={rangeInvalid ? '“To” must be after “from”.' : undefined}>
          <Input
            type="date"
            value={search.to ?? ''}
            min={search.from}
            onChange={(event) => setSearch({ to: event.target.value || undefined })}
          />
        </FormField>
      </div>
      {search.userId ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-muted-foreground">Events by or about</span>
          <Badge tone="info">
            {filteredUser.data
              ? `${filteredUser.data.user.name} (${filteredUser.data.user.email})`
              : filteredUser.isLoading
                ? 'loading…'
                : search.userId}
          </Badge>
          <Button size="sm" variant="ghost" onClick={() => setSearch({ userId: undefined })}>
            <X aria-hidden="true" />
            Any user
          </Button>
        </div>
      ) : (
        <p className="text-xs text-muted-foreground">
          To see one person’s events, open them from the Users page (“Full audit log for this
          user”).
        </p>
      )}

      {rangeInvalid ? null : (
        <PagedTable
          query={events}
          label="Audit events"
          columns={['When', 'Event', 'Account', 'By', 'From']}
          pages={pages}
          loadingLabel="Loading audit events"
          skeletonRows={6}
          pagesLabel="Audit log pages"
          empty={
            <EmptyState
              icon={<ScrollText />}
              title={filtered ? 'No events match these filters' : 'The audit log is empty'}
              description={
                filtered
                  ? 'Widen the date range or pick another event type.'
                  : 'Sign-ins, password changes and admin actions are recorded here.'
              }
              action={
                filtered ? (
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => void navigate({ to: '/admin/audit', search: {}, replace: true })}
                  >
                    Clear filters
                  </Button>
                ) : undefined
              }
            />
          }
        >
          {events.data?.items.map((event) => {
            const detail = auditEventDetail(event.type, event.metadata);
            return (
              <TableRow key={event.id} data-testid="audit-row">
                <TableCell className="whitespace-nowrap">
                  {formatDateTime(event.createdAt)}
                </TableCell>
                <TableCell>
                  <div className="flex flex-col items-start gap-1">
                    <Badge tone={auditEventTone(event.type)}>{auditEventLabel(event.type)}</Badge>
                    {detail ? (
                      <span className="text-xs text-muted-foreground">{detail}</span>
                    ) : null}
                  </div>
                </TableCell>
                <TableCell>
                  {event.targetUserId ? (
                    <Link
                      to="/admin/users/$userId"
                      params={{ userId: event.targetUserId }}
                      className="whitespace-nowrap text-primary underline-offset-4 hover:underline"
                    >
                      {event.targetEmail ?? 'Open user'}
                    </Link>
                  ) : (
                    <span className="whitespace-nowrap">{event.targetEmail ?? '—'}</span>
                  )}
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  {event.actorEmail ?? (event.actorId ? 'deleted user' : '—')}
                </TableCell>
                <TableCell className="text-xs text-muted-foreground">
                  <span className="block font-mono">{event.ipAddress ?? '—'}</span>
                  <span title={event.userAgent ?? undefined}>
                    {event.userAgent ? briefUserAgent(event.userAgent) : ''}
                  </span>
                </TableCell>
              </TableRow>
            );
          })}
        </PagedTable>
      )}
    </section>
  );
}
