import type { RouterOutputs } from '../../lib/trpc';

export type SystemStatus = RouterOutputs['system']['status'];
export type DatabaseMode = SystemStatus['database']['mode'];

const units = [
  { label: 'd', seconds: 86_400 },
  { label: 'h', seconds: 3_600 },
  { label: 'm', seconds: 60 },
  { label: 's', seconds: 1 },
] as const;

/**
 * Uptime for people: the two or three largest non-zero units, e.g. "45s", "3m 05s",
 * "2h 14m 09s", "3d 4h 12m". Negative or non-finite input reads as "0s".
 */
export function formatUptime(totalSeconds: number): string {
  let rest = Number.isFinite(totalSeconds) ? Math.max(0, Math.floor(totalSeconds)) : 0;
  if (rest === 0) return '0s';
  const parts: { label: string; value: number }[] = [];
  for (const unit of units) {
    const value = Math.floor(rest / unit.seconds);
    rest -= value * unit.seconds;
    if (value > 0 || parts.length > 0) parts.push({ label: unit.label, value });
  }
  // Days make seconds noise; otherwise show down to seconds so the display visibly ticks.
  const shown = parts[0]?.label === 'd' ? parts.slice(0, 3) : parts;
  return shown.map((part, index) => `${index === 0 ? part.value : String(part.value).padStart(2, '0')}${part.label}`).join(' ');
}

/** Bytes in binary units with one decimal: "84.2 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const names = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let index = 0;
  while (value >= 1024 && index < names.length - 1) {
    value /= 1024;
    index++;
  }
  return `${index === 0 ? value : value.toFixed(1)} ${names[index]}`;
}

export function formatDatabaseMode(mode: DatabaseMode): string {
  return mode === 'embedded' ? 'Embedded PGlite' : 'PostgreSQL';
}

export function formatLatency(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

