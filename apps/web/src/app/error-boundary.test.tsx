import { render, screen } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import { AppErrorBoundary, ErrorMessage } from './error-boundary';

function apiError(requestId: string) {
  return new TRPCClientError('Something went wrong on our side.', {
    result: {
      error: {
        message: 'Something went wrong on our side.',
        code: -32603,
        data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, path: 'system.status', requestId, fieldErrors: null },
      },
    },
  });
}

describe('error display', () => {
  it('shows the request id of an API error', () => {
    render(<ErrorMessage error={apiError('req-42')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong on our side.');
    expect(screen.getByText('req-42')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go home' })).toHaveAttribute('href', '/');
  });

  it('shows no request id for other errors', () => {
    render(<ErrorMessage error={new Error('Boom')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Boom');
    expect(screen.queryByText(/Request id/)).not.toBeInTheDocument();
  });

  it('catches render errors anywhere in the app', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    function Broken(): never {
      throw apiError('req-7');
    }
    render(
      <AppErrorBoundary>
        <Broken />
      </AppErrorBoundary>,
    );
    expect(screen.getByText('req-7')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    spy.mockRestore();
  });
});
