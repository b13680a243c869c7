import Bowser from 'bowser';

/** "Chrome on Linux", "Safari on iOS", or a short fallback for scripts ("node", "curl"). */
export function describeDevice(userAgent: string | undefined): string {
  if (!userAgent) return 'Unknown device';
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name;
  const os = parsed.os.name;
  if (browser && os) return `${browser} on ${os}`;
  if (browser) return browser;
  const tool = /^([\w.-]+)\//.exec(userAgent)?.[1];
  return tool ? tool.slice(0, 40) : 'Unknown device';
}
