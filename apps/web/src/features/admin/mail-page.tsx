import type { ReactElement } from 'react';
import { Alert } from '@tessera/ui/alert';
import { Badge } from '@tessera/ui/badge';
import {
  Drawer,
  DrawerContent,
  DrawerDescription,
  DrawerHeader,
  DrawerTitle,
} from '@tessera/ui/drawer';
import { EmptyState } from '@tessera/ui/empty-state';
import { TableCell, TableRow } from '@tessera/ui/table';
import { type NotificationType, notificationTypeLabels } from '@tessera/validation/notifications';
import { Inbox } from 'lucide-react';
import { useState } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime, formatRelative } from '../../lib/format';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useDocumentTitle } from '../../lib/use-document-title';
import { Linkify } from './linkify';
import { PagedTable } from './paged-table';

type Message = RouterOutputs['admin']['mail']['list']['items'][number];

const kindLabels: Record<string, string> = {
  verify_email: 'Email confirmation',
  reset_password: 'Password reset',
  change_email: 'New address confirmation',
  email_change_requested: 'Address change requested',
  email_changed: 'Address changed',
};

/** The kind of an outbox message in words: notification emails are `notification.<type>`. */
function kindLabel(kind: string): string {
  const type = kind.startsWith('notification.') ? kind.slice('notification.'.length) : null;
  if (type && type in notificationTypeLabels) return `Notification: ${notificationTypeLabels[type as NotificationType].label}`;
  return kindLabels[kind] ?? kind.replace(/[_.]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function DeliveryBadge({ message }: { message: Message }) {
  if (message.error) return <Badge tone="danger">Failed</Badge>;
  if (message.sentAt)
    return <Badge tone="success">{message.transport === 'smtp' ? 'Sent' : 'In outbox'}</Badge>;
  return <Badge tone="warning">Pending</Badge>;
}

/** Route `/admin/mail`: every message Tessera sent; with no mail server this is where they are read. */
export function MailPage(): ReactElement | null {
  useDocumentTitle('Mail outbox · Admin');
  const pages = useCursorPages('mail');
  const mail = trpc.admin.mail.list.useQuery(
    { cursor: pages.cursor, limit: 25 },
    { placeholderData: (previous) => previous },
  );
  const [open, setOpen] = useState<Message | null>(null);

  return (
    <section aria-labelledby="mail-heading" className="flex flex-col gap-4">
      <h2 id="mail-heading" className="sr-only">
        Mail outbox
      </h2>
      {mail.data?.transport === 'outbox' ? (
        <Alert tone="info" title="No mail server is configured">
          Messages are kept here instead of being sent. Open one to read it and follow its links —
          this is how people confirm their email or reset their password on this installation. Set
          SMTP_URL to send real email.
        </Alert>
      ) : null}

      <PagedTable
        query={mail}
        label="Messages"
        columns={['To', 'Subject', 'Kind', 'When', 'Delivery']}
        pages={pages}
        loadingLabel="Loading messages"
        skeletonRows={5}
        pagesLabel="Mail pages"
        empty={
          <EmptyState
            icon={<Inbox />}
            title="No messages yet"
            description="Confirmation and password-reset emails appear here as soon as they are written."
          />
        }
      >
        {mail.data?.items.map((message) => (
          <TableRow key={message.id} data-testid="mail-row">
            <TableCell className="whitespace-nowrap">{message.to}</TableCell>
            <TableCell>
              <button
                type="button"
                onClick={() => setOpen(message)}
                className="rounded-sm text-left font-medium text-primary underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
              >
                {message.subject}
              </button>
            </TableCell>
            <TableCell className="whitespace-nowrap">{kindLabel(message.kind)}</TableCell>
            <TableCell className="whitespace-nowrap" title={formatDateTime(message.createdAt)}>
              {formatRelative(message.createdAt)}
            </TableCell>
            <TableCell>
              <span className="flex flex-wrap items-center gap-1.5">
                <DeliveryBadge message={message} />
                <span className="text-xs text-muted-foreground">
                  {message.transport === 'smtp' ? 'SMTP' : 'Outbox'}
                </span>
              </span>
            </TableCell>
          </TableRow>
        ))}
      </PagedTable>

      <Drawer open={open !== null} onOpenChange={(next) => !next && setOpen(null)}>
        <DrawerContent side="right" className="max-w-xl sm:w-[36rem]">
          {open ? (
            <>
              <DrawerHeader>
                <DrawerTitle>{open.subject}</DrawerTitle>
                <DrawerDescription>
                  To <span className="break-words text-foreground">{open.to}</span> ·{' '}
                  {formatDateTime(open.createdAt)} · {kindLabel(open.kind)}
                </DrawerDescription>
              </DrawerHeader>
              {open.error ? <ErrorAlert title="Delivery failed" message={open.error} /> : null}
              <div
                data-testid="mail-text"
                className="whitespace-pre-wrap break-words rounded-md border border-border bg-subtle p-4 text-sm leading-relaxed"
              >
                <Linkify text={open.text} />
              </div>
            </>
          ) : null}
        </DrawerContent>
      </Drawer>
    </section>
  );
}
