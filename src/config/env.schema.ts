import { z } from 'zod';
import { redactUrlPasswords } from '../common/logging/secret-scrubber';

/**
 * Every environment variable the service reads, with its default. `.env.example` mirrors this
 * list; a test keeps the two in step. Parsing happens once at boot and fails with one message
 * naming every bad variable, so an operator fixes them all in one go.
 */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const csv = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  );
const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v ? v.trim() : undefined))
  .pipe(z.url().optional());
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

/**
 * TRUST_PROXY: which peers may tell us the client address in X-Forwarded-For. Unset or `false`:
 * nobody, the socket address is the client. A number: that many proxy hops in front of us. Else
 * a comma-separated list of addresses/CIDRs (or `loopback`, `linklocal`, `uniquelocal`). `true`
 * is refused: trusting every peer lets any client pick its own address and dodge the limits.
 */
const PROXY_ENTRY = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/;
const trustProxy = z
  .string()
  .optional()
  .transform((v, ctx): false | number | string => {
    const value = v?.trim() ?? '';
    if (value === '' || value === 'false' || value === '0') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
    if (entries.length === 0 || !entries.every((e) => PROXY_ENTRY.test(e))) {
      ctx.addIssue({ code: 'custom', message: 'must be a hop count or a comma-separated list of proxy addresses/CIDRs' });
      return z.NEVER;
    }
    return entries.join(', ');
  });

export const envSchema = z
  .object({
    PORT: int(0, 65535).default(8000),
    HOST: z.string().min(1).default('0.0.0.0'),
    ENVIRONMENT: z.enum(['development', 'test', 'production']).default('development'),
    DEBUG: bool.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SHUTDOWN_GRACE_MS: int(0, 600_000).default(10_000),
    PUBLIC_URL: optionalUrl,

    CHATBET_API_BASE_URL: optionalUrl,
    CHATBET_USER_KEY: z.string().min(1).default('1'),
    SPORTS_API_TIMEOUT_MS: int(100, 120_000).default(5000),
    SPORTS_API_ATTEMPTS: int(1, 10).default(3),
    SPORTS_API_RETRY_DELAY_MS: int(0, 60_000).default(100),
    SPORTS_API_BREAKER_THRESHOLD: int(1, 1000).default(5),
    SPORTS_API_BREAKER_HALF_OPEN_MS: int(100, 3_600_000).default(30_000),
    SIMULATOR_PORT: int(0, 65535).default(0),

    LLM_PROVIDER: z.enum(['gemini', 'offline']).optional(),
    GOOGLE_API_KEY: optionalString,
    GEMINI_MODEL: z.string().min(1).default('gemini-2.5-flash'),
    GEMINI_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.3),
    GEMINI_BASE_URL: optionalUrl,
    // Thinking adds latency before the first token and cost on every step; the tools do the reasoning.
    GEMINI_THINKING_BUDGET: int(-1, 32_768).default(0),
    GEMINI_MAX_OUTPUT_TOKENS: int(64, 65_536).default(1024),
    LLM_TIMEOUT_MS: int(1000, 600_000).default(30_000),
    // Read where used (common/fast-paths.ts); validated here so a typo fails at boot.
    LIBRARY_FAST_PATHS: z.enum(['true', 'false']).optional(),
    LLM_MAX_RETRIES: int(0, 10).default(2),
    // What a turn can afford to wait, summed over its model calls, for retry delays (the
    // provider's RetryInfo or Retry-After, else backoff) and the request limiter's queue.
    LLM_MAX_WAIT_MS: int(0, 600_000).default(10_000),
    GEMINI_REQUESTS_PER_MINUTE: int(0, 1_000_000).default(0),

    REDIS_URL: optionalUrl,
    REDIS_HOST: optionalString,
    REDIS_PORT: int(1, 65535).default(6379),
    REDIS_PASSWORD: optionalString,
    // The longest any caller waits for a Redis answer: a hung Redis gives 503, not a hung request.
    REDIS_COMMAND_TIMEOUT_MS: int(50, 60_000).default(1000),

    CACHE_TTL_TOURNAMENTS: int(1, 7 * 86_400).default(86_400),
    CACHE_TTL_FIXTURES: int(1, 7 * 86_400).default(14_400),
    CACHE_TTL_ODDS: int(1, 86_400).default(30),
    SESSION_TTL: int(60, 30 * 86_400).default(3600),

    RESUME_WINDOW_MS: int(1000, 3_600_000).default(120_000),
    RESUME_GRACE_MS: int(0, 600_000).default(15_000),
    RESUME_MAX_FRAMES: int(16, 100_000).default(512),
    RESUME_MAX_TURNS: int(1, 1_000_000).default(2000),

    API_KEYS: csv.default([]),
    SECRET_KEY: optionalString,
    // User tokens (protocol §2): an HS256 secret or a JWKS URL (RS256/ES256), not both.
    USER_TOKEN_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    USER_TOKEN_JWKS_URL: optionalUrl,
    USER_TOKEN_ISSUER: optionalString,
    USER_TOKEN_AUDIENCE: optionalString,
    USER_TOKEN_CLOCK_SKEW_S: int(0, 600).default(30),
    USER_TOKEN_ACCOUNT_CLAIM: z.string().regex(/^[A-Za-z0-9_.:/-]{1,100}$/, 'must be a claim name').default('sportsbook_key'),
    CORS_ORIGINS: csv.default(['*']),
    TRUST_PROXY: trustProxy,
    RATE_LIMIT_PER_MINUTE: int(1, 10_000_000).default(100),
    SOCKET_MESSAGES_PER_MINUTE: int(1, 10_000_000).default(30),
    SOCKET_CONNECTIONS_PER_MINUTE: int(1, 10_000_000).default(60),
    MAX_MESSAGE_LENGTH: int(1, 100_000).default(2000),
    MAX_BODY_BYTES: int(1024, 10 * 1024 * 1024).default(64 * 1024),

    // Set: OpenTelemetry spans of every turn go to this OTLP/HTTP collector; unset: no tracing at all.
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
    OTEL_SERVICE_NAME: z.string().min(1).default('chatbet-assistant'),
    // LangSmith, read by LangChain itself; declared so a typo fails at boot and the key is redacted.
    LANGSMITH_TRACING: z.enum(['true', 'false']).optional(),
    LANGSMITH_API_KEY: optionalString,
    LANGSMITH_PROJECT: optionalString,
    LANGSMITH_ENDPOINT: optionalUrl,
    // Live updates (src/live). 0 = poll at the odds cache TTL, so every poll reads fresh odds.
    LIVE_POLL_INTERVAL_MS: int(0, 3_600_000).default(0),
    LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: int(1, 10_000).default(50),
    LIVE_MAX_SUBSCRIPTIONS_PER_USER: int(1, 100_000).default(200),
    // A subscription not renewed (subscribed again) for this long is dropped.
    LIVE_SUBSCRIPTION_IDLE_MS: int(1000, 7 * 86_400_000).default(3_600_000),
    // The single poller's lease in Redis: renewed at a third of it, taken over when it runs out.
    LIVE_LEASE_TTL_MS: int(300, 600_000).default(15_000),
  });

