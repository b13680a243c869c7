import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ToastProvider, useToast } from './toast';

function Saver() {
  const { toast } = useToast();
  return <button onClick={() => toast({ title: 'Saved', description: 'Your changes are live.', tone: 'success' })}>Save</button>;
}

describe('Toast', () => {
  it('shows a toast in a live region from useToast()', async () => {
    render(
      <ToastProvider>
        <Saver />
      </ToastProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(screen.getByText('Your changes are live.')).toBeInTheDocument();
  });

  it('throws a helpful error outside the provider', () => {
    expect(() => render(<Saver />)).toThrow(/ToastProvider/);
  });
});
