import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FormField } from './form-field';
import { Input } from './input';

describe('FormField', () => {
  it('labels the control and wires description and error through aria-describedby', () => {
    render(
      <FormField label="Email" description="We never share it." error="Enter a valid email address.">
        <Input type="email" />
      </FormField>,
    );
    const input = screen.getByLabelText('Email');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('We never share it. Enter a valid email address.');
    const error = screen.getByText('Enter a valid email address.');
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
  });

  it('is not invalid and has no description when there is none', () => {
    render(
      <FormField label="Name">
        <Input />
      </FormField>,
    );
    const input = screen.getByLabelText('Name');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).not.toHaveAttribute('aria-describedby');
  });
});
