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
  onChange: (change: { type: NotificationType; channel: NotificationChannel; enabled: boolean }) => void;
  /** A note under a channel's heading (e.g. "verify your email first"). */
  channelNotes?: Partial<Record<NotificationChannel, ReactNode>>;
  disabled?: boolean;
}

/** Event types down, channels across, one checkbox per cell; each change is reported at once. */
export function PreferencesGrid({ rows, onChange, channelNotes = {}, disabled }: PreferencesGridProps) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead scope="col" className="min-w-44">
            Notify me about
          </TableHead>
          {notificationChannels.map((channel) => (
            <TableHead key={channel} scope="col" className="w-24 text-center">
              <span className="hidden sm:inline">{channelLabels[channel].label}</span>
              <span className="sm:hidden">{channelLabels[channel].short}</span>
              {channelNotes[channel] ? <span className="block text-xs font-normal text-muted-foreground">{channelNotes[channel]}</span> : null}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.type}>
            <TableHead scope="row" className="h-auto py-3 align-top font-normal">
              <span className="block font-medium text-foreground">{row.label}</span>
              <span className="block text-xs whitespace-normal text-muted-foreground">{row.description}</span>
            </TableHead>
            {notificationChannels.map((channel) => (
              <TableCell key={channel} className="text-center">
                <Checkbox
                  aria-label={`${channelLabels[channel].label} for ${row.label}`}
                  checked={row.channels[channel]}
                  disabled={disabled}
                  onCheckedChange={(value) => onChange({ type: row.type, channel, enabled: value === true })}
                />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
