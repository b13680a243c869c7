/** Save a file the API sent in a mutation's answer (`utf8` text or `base64` bytes). */
export function saveFile(file: { filename: string; contentType: string; encoding: 'utf8' | 'base64'; body: string }): void {
  const blob =
    file.encoding === 'base64'
      ? new Blob([Uint8Array.from(atob(file.body), (c) => c.charCodeAt(0))], { type: file.contentType })
      : new Blob([file.body], { type: file.contentType });
  saveBlob(blob, file.filename);
}

/** Save bytes the page holds as a file download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  clickLink(url, filename);
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A file from a download route, fetched by the page rather than by navigation, so the page can show
 * that it is being prepared, cancel it (`signal`: the server stops building it) and show a refusal in
 * the API's own words instead of navigating to an error.
 */
export async function fetchDownload(href: string, signal: AbortSignal): Promise<{ blob: Blob; filename: string }> {
  const response = await fetch(href, { signal, credentials: 'same-origin' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The download failed (HTTP ${response.status}). Try again.`);
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
  return { blob: await response.blob(), filename };
}

/** Start a download of a URL (the streaming export route answers with Content-Disposition). */
export function clickLink(href: string, filename?: string): void {
  const link = document.createElement('a');
  link.href = href;
  if (filename) link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** The export URL: CSV and JSON are streamed as the server pages through the rows; an Excel workbook is built whole, then sent. */
export function exportUrl(kind: 'jobs' | 'applications', format: 'csv' | 'json' | 'xlsx', fields: string[] | undefined, filters: object): string {
  const params = new URLSearchParams({ kind, format });
  if (fields?.length) params.set('fields', fields.join(','));
  if (Object.keys(filters).length) params.set('filters', JSON.stringify(filters));
  return `/api/tracker/export?${params.toString()}`;
}

/** A file's bytes as base64 (for the backup restore). */
export async function fileToBase64(file: Blob): Promise<string> {
  const buffer = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < buffer.length; i += chunk) binary += String.fromCharCode(...buffer.subarray(i, i + chunk));
  return btoa(binary);
}
