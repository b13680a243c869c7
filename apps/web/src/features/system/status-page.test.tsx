import { screen } from '@testing-library/react';
import superjson from 'superjson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../testing/render';
import type { SystemStatus } from './format';
import { SystemStatusPage } from './status-page';

const status: SystemStatus = {
  status: 'ok',
  version: '0.1.0',
  nodeVersion: 'v20.20.2',
  startedAt: new Date('2026-01-01T00:00:00Z'),
  uptimeSeconds: 3725,
  serverTime: new Date('2026-01-01T01:02:05Z'),
  database: { mode: 'postgres', latencyMs: 1.25, migrations: { applied: 2, available: 3, latest: '0001_tracker' } },
  installation: { instanceId: 'instance-1', installedAt: new Date('2025-12-31T00:00:00Z') },
  memory: { rssBytes: 88_290_304 },
};

function respond(body: unknown, statusCode = 200) {
  return new Response(JSON.stringify(body), { status: statusCode, headers: { 'content-type': 'application/json' } });
}

function renderPage() {
  return renderWithProviders(<SystemStatusPage />);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SystemStatusPage', () => {
  it('shows skeletons, then the facts the API returned', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(respond([{ result: { data: superjson.serialize(status) } }])));
    vi.stubGlobal('fetch', fetchMock);
    renderPage();
    expect(screen.getByLabelText('Loading system status')).toHaveAttribute('aria-busy', 'true');

    expect(await screen.findByText('PostgreSQL')).toBeInTheDocument();
    expect(screen.getByTestId('migration-level')).toHaveTextContent('2 / 3');
    expect(screen.getByText('Pending')).toBeInTheDocument();
    expect(screen.getByText('0001_tracker')).toBeInTheDocument();
    expect(screen.getByTestId('uptime')).toHaveTextContent(/^1h 02m 0\ds$/);
    expect(screen.getByText('84.2 MB')).toBeInTheDocument();
    expect(screen.getByText('1.3 ms')).toBeInTheDocument();
    expect(screen.getByText('instance-1')).toBeInTheDocument();
    expect(screen.getByText('API operational')).toBeInTheDocument();
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toContain('/trpc/system.status');
    expect(init.credentials).toBe('include');
  });

  it('shows an error with the request id and a retry button', async () => {
    const error = {
      error: superjson.serialize({
        message: 'Something went wrong on our side.',
        code: -32603,
        data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, path: 'system.status', requestId: 'req-9', fieldErrors: null },
      }),
    };
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(respond([error], 500))));
    renderPage();
    expect(await screen.findByText('Could not load the system status', undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('req-9')).toBeInTheDocument();
    expect(screen.getByText('API unreachable')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeEnabled();
  });
});
