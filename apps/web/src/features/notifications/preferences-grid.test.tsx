import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { type PreferenceRow, PreferencesGrid } from './preferences-grid';

const rows: PreferenceRow[] = [
  {
    type: 'application_status_changed',
    label: 'Application status',
    description: 'An application moves to another stage.',
    channels: { inApp: true, email: false, push: true },
  },
  {
    type: 'interview_reminder',
    label: 'Interview reminders',
    description: '24 hours and 1 hour before an interview.',
    channels: { inApp: true, email: true, push: false },
  },
];

describe('PreferencesGrid', () => {
  it('shows one labelled checkbox per type and channel, reflecting the choices', () => {
    render(<PreferencesGrid rows={rows} onChange={() => undefined} />);
    expect(screen.getAllByRole('checkbox')).toHaveLength(6);
    expect(
      screen.getByRole('checkbox', { name: 'Email for Application status' }),
    ).not.toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'Browser push for Application status' }),
    ).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Email for Interview reminders' })).toBeChecked();
    expect(screen.getByRole('rowheader', { name: /Interview reminders/ })).toHaveTextContent(
      '24 hours and 1 hour before',
    );
  });

  it('reports each change with its type and channel', () => {
    const onChange = vi.fn();
    render(<PreferencesGrid rows={rows} onChange={onChange} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Email for Application status' }));
    expect(onChange).toHaveBeenLastCalledWith({
      type: 'application_status_changed',
      channel: 'email',
      enabled: true,
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'In the app for Interview reminders' }));
    expect(onChange).toHaveBeenLastCalledWith({
      type: 'interview_reminder',
      channel: 'inApp',
      enabled: false,
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Browser push for Interview reminders' }));
    expect(onChange).toHaveBeenLastCalledWith({
      type: 'interview_reminder',
      channel: 'push',
      enabled: true,
    });
  });

  it('shows channel notes in the header and can be disabled', () => {
    render(
      <PreferencesGrid
        rows={rows}
        onChange={() => undefined}
        disabled
        channelNotes={{ email: 'Verify your email first' }}
      />,
    );
    const notes = screen.getByRole('list', { name: 'Channel notes' });
    expect(within(notes).getByRole('listitem')).toHaveTextContent('Email: Verify your email first');
    for (const box of screen.getAllByRole('checkbox')) expect(box).toBeDisabled();
  });
});
