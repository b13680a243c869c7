import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Pagination } from './pagination';

describe('Pagination', () => {
  it('disables Previous on the first page and Next on the last', () => {
    const { rerender } = render(
      <Pagination hasPrevious={false} hasNext onPrevious={vi.fn()} onNext={vi.fn()} info="Page 1" />,
    );
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Next' })).toBeEnabled();

    rerender(<Pagination hasPrevious hasNext={false} onPrevious={vi.fn()} onNext={vi.fn()} info="Page 3" />);
    expect(screen.getByRole('button', { name: 'Previous' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    expect(screen.getByRole('navigation', { name: 'Pagination' })).toHaveTextContent('Page 3');
  });

  it('calls the handlers and disables both while loading', async () => {
    const onNext = vi.fn();
    const onPrevious = vi.fn();
    const { rerender } = render(<Pagination hasPrevious hasNext onPrevious={onPrevious} onNext={onNext} />);
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(onNext).toHaveBeenCalledOnce();
    expect(onPrevious).toHaveBeenCalledOnce();

    rerender(<Pagination hasPrevious hasNext loading onPrevious={onPrevious} onNext={onNext} />);
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
  });
});
