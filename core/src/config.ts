import { fileURLToPath } from 'node:url';

/** Everything Trellis reads from its environment, parsed once at start. */
export interface TrellisConfig {
  /** `sqlite:./data/trellis.db`, `sqlite::memory:` or `postgres://user:pass@host:port/db`. */
  databaseUrl: string;
  port: number;
  host: string;
  /** First admin's e-mail and password, used only when no user exists yet. */
  adminEmail: string;
  adminPassword: string | undefined;
  /** Largest accepted JSON body, in bytes. */
  bodyLimitBytes: number;
  /** Most records one bulk create may carry. */
  bulkLimit: number;
  /** Folder of the built admin UI, served at `/` when present (default: the monorepo's admin-ui/dist). */
  adminUiDir: string | undefined;
  /** Days a login session stays valid. */
  sessionDays: number;
  /** Trust X-Forwarded-* headers from a TLS-terminating proxy (TRELLIS_TRUST_PROXY=1): cookies become Secure. */
  trustProxy: boolean;
  /**
   * Seed the demo data of every enabled plugin (TRELLIS_DEMO=1): at start, and whenever a plugin
   * is enabled later; once per plugin and database.
   */
  demo: boolean;
  /**
   * Plugins enabled on the first start of a new database, the one that creates the first
   * administrator (TRELLIS_DEFAULT_PLUGINS, comma-separated; default `contacts`; empty: none).
   */
  defaultPlugins: string[];
  /** Folders whose sub-folders are plugin packages, relative to the working directory (TRELLIS_PLUGIN_DIRS, comma-separated). */
  pluginDirs: string[];
  /** Retries of a failed webhook delivery after its first attempt (TRELLIS_WEBHOOK_RETRIES). */
  webhookRetries: number;
  /** Seconds before a failed webhook delivery's first retry, doubled for each next one (TRELLIS_WEBHOOK_BACKOFF_SECONDS). */
  webhookBackoffSeconds: number;
  /** The SMTP server mail goes through (TRELLIS_SMTP_URL, `smtp://user:pass@host:587` or `smtps://…`); unset: sending fails with a 503. */
  smtpUrl: string | undefined;
  /** The sender of mail that names none (TRELLIS_MAIL_FROM). */
  mailFrom: string;
  /** Milliseconds between looks for due jobs (TRELLIS_JOBS_POLL_MS); a job queued in the same process starts at once. */
  jobsPollMs: number;
  /** Most job handlers running at once in this process (TRELLIS_JOBS_CONCURRENCY). */
  jobsConcurrency: number;
  /** The address users reach Trellis at, for links in mail (TRELLIS_PUBLIC_URL); unset: `http://<host>:<port>`. */
  publicUrl: string | undefined;
}

const DEFAULTS: TrellisConfig = {
  databaseUrl: 'sqlite:./data/trellis.db',
  port: 3000,
  host: '127.0.0.1',
  adminEmail: 'admin@example.com',
  adminPassword: undefined,
  bodyLimitBytes: 16 * 1024 * 1024,
  bulkLimit: 10_000,
  // core/src/config.ts and core/dist/config.js both sit two levels below the repository root.
  adminUiDir: fileURLToPath(new URL('../../admin-ui/dist', import.meta.url)),
  sessionDays: 14,
  trustProxy: false,
  demo: false,
  defaultPlugins: ['contacts'],
  pluginDirs: ['plugins', 'examples'],
  webhookRetries: 8,
  webhookBackoffSeconds: 30,
  smtpUrl: undefined,
  mailFrom: 'Trellis <no-reply@localhost>',
  jobsPollMs: 1000,
  jobsConcurrency: 4,
  publicUrl: undefined,
};

