import { randomBytes } from 'node:crypto';
import { registerAs } from '@nestjs/config';
import { type Env, parseEnv } from './env.schema';

/** One namespace per concern; each reads the same validated env so types and defaults live in one place. */

export const appConfig = registerAs('app', () => {
  const env = parseEnv();
  return {
    port: env.PORT,
    host: env.HOST,
    environment: env.ENVIRONMENT,
    debug: env.DEBUG,
    logLevel: env.LOG_LEVEL,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    publicUrl: env.PUBLIC_URL,
    corsOrigins: env.CORS_ORIGINS,
    maxBodyBytes: env.MAX_BODY_BYTES,
  };
});

export const redisConfig = registerAs('redis', () => {
  const env = parseEnv();
  const url =
    env.REDIS_URL ??
    (env.REDIS_HOST
      ? `redis://${env.REDIS_PASSWORD ? `:${encodeURIComponent(env.REDIS_PASSWORD)}@` : ''}${env.REDIS_HOST}:${env.REDIS_PORT}`
      : undefined);
  return { url, password: env.REDIS_PASSWORD, commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS };
});

export const cacheConfig = registerAs('cache', () => {
  const env = parseEnv();
  return {
    ttlSeconds: {
      tournaments: env.CACHE_TTL_TOURNAMENTS,
      fixtures: env.CACHE_TTL_FIXTURES,
      odds: env.CACHE_TTL_ODDS,
    },
    sessionTtlSeconds: env.SESSION_TTL,
  };
});

export const sportsApiConfig = registerAs('sportsApi', () => {
  const env = parseEnv();
  return {
    baseUrl: env.CHATBET_API_BASE_URL,
    userKey: env.CHATBET_USER_KEY,
    timeoutMs: env.SPORTS_API_TIMEOUT_MS,
    attempts: env.SPORTS_API_ATTEMPTS,
    retryInitialDelayMs: env.SPORTS_API_RETRY_DELAY_MS,
    breakerThreshold: env.SPORTS_API_BREAKER_THRESHOLD,
    halfOpenAfterMs: env.SPORTS_API_BREAKER_HALF_OPEN_MS,
    simulatorPort: env.SIMULATOR_PORT,
  };
});

export const llmConfig = registerAs('llm', () => {
  const env = parseEnv();
  return {
    provider: env.LLM_PROVIDER ?? (env.GOOGLE_API_KEY ? 'gemini' : 'offline'),
    googleApiKey: env.GOOGLE_API_KEY,
    model: env.GEMINI_MODEL,
    temperature: env.GEMINI_TEMPERATURE,
    baseUrl: env.GEMINI_BASE_URL,
    thinkingBudget: env.GEMINI_THINKING_BUDGET,
    maxOutputTokens: env.GEMINI_MAX_OUTPUT_TOKENS,
    timeoutMs: env.LLM_TIMEOUT_MS,
    maxRetries: env.LLM_MAX_RETRIES,
    maxWaitMs: env.LLM_MAX_WAIT_MS,
    requestsPerMinute: env.GEMINI_REQUESTS_PER_MINUTE,
  } as const;
});

export const securityConfig = registerAs('security', () => {
  const env = parseEnv();
  return {
    apiKeys: env.API_KEYS,
    secretKey: env.SECRET_KEY,
    userTokens: userTokenConfig(env),
    restRequestsPerMinute: env.RATE_LIMIT_PER_MINUTE,
    socketMessagesPerMinute: env.SOCKET_MESSAGES_PER_MINUTE,
    maxMessageLength: env.MAX_MESSAGE_LENGTH,
  };
});

/**
 * How user tokens are checked. Outside production, with no authentication configured at all, a
 * random HS256 secret is made at boot so the development token endpoint can hand the web page a
 * token: the default start stays two commands, and the secret never leaves the process. Such
 * tokens are optional (a request without one is served as before); configured ones are required.
 */
function userTokenConfig(env: Env) {
  const generated = devTokensAllowed(env) && !env.USER_TOKEN_SECRET;
  const secret = env.USER_TOKEN_SECRET ?? (generated ? randomBytes(32).toString('base64url') : undefined);
  return {
    secret,
    jwksUrl: env.USER_TOKEN_JWKS_URL,
    issuer: env.USER_TOKEN_ISSUER,
    audience: env.USER_TOKEN_AUDIENCE,
    clockSkewSeconds: env.USER_TOKEN_CLOCK_SKEW_S,
    accountClaim: env.USER_TOKEN_ACCOUNT_CLAIM,
    /** Every request needs a valid token or API key; false only for the generated development secret. */
    required: Boolean(env.USER_TOKEN_SECRET || env.USER_TOKEN_JWKS_URL),
    /** POST /api/v1/dev/token answers (see devTokensAllowed); elsewhere it is 404 like an unknown route. */
    devEndpoint: devTokensAllowed(env),
  };
}

/**
 * POST /api/v1/dev/token exists outside production when this service holds the HS256 secret:
 * USER_TOKEN_SECRET, or nothing configured at all (a secret is generated). Not with a JWKS URL
 * (the identity provider signs) nor with only API keys (the operator chose trusted clients).
 */
export function devTokensAllowed(env: Env): boolean {
  if (env.ENVIRONMENT === 'production' || env.USER_TOKEN_JWKS_URL) return false;
  return Boolean(env.USER_TOKEN_SECRET) || env.API_KEYS.length === 0;
}

export type UserTokenConfig = ReturnType<typeof userTokenConfig>;

/** Answers that survive a reconnect: how long and how much of each turn's frames are kept. */
export const resumeConfig = registerAs('resume', () => {
  const env = parseEnv();
  return {
    windowMs: env.RESUME_WINDOW_MS,
    graceMs: env.RESUME_GRACE_MS,
    maxFramesPerTurn: env.RESUME_MAX_FRAMES,
    maxTurns: env.RESUME_MAX_TURNS,
  };
});

export const tracingConfig = registerAs('tracing', () => {
  const env = parseEnv();
  return { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME };
});


export const liveConfig = registerAs('live', () => {
  const env = parseEnv();
  return {
    pollIntervalMs: env.LIVE_POLL_INTERVAL_MS || env.CACHE_TTL_ODDS * 1000,
    maxPerConnection: env.LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    maxPerUser: env.LIVE_MAX_SUBSCRIPTIONS_PER_USER,
    idleMs: env.LIVE_SUBSCRIPTION_IDLE_MS,
    leaseTtlMs: env.LIVE_LEASE_TTL_MS,
  };
});

export const allConfigs = [appConfig, redisConfig, cacheConfig, sportsApiConfig, llmConfig, securityConfig, resumeConfig, tracingConfig, liveConfig];

/** Values that must never appear in a log line or a response. */
/** A URL's password as written and as decoded (logs may show either). */
function urlPassword(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const { password } = new URL(url);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}

export function secretValues(source: NodeJS.ProcessEnv = process.env): string[] {
  const env = parseEnv(source);
  return [...env.API_KEYS, env.GOOGLE_API_KEY, env.SECRET_KEY, env.USER_TOKEN_SECRET, env.REDIS_PASSWORD, ...urlPassword(env.REDIS_URL), env.CHATBET_USER_KEY, env.LANGSMITH_API_KEY]
    .filter((v): v is string => typeof v === 'string' && v.length >= 4);
}
