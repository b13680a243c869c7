import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Linkify } from './linkify';

describe('Linkify', () => {
  it('turns http(s) URLs into links and leaves the rest as text', () => {
    const text =
      'Hello Ada,\n\nConfirm: http://localhost:3000/verify-email?token=abc_123-x.\nOr ignore javascript:alert(1).';
    const { container } = render(<Linkify text={text} />);
    const link = screen.getByRole('link');
    expect(link).toHaveAttribute('href', 'http://localhost:3000/verify-email?token=abc_123-x');
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(container.textContent).toBe(text);
  });
});
