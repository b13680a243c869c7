import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './confirm-dialog';

function Example({ onConfirm, error }: { onConfirm: () => void; error?: string }) {
  const [open, setOpen] = useState(true);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      title="Delete this account?"
      description="The account and everything it owns are deleted."
      confirmLabel="Delete account"
      tone="danger"
      onConfirm={onConfirm}
      error={error}
    />
  );
}

describe('ConfirmDialog', () => {
  it('is an alert dialog that starts on Cancel and closes on Escape without confirming', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(<Example onConfirm={onConfirm} />);
    const dialog = screen.getByRole('alertdialog', { name: 'Delete this account?' });
    expect(dialog).toHaveAccessibleDescription('The account and everything it owns are deleted.');
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('confirms without closing itself and shows an error inside', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(<Example onConfirm={onConfirm} error="Cannot delete the last active admin." />);
    await user.click(screen.getByRole('button', { name: 'Delete account' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Cannot delete the last active admin.');
  });
});
