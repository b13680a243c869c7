import { Checkbox } from '@tessera/ui/checkbox';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@tessera/ui/table';
import type { NotificationChannel, NotificationType } from '@tessera/validation/notifications';
import { notificationChannels } from '@tessera/validation/notifications';
import type { ReactNode } from 'react';
import type { RouterOutputs } from '../../lib/trpc';

export type PreferenceRow = RouterOutputs['notifications']['preferences']['get']['types'][number];

export const channelLabels: Record<NotificationChannel, { label: string; short: string }> = {
  inApp: { label: 'In the app', short: 'In-app' },
  email: { label: 'Email', short: 'Email' },
  push: { label: 'Browser push', short: 'Push' },
};

export interface PreferencesGridProps {
  rows: PreferenceRow[];
  onChange: (change: {
    type: NotificationType;
    channel: NotificationChannel;
    enabled: boolean;
  }) => void;
  /** A note under a channel's heading (e.g. "verify your email first"). */
  channelNotes?: Partial<Record<NotificationChannel, ReactNode>>;
  disabled?: boolean;
}

/** Event types down, channels across, one checkbox per cell; each change is reported at once. */
export function PreferencesGrid({
  rows,
  onChange,
  channelNotes = {},
  disabled,
}: PreferencesGridProps) {
  const notes = notificationChannels.filter((channel) => Boolean(channelNotes[channel]));
  return (
    <div>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead scope="col" className="pr-2 sm:min-w-44 sm:pr-4">
              Notify me about
            </TableHead>
            {notificationChannels.map((channel) => (
              <TableHead key={channel} scope="col" className="w-12 px-1 text-center sm:w-24 sm:px-4">
                <span className="hidden sm:inline">{channelLabels[channel].label}</span>
                <span className="sm:hidden">{channelLabels[channel].short}</span>
                {channelNotes[channel] ? (
                  <span aria-hidden="true" className="text-warning">
                    {' '}
                    *
                  </span>
                ) : null}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.type}>
              <TableHead scope="row" className="h-auto py-3 pr-2 align-top font-normal sm:pr-4">
                <span className="block font-medium text-foreground">{row.label}</span>
                <span className="block text-xs whitespace-normal text-muted-foreground">
                  {row.description}
                </span>
              </TableHead>
              {notificationChannels.map((channel) => (
                <TableCell key={channel} className="px-1 text-center sm:px-4">
                  <Checkbox
                    aria-label={`${channelLabels[channel].label} for ${row.label}`}
                    checked={row.channels[channel]}
                    disabled={disabled}
                    onCheckedChange={(value) =>
                      onChange({ type: row.type, channel, enabled: value === true })
                    }
                  />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {notes.length > 0 ? (
        <ul
          aria-label="Channel notes"
          className="space-y-1 border-t border-border px-4 pt-3 text-xs text-muted-foreground sm:px-6"
        >
          {notes.map((channel) => (
            <li key={channel}>
              <span aria-hidden="true" className="text-warning">
                *{' '}
              </span>
              <span className="font-medium text-foreground">{channelLabels[channel].label}:</span>{' '}
              {channelNotes[channel]}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
