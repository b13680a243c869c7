/**
 * Job posting URLs compared as postings, not as text: the same job reached from a newsletter, a
 * search page or a bookmark carries other tracking parameters, `www.`, a trailing slash or a
 * fragment. Used by the import's repeat check and by `jobs.findByUrl` (the job dialog's "you
 * already track this").
 */

/** Query parameters that only say where a click came from: two links to one posting differ in them. */
const trackingParameter = /^(utm_.+|gclid|fbclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|trk|trackingid|refid)$/i;

/** An http(s) URL's parts that say which posting it is; null for other text. */
function postingParts(url: string): { host: string; path: string; query: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const kept = [...parsed.searchParams].filter(([name]) => !trackingParameter.test(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { host: parsed.host.replace(/^www\./, ''), path: parsed.pathname.replace(/\/+$/, ''), query: kept.length ? `?${new URLSearchParams(kept).toString()}` : '' };
}

/**
 * A job URL as the same posting's other links would also write it: scheme, `www.`, a trailing
 * slash, the fragment, tracking parameters and the order of the other parameters do not count.
 * Parameters that name the job (`?jk=…`, `?gh_jid=…`, `?currentJobId=…`) and the path's case do.
 * Text that is not an http(s) URL is compared as written, after trimming.
 */
export function urlKey(url: string): string {
  const trimmed = url.trim();
  const parts = postingParts(trimmed);
  return parts ? `${parts.host}${parts.path}${parts.query}` : trimmed;
}

/**
 * How a tracked job's URL is likely stored when it has the same `urlKey` as `url`: as written, and
 * with either scheme, with and without `www.` and a trailing slash, without tracking parameters or
 * the fragment — so an exact-URL index lookup finds the same posting's other links (all but a
 * tracked link whose own tracking parameters differ).
 */
export function urlSpellings(url: string): string[] {
  const trimmed = url.trim();
  const parts = postingParts(trimmed);
  const spellings = new Set([trimmed]);
  if (!parts) return [...spellings];
  for (const scheme of ['https://', 'http://'])
    for (const host of [parts.host, `www.${parts.host}`]) for (const path of [parts.path, `${parts.path}/`]) spellings.add(`${scheme}${host}${path}${parts.query}`);
  return [...spellings];
}

/**
 * Prefixes every stored link to the same posting starts with (either scheme, with and without
 * `www.`, the path without its trailing slash), for a `LIKE 'prefix%'` lookup that finds the
 * posting whatever parameters the stored link carries; `urlKey` then decides. Null for a URL that
 * is not http(s).
 */
export function urlPrefixes(url: string): string[] | null {
  const parts = postingParts(url.trim());
  if (!parts) return null;
  return ['https://', 'http://'].flatMap((scheme) => [parts.host, `www.${parts.host}`].map((host) => `${scheme}${host}${parts.path}`));
}
