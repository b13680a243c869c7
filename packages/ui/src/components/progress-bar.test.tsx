import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress-bar';

describe('ProgressBar', () => {
  it('exposes its value to assistive technology and clamps it', () => {
    const { rerender } = render(<ProgressBar label="Import" value={3} max={4} />);
    const bar = screen.getByRole('progressbar', { name: 'Import' });
    expect(bar).toHaveAttribute('aria-valuenow', '3');
    expect(bar).toHaveAttribute('aria-valuetext', '75%');
    rerender(<ProgressBar label="Import" value={9} max={4} />);
    expect(bar).toHaveAttribute('aria-valuenow', '4');
  });
});
