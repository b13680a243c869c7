import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UnreadBadge } from './unread-badge';

describe('UnreadBadge', () => {
  it('shows nothing when all is read', () => {
    const { container } = render(<UnreadBadge count={0} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('shows the count, hidden from assistive tech (the bell’s name carries it)', () => {
    render(<UnreadBadge count={7} />);
    const badge = screen.getByTestId('unread-badge');
    expect(badge).toHaveTextContent('7');
    expect(badge).toHaveAttribute('aria-hidden', 'true');
  });

  it('caps large counts', () => {
    render(<UnreadBadge count={250} />);
    expect(screen.getByTestId('unread-badge')).toHaveTextContent('99+');
  });
});
