/* Tessera's push service worker: shows a notification for each Web Push message and opens its
 * link when clicked. Registered from the preferences page (src/features/notifications/push.ts);
 * the payload is what the API sends: { id, type, title, body, link }. */

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

function readPayload(event) {
  if (!event.data) return {};
  try {
    return event.data.json();
  } catch {
    return { body: event.data.text() };
  }
}

/** Only paths inside the app are opened (the server sends links starting with one "/"). */
function appUrl(link) {
  const path = typeof link === 'string' && link.startsWith('/') && !link.startsWith('//') ? link : '/notifications';
  return new URL(path, self.location.origin).href;
}

self.addEventListener('push', (event) => {
  const payload = readPayload(event);
  const title = typeof payload.title === 'string' && payload.title ? payload.title : 'Tessera';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof payload.body === 'string' ? payload.body : '',
      // One notification per id: a repeated delivery replaces instead of stacking.
      tag: typeof payload.id === 'string' ? payload.id : undefined,
      data: { url: appUrl(payload.link) },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || appUrl(null);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) return open.focus().then((client) => (client && 'navigate' in client ? client.navigate(url) : undefined));
      return self.clients.openWindow(url);
    }),
  );
});
