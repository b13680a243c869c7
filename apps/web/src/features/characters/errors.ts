import { isTrpcError, requestIdOf } from '../../lib/trpc';

export interface ErrorDescription {
  title: string;
  message: string;
  requestId: string | null;
  /** Rate limit or quota: retrying at once will fail the same way. */
  limited: boolean;
}

/**
 * What to tell the person about a failed call. The API words its own messages for people (the
 * quota and when it resets, "the AI provider is unavailable — try again"), so they are shown as
 * they come; the title says what kind of trouble it is.
 */
export function describeError(error: unknown, action = 'That'): ErrorDescription {
  const requestId = requestIdOf(error);
  const message = error instanceof Error && error.message ? error.message : 'An unexpected error occurred.';
  if (!isTrpcError(error)) {
    return { title: `${action} did not work`, message, requestId, limited: false };
  }
  switch (error.data?.code) {
    case 'TOO_MANY_REQUESTS':
      return { title: 'Generation limit reached', message, requestId, limited: true };
    case 'SERVICE_UNAVAILABLE':
    case 'GATEWAY_TIMEOUT':
    case 'BAD_GATEWAY':
      return { title: 'The AI provider is unavailable', message, requestId, limited: false };
    case 'UNAUTHORIZED':
      return { title: 'You are signed out', message: 'Sign in again to continue.', requestId, limited: false };
    case 'NOT_FOUND':
      return { title: 'Not found', message, requestId, limited: false };
    default:
      return { title: `${action} did not work`, message, requestId, limited: false };
  }
}
