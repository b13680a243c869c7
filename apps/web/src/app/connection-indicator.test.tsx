import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { realtimeConnection } from '../lib/realtime-connection';
import { ConnectionIndicator, connectionProblem } from './connection-indicator';

describe('ConnectionIndicator', () => {
  it('treats a drop, or a first connection that takes long, as a problem', () => {
    const base = { since: 0, lastError: null, everOnline: false };
    expect(connectionProblem({ ...base, status: 'online' }, 60_000)).toBe(false);
    expect(connectionProblem({ ...base, status: 'idle' }, 60_000)).toBe(false);
    expect(connectionProblem({ ...base, status: 'connecting' }, 1_000)).toBe(false);
    expect(connectionProblem({ ...base, status: 'connecting' }, 5_000)).toBe(true);
    expect(connectionProblem({ ...base, status: 'reconnecting' }, 1)).toBe(true);
  });

  it('appears while the socket is down and goes away when it is back', () => {
    render(<ConnectionIndicator />);
    act(() => realtimeConnection.report({ state: 'pending', error: null }));
    expect(screen.queryByTestId('connection-indicator')).not.toBeInTheDocument();
    act(() => realtimeConnection.report({ state: 'connecting', error: new Error('closed') }));
    expect(screen.getByRole('status')).toHaveTextContent('Reconnecting…');
    act(() => realtimeConnection.report({ state: 'pending', error: null }));
    expect(screen.queryByTestId('connection-indicator')).not.toBeInTheDocument();
  });
});
