import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('runs with no environment at all', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.allowedOrigins).toContain('http://localhost:5173');
  });

  it('reports every problem on its own line, naming the variable, without leaking passwords', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://u:hunter2@h/db', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT:'))).toContain('must be a number');
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toContain('must start with postgres://');
    expect((error as Error).message).not.toContain('hunter2');
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toBeDefined();
  });

  it('treats empty strings as unset and keeps production origins strict', () => {
    const config = loadConfig({ NODE_ENV: 'production', PORT: '', PUBLIC_URL: 'https://app.example.com/' });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('https://app.example.com');
    expect(config.allowedOrigins).toEqual(['https://app.example.com']);
  });
});