/**
 * Rules that relate two variables. They read the raw values so they are reported together with
 * any type errors instead of only after those are fixed.
 */
function crossChecks(raw: Record<string, string>): string[] {
  const problems: string[] = [];
  const keys = (raw.API_KEYS ?? '').split(',').filter((k) => k.trim());
  const userTokens = Boolean(raw.USER_TOKEN_SECRET || raw.USER_TOKEN_JWKS_URL);
  if (raw.ENVIRONMENT === 'production' && keys.length === 0 && !userTokens) {
    problems.push('API_KEYS or user tokens (USER_TOKEN_SECRET or USER_TOKEN_JWKS_URL) are required when ENVIRONMENT=production');
  }
  if (raw.USER_TOKEN_SECRET && raw.USER_TOKEN_JWKS_URL) {
    problems.push('USER_TOKEN_SECRET and USER_TOKEN_JWKS_URL are exclusive: set one');
  }
  // Protocol §6: production names the browser origins it serves; `*` is for development.
  const origins = (raw.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  if (raw.ENVIRONMENT === 'production' && (origins.length === 0 || origins.includes('*'))) {
    problems.push('CORS_ORIGINS must list the allowed browser origins when ENVIRONMENT=production (not empty, not *)');
  }
  if (raw.LLM_PROVIDER === 'gemini' && !raw.GOOGLE_API_KEY) {
    problems.push('GOOGLE_API_KEY is required when LLM_PROVIDER=gemini');
  }
  return problems;
}

export type Env = z.infer<typeof envSchema>;

export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'InvalidConfigError';
  }
}

/** Blank values count as unset, as they do in most .env tooling. */
function withoutBlanks(source: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== '') out[key] = value;
  }
  return out;
}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const raw = withoutBlanks(source);
  const result = envSchema.safeParse(raw);
  const crossProblems = crossChecks(raw);
  if (result.success && crossProblems.length === 0) return result.data;
  const typeProblems = (result.error?.issues ?? []).map((issue) => {
    const name = issue.path.join('.') || '(env)';
    const raw = typeof issue.path[0] === 'string' ? source[issue.path[0]] : undefined;
    const shown = raw === undefined || /KEY|PASSWORD|SECRET/.test(name) ? '' : ` (got "${redactUrlPasswords(raw)}")`;
    return `${name} ${issue.message}${shown}`;
  });
  throw new InvalidConfigError([...typeProblems, ...crossProblems]);
}
