import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { describeError } from './errors';

function apiError(code: string, message: string) {
  return new TRPCClientError(message, {
    result: { error: { message, code: -32600, data: { code, httpStatus: 429, path: 'characters.onGenerate', requestId: 'req-9', fieldErrors: null } } },
  });
}

describe('describeError', () => {
  it('keeps the API wording of quota messages and marks them as limits', () => {
    const message = "You have used today's 50 character generations. The quota resets at 00:00 UTC (in 3 h 2 min).";
    expect(describeError(apiError('TOO_MANY_REQUESTS', message))).toEqual({ title: 'Generation limit reached', message, requestId: 'req-9', limited: true });
  });

  it('names provider trouble', () => {
    const described = describeError(apiError('SERVICE_UNAVAILABLE', 'The AI provider is unavailable — try again.'));
    expect(described.title).toBe('The AI provider is unavailable');
    expect(described.message).toBe('The AI provider is unavailable — try again.');
    expect(described.limited).toBe(false);
  });

  it('handles non-API errors', () => {
    expect(describeError(new Error('offline'), 'Export')).toEqual({ title: 'Export did not work', message: 'offline', requestId: null, limited: false });
  });
});
