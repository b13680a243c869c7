import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const url = (what: string) =>
  z.url({ message: `must be a full URL (${what})` });

// src/config.ts and the bundled dist/main.js sit at the same depth, so this is the repository
// root in development and in production alike.
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Every environment variable the API reads. `.env.example` documents each one. */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: url('e.g. https://tessera.example.com').optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, 'letters, digits and : . - _ only').default('tessera:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: booleanFlag.default(false),
  CORS_ORIGINS: z.string().default(''),
  TRUST_PROXY: booleanFlag.default(false),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  UPLOAD_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(75 * 1_048_576),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  TRPC_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(25),
  WEB_DIST_DIR: z.string().optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('Tessera <no-reply@localhost>'),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SESSION_IDLE_TIMEOUT_DAYS: z.coerce.number().min(0.01).max(365).default(14),
  SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  AUTH_SIGN_IN_LIMIT: z.coerce.number().int().min(1).default(30),
  AUTH_SIGN_UP_LIMIT: z.coerce.number().int().min(1).default(10),
  AUTH_RESET_LIMIT: z.coerce.number().int().min(1).default(5),
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  GITHUB_CLIENT_ID: z.string().optional(),
  GITHUB_CLIENT_SECRET: z.string().optional(),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  // Provider endpoints default to the real GitHub and Google; tests point them at a fake provider.
  OAUTH_GITHUB_AUTHORIZE_URL: url('GitHub authorization endpoint').default('https://github.com/login/oauth/authorize'),
  OAUTH_GITHUB_TOKEN_URL: url('GitHub token endpoint').default('https://github.com/login/oauth/access_token'),
  OAUTH_GITHUB_API_URL: url('GitHub REST API base').default('https://api.github.com'),
  OAUTH_GOOGLE_AUTHORIZE_URL: url('Google authorization endpoint').default('https://accounts.google.com/o/oauth2/v2/auth'),
  OAUTH_GOOGLE_TOKEN_URL: url('Google token endpoint').default('https://oauth2.googleapis.com/token'),
  OAUTH_GOOGLE_USERINFO_URL: url('Google userinfo endpoint').default('https://openidconnect.googleapis.com/v1/userinfo'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  AI_PROVIDER: z.enum(['offline', 'mistral', 'openai', 'anthropic', 'openai-compatible'], { message: 'must be offline, mistral, openai, anthropic or openai-compatible' }).optional(),
  AI_MODEL: z.string().trim().min(1).max(200).optional(),
  AI_EMBEDDING_MODEL: z.string().trim().min(1).max(200).optional(),
  AI_BASE_URL: url('the provider API base, e.g. http://localhost:11434/v1 for Ollama').optional(),
  MISTRAL_API_KEY: z.string().min(1).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  AI_TIMEOUT_MS: z.coerce.number().int().min(100, 'must be at least 100').max(600_000, 'must be at most 600000').default(60_000),
  AI_MAX_RETRIES: z.coerce.number().int().min(0, 'must be between 0 and 10').max(10, 'must be between 0 and 10').default(2),
  AI_OFFLINE_STREAM_DELAY_MS: z.coerce.number().int().min(0).max(5000).optional(),
  CHARACTERS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1, 'must be at least 1').default(5),
  CHARACTERS_DAILY_QUOTA: z.coerce.number().int().min(1, 'must be at least 1').default(50),
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'must be a base64url P-256 public key (npx web-push generate-vapid-keys)').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{40,50}$/, 'must be a base64url P-256 private key (npx web-push generate-vapid-keys)').optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'must be a mailto: address or an https:// URL').default('mailto:admin@example.com'),
  REALTIME_SESSION_CHECK_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  QUEUE_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
});

const minute = 60_000;
const day = 24 * 60 * minute;

