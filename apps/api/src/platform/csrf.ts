import type { FastifyInstance } from 'fastify';

/**
 * Cross-site request forgery guard for every state-changing request, whatever its content type
 * (tRPC takes JSON, multipart/form-data and octet-stream; a hostile page's plain form can send
 * text/plain or multipart). A POST that carries our session cookie must come from an allowed
 * Origin — an absent or "null" Origin is refused too. A POST without the cookie that does name a
 * foreign Origin is refused as well (no login CSRF). Scripts that send no cookie and no Origin
 * (bearer tokens, the typed client in Node) are unaffected.
 */
export function enforceSameOrigin(app: FastifyInstance, options: { allowedOrigins: string[]; cookieName: string }) {
  const allowed = new Set(options.allowedOrigins);
  const cookiePattern = new RegExp(`(?:^|;\\s*)${options.cookieName.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')}=`);

  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const origin = request.headers.origin;
    const hasSessionCookie = cookiePattern.test(request.headers.cookie ?? '');
    const crossSite = request.headers['sec-fetch-site'] === 'cross-site';
    const originAllowed = origin !== undefined && allowed.has(origin);
    const refused = hasSessionCookie ? !originAllowed || crossSite : origin !== undefined && !originAllowed;
    if (!refused) return;
    request.log.warn({ origin: origin ?? null, hasSessionCookie }, 'cross-origin request refused');
    return reply.code(403).send({
      error: {
        code: 'FORBIDDEN',
        httpStatus: 403,
        message: 'This request did not come from the Tessera app. Reload the page and try again.',
        requestId: request.id,
      },
    });
  });
}
