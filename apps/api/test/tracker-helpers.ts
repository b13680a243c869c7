import type { DomainEvent } from '../src/platform/events';
import { browserClient, type TestApp } from './harness';

const password = 'correct horse battery staple';
let people = 0;

/** A new signed-in person (browser-like client with a session cookie). */
export async function signedInPerson(app: TestApp, name = 'Job Seeker') {
  people += 1;
  const browser = browserClient(app);
  const email = `seeker${people}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const { user } = await browser.client.auth.signUp.mutate({ email, password, name });
  return { client: browser.client, browser, userId: user.id, email };
}

export type TrackerClient = Awaited<ReturnType<typeof signedInPerson>>['client'];

/** Records every domain event the server publishes. */
export function recordEvents(app: TestApp) {
  const events: DomainEvent[] = [];
  const stop = app.deps.events.subscribe('*', (event) => {
    events.push(event);
  });
  return { events, stop, clear: () => events.splice(0, events.length) };
}