export type Environment = z.input<typeof environmentSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  redisUrl: string | undefined;
  /** Prefix of every Redis key, so several installations (or test runs) can share one Redis. */
  redisKeyPrefix: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  logPretty: boolean;
  /** Origins allowed to call the API from a browser (the SPA's own origin is always allowed). */
  allowedOrigins: string[];
  trustProxy: boolean;
  rateLimit: { max: number; windowMs: number };
  bodyLimitBytes: number;
  /** For requests that only call file-taking procedures (CSV import, backup restore). */
  uploadBodyLimitBytes: number;
  requestTimeoutMs: number;
  maxBatchSize: number;
  webDistDir: string;
  migrationsFolder: string;
  shutdownTimeoutMs: number;
  /** The AI provider layer (packages/ai): offline unless a provider and its key are configured. */
  ai: {
    provider: 'offline' | 'mistral' | 'openai' | 'anthropic' | 'openai-compatible';
    model: string | undefined;
    embeddingModel: string | undefined;
    baseUrl: string | undefined;
    apiKey: string | undefined;
    timeoutMs: number;
    maxRetries: number;
    offlineStreamDelayMs: number;
  };
  /** Character generations per user: per minute, and per UTC day. */
  characters: { ratePerMinute: number; dailyQuota: number };
  /** Web Push keys (generated and stored in the database when unset) and the contact push services see. */
  push: { publicKey: string | undefined; privateKey: string | undefined; subject: string };
  /** How often open WebSockets re-check their session, so revoked sessions lose their sockets. */
  realtimeSessionCheckMs: number;
  /** Backstop polling of the job queue (LISTEN/NOTIFY wakes workers at once). */
  queuePollSeconds: number;
  mail: { smtpUrl: string | undefined; from: string };
  auth: {
    cookieName: string;
    secureCookies: boolean;
    sessionTtlMs: number;
    idleTimeoutMs: number;
    maxAgeMs: number;
    /** Per client IP: sign-ins per 15 minutes, sign-ups per hour, reset requests per hour. */
    limits: { signIn: number; signUp: number; reset: number };
    lockout: { threshold: number; windowMs: number; durationMs: number };
    oauth: {
      github?: { clientId: string; clientSecret: string; authorizeUrl: string; tokenUrl: string; apiUrl: string };
      google?: { clientId: string; clientSecret: string; authorizeUrl: string; tokenUrl: string; userinfoUrl: string };
    };
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validate the environment once. Every problem is reported, one line each, naming the variable. */
export function loadConfig(source: Record<string, string | undefined> = readProcessEnv()): Config {
  // Empty strings mean "not set", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const got = cleaned[name];
        return `${name}: ${issue.message}${got === undefined ? '' : ` (got "${name.includes('URL') ? redactUrl(got) : got}")`}`;
      }),
    );
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const origins = new Set([new URL(publicUrl).origin]);
  for (const origin of e.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean)) origins.add(origin);
  if (e.NODE_ENV !== 'production') {
    // Vite's dev server proxies /trpc but the browser still sends its own origin.
    origins.add('http://localhost:5173');
    origins.add('http://127.0.0.1:5173');
    origins.add(`http://127.0.0.1:${e.PORT}`);
  }
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir: resolve(repoRoot, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    allowedOrigins: [...origins],
    trustProxy: e.TRUST_PROXY,
    rateLimit: { max: e.RATE_LIMIT_MAX, windowMs: e.RATE_LIMIT_WINDOW_MS },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    uploadBodyLimitBytes: Math.max(e.UPLOAD_BODY_LIMIT_BYTES, e.BODY_LIMIT_BYTES),
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    maxBatchSize: e.TRPC_MAX_BATCH_SIZE,
    webDistDir: e.WEB_DIST_DIR ? resolve(repoRoot, e.WEB_DIST_DIR) : resolve(repoRoot, 'apps/web/dist'),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    ai: aiConfigOf(e),
    characters: { ratePerMinute: e.CHARACTERS_RATE_LIMIT_PER_MINUTE, dailyQuota: e.CHARACTERS_DAILY_QUOTA },
    push: { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject: e.VAPID_SUBJECT },
    realtimeSessionCheckMs: e.REALTIME_SESSION_CHECK_MS,
    queuePollSeconds: e.QUEUE_POLL_SECONDS,
    migrationsFolder: resolve(repoRoot, 'packages/db/migrations'),
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    auth: {
      // __Host- cookies must be Secure, path=/ and host-only: the strongest binding a browser offers.
      cookieName: publicUrl.startsWith('https://') ? '__Host-tessera_session' : 'tessera_session',
      secureCookies: publicUrl.startsWith('https://'),
      sessionTtlMs: e.SESSION_TTL_DAYS * day,
      idleTimeoutMs: e.SESSION_IDLE_TIMEOUT_DAYS * day,
      maxAgeMs: e.SESSION_MAX_AGE_DAYS * day,
      limits: { signIn: e.AUTH_SIGN_IN_LIMIT, signUp: e.AUTH_SIGN_UP_LIMIT, reset: e.AUTH_RESET_LIMIT },
      lockout: { threshold: e.LOCKOUT_THRESHOLD, windowMs: e.LOCKOUT_MINUTES * minute, durationMs: e.LOCKOUT_MINUTES * minute },
      oauth: {
        ...(e.GITHUB_CLIENT_ID && e.GITHUB_CLIENT_SECRET
          ? {
              github: {
                clientId: e.GITHUB_CLIENT_ID,
                clientSecret: e.GITHUB_CLIENT_SECRET,
                authorizeUrl: e.OAUTH_GITHUB_AUTHORIZE_URL,
                tokenUrl: e.OAUTH_GITHUB_TOKEN_URL,
                apiUrl: e.OAUTH_GITHUB_API_URL.replace(/\/$/, ''),
              },
            }
          : {}),
        ...(e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET
          ? {
              google: {
                clientId: e.GOOGLE_CLIENT_ID,
                clientSecret: e.GOOGLE_CLIENT_SECRET,
                authorizeUrl: e.OAUTH_GOOGLE_AUTHORIZE_URL,
                tokenUrl: e.OAUTH_GOOGLE_TOKEN_URL,
                userinfoUrl: e.OAUTH_GOOGLE_USERINFO_URL,
              },
            }
          : {}),
      },
    },
  };
}