/** Reads TRELLIS_* (and PORT / HOST) variables; unset ones take the documented defaults. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<TrellisConfig> = {}): TrellisConfig {
  const fromEnv: Partial<TrellisConfig> = {};
  if (env.TRELLIS_DATABASE_URL) fromEnv.databaseUrl = env.TRELLIS_DATABASE_URL;
  if (env.PORT) fromEnv.port = positiveInt('PORT', env.PORT, true);
  if (env.HOST) fromEnv.host = env.HOST;
  if (env.TRELLIS_ADMIN_EMAIL) fromEnv.adminEmail = env.TRELLIS_ADMIN_EMAIL;
  if (env.TRELLIS_ADMIN_PASSWORD) fromEnv.adminPassword = env.TRELLIS_ADMIN_PASSWORD;
  if (env.TRELLIS_BODY_LIMIT_MB) fromEnv.bodyLimitBytes = positiveInt('TRELLIS_BODY_LIMIT_MB', env.TRELLIS_BODY_LIMIT_MB) * 1024 * 1024;
  if (env.TRELLIS_BULK_LIMIT) fromEnv.bulkLimit = positiveInt('TRELLIS_BULK_LIMIT', env.TRELLIS_BULK_LIMIT);
  if (env.TRELLIS_ADMIN_UI_DIR) fromEnv.adminUiDir = env.TRELLIS_ADMIN_UI_DIR;
  if (env.TRELLIS_SESSION_DAYS) fromEnv.sessionDays = positiveInt('TRELLIS_SESSION_DAYS', env.TRELLIS_SESSION_DAYS);
  if (env.TRELLIS_DEMO) fromEnv.demo = flag(env.TRELLIS_DEMO);
  if (env.TRELLIS_TRUST_PROXY) fromEnv.trustProxy = flag(env.TRELLIS_TRUST_PROXY);
  if (env.TRELLIS_DEFAULT_PLUGINS !== undefined) fromEnv.defaultPlugins = commaList(env.TRELLIS_DEFAULT_PLUGINS);
  if (env.TRELLIS_PLUGIN_DIRS !== undefined) fromEnv.pluginDirs = commaList(env.TRELLIS_PLUGIN_DIRS);
  if (env.TRELLIS_WEBHOOK_RETRIES) fromEnv.webhookRetries = positiveInt('TRELLIS_WEBHOOK_RETRIES', env.TRELLIS_WEBHOOK_RETRIES, true);
  if (env.TRELLIS_WEBHOOK_BACKOFF_SECONDS) {
    fromEnv.webhookBackoffSeconds = positiveInt('TRELLIS_WEBHOOK_BACKOFF_SECONDS', env.TRELLIS_WEBHOOK_BACKOFF_SECONDS);
  }
  if (env.TRELLIS_SMTP_URL) fromEnv.smtpUrl = smtpUrl(env.TRELLIS_SMTP_URL);
  if (env.TRELLIS_MAIL_FROM) fromEnv.mailFrom = env.TRELLIS_MAIL_FROM;
  if (env.TRELLIS_JOBS_POLL_MS) fromEnv.jobsPollMs = positiveInt('TRELLIS_JOBS_POLL_MS', env.TRELLIS_JOBS_POLL_MS);
  if (env.TRELLIS_JOBS_CONCURRENCY) fromEnv.jobsConcurrency = positiveInt('TRELLIS_JOBS_CONCURRENCY', env.TRELLIS_JOBS_CONCURRENCY);
  if (env.TRELLIS_PUBLIC_URL) fromEnv.publicUrl = publicUrl(env.TRELLIS_PUBLIC_URL);
  return { ...DEFAULTS, ...fromEnv, ...overrides };
}

function publicUrl(raw: string): string {
  if (!/^https?:\/\/[^/]/i.test(raw)) throw new Error('TRELLIS_PUBLIC_URL must look like https://crm.example.com');
  return raw.replace(/\/+$/, '');
}

/** The base of links Trellis mails: TRELLIS_PUBLIC_URL, else the address it listens on. */
export function publicBaseUrl(config: Pick<TrellisConfig, 'publicUrl' | 'host' | 'port'>): string {
  return config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
}

function smtpUrl(raw: string): string {
  if (!/^smtps?:\/\/[^/]/i.test(raw))
    throw new Error('TRELLIS_SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465');
  return raw;
}

function commaList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function flag(raw: string): boolean {
  return ['1', 'true', 'yes', 'on'].includes(raw.trim().toLowerCase());
}

function positiveInt(name: string, raw: string, allowZero = false): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(`${name} must be a whole number${allowZero ? '' : ' above 0'}, got "${raw}"`);
  }
  return value;
}
