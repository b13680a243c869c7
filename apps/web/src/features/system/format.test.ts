import { describe, expect, it } from 'vitest';
import { formatBytes, formatDatabaseMode, formatLatency, formatUptime } from './format';

describe('formatUptime', () => {
  it.each([
    [0, '0s'],
    [-5, '0s'],
    [Number.NaN, '0s'],
    [1, '1s'],
    [59.9, '59s'],
    [60, '1m 00s'],
    [185, '3m 05s'],
    [3600, '1h 00m 00s'],
    [2 * 3600 + 14 * 60 + 9, '2h 14m 09s'],
    [86_400, '1d 00h 00m'],
    [3 * 86_400 + 4 * 3600 + 12 * 60 + 59, '3d 04h 12m'],
  ])('%s seconds reads as %s', (seconds, expected) => {
    expect(formatUptime(seconds)).toBe(expected);
  });

  it('changes every second below a day, so the display ticks', () => {
    expect(formatUptime(3661)).not.toBe(formatUptime(3662));
  });
});

describe('formatBytes', () => {
  it('uses binary units with one decimal', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(88_290_304)).toBe('84.2 MB');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('formatDatabaseMode and formatLatency', () => {
  it('names the engine and rounds latency sensibly', () => {
    expect(formatDatabaseMode('embedded')).toBe('Embedded PGlite');
    expect(formatDatabaseMode('postgres')).toBe('PostgreSQL');
    expect(formatLatency(0.42)).toBe('0.4 ms');
    expect(formatLatency(23.6)).toBe('24 ms');
  });
});