/**
 * The provider comes from AI_PROVIDER, else from whichever key is set (Mistral first), else offline:
 * a fresh install works without any key. A provider named without its key is a startup error.
 */
function aiConfigOf(e: z.infer<typeof environmentSchema>): Config['ai'] {
  const keys = { mistral: e.MISTRAL_API_KEY, openai: e.OPENAI_API_KEY, anthropic: e.ANTHROPIC_API_KEY };
  const provider = e.AI_PROVIDER ?? (keys.mistral ? 'mistral' : keys.openai ? 'openai' : keys.anthropic ? 'anthropic' : 'offline');
  const apiKey = provider === 'mistral' || provider === 'openai' || provider === 'anthropic' ? keys[provider] : provider === 'openai-compatible' ? keys.openai : undefined;
  if ((provider === 'mistral' || provider === 'openai' || provider === 'anthropic') && !apiKey) {
    throw new ConfigError([`AI_PROVIDER: ${provider} needs ${provider.toUpperCase()}_API_KEY (or leave AI_PROVIDER unset to run offline)`]);
  }
  if (provider === 'openai-compatible' && !e.AI_BASE_URL) {
    throw new ConfigError(['AI_BASE_URL: openai-compatible needs the server base URL, e.g. http://localhost:11434/v1']);
  }
  return {
    provider,
    model: e.AI_MODEL,
    embeddingModel: e.AI_EMBEDDING_MODEL,
    baseUrl: e.AI_BASE_URL,
    apiKey,
    timeoutMs: e.AI_TIMEOUT_MS,
    maxRetries: e.AI_MAX_RETRIES,
    // Offline answers are instant; a short pause per section lets the card visibly fill in.
    offlineStreamDelayMs: e.AI_OFFLINE_STREAM_DELAY_MS ?? (e.NODE_ENV === 'test' ? 0 : 60),
  };
}

function readProcessEnv(): Record<string, string | undefined> {
  // eslint-disable-next-line no-restricted-properties -- the one place that reads the environment
  return process.env;
}

/** Never print a password that sits inside a connection string. */
export function redactUrl(value: string): string {
  return value.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
