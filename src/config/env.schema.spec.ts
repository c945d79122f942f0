import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { envSchema, InvalidConfigError, parseEnv } from './env.schema';

describe('parseEnv', () => {
  it('applies defaults on an empty environment', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(8000);
    expect(env.ENVIRONMENT).toBe('development');
    expect(env.CACHE_TTL_ODDS).toBe(30);
    expect(env.API_KEYS).toEqual([]);
    expect(env.CHATBET_API_BASE_URL).toBeUndefined();
  });

  it('names every bad variable in one message', () => {
    let caught: unknown;
    try {
      parseEnv({ PORT: 'abc', GEMINI_TEMPERATURE: '9', ENVIRONMENT: 'production', CORS_ORIGINS: 'https://app.example', REDIS_URL: 'not a url' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidConfigError);
    const message = (caught as InvalidConfigError).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/GEMINI_TEMPERATURE/);
    expect(message).toMatch(/API_KEYS or user tokens .* are required when ENVIRONMENT=production/);
    expect(message).toMatch(/REDIS_URL/);
    expect((caught as InvalidConfigError).problems).toHaveLength(4);
  });

  it('never echoes the value of a secret variable', () => {
    expect(() => parseEnv({ LLM_PROVIDER: 'gemini', GEMINI_TEMPERATURE: 'hot' })).toThrow(
      /GOOGLE_API_KEY is required/,
    );
    try {
      parseEnv({ API_KEYS: 'k1', REDIS_PASSWORD: 'x', SESSION_TTL: '5' });
    } catch (error) {
      expect((error as Error).message).toContain('SESSION_TTL');
      expect((error as Error).message).toContain('"5"');
    }
  });

  it('never echoes the password inside a bad REDIS_URL', () => {
    expect(() => parseEnv({ REDIS_URL: 'redis://:hunter2@cache:port' })).toThrow(InvalidConfigError);
    try {
      parseEnv({ REDIS_URL: 'redis://:hunter2@cache:port' });
    } catch (error) {
      expect((error as Error).message).toContain('REDIS_URL');
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('treats blank values as unset and splits lists', () => {
    const env = parseEnv({
      PORT: '  ',
      API_KEYS: ' a1b2c3 , d4e5f6 ,',
      CORS_ORIGINS: 'https://a.example,https://b.example',
    });
    expect(env.PORT).toBe(8000);
    expect(env.API_KEYS).toEqual(['a1b2c3', 'd4e5f6']);
    expect(env.CORS_ORIGINS).toHaveLength(2);
  });

  it('accepts production with user tokens instead of API keys', () => {
    const origins = { CORS_ORIGINS: 'https://app.example' };
    expect(parseEnv({ ENVIRONMENT: 'production', USER_TOKEN_SECRET: 'x'.repeat(32), ...origins }).USER_TOKEN_SECRET).toHaveLength(32);
    expect(parseEnv({ ENVIRONMENT: 'production', USER_TOKEN_JWKS_URL: 'https://id.example/jwks.json', ...origins }).USER_TOKEN_JWKS_URL).toBe(
      'https://id.example/jwks.json',
    );
  });

  it('refuses a short token secret, and a secret together with a JWKS URL', () => {
    expect(() => parseEnv({ USER_TOKEN_SECRET: 'too-short' })).toThrow(/USER_TOKEN_SECRET must be at least 32 characters/);
    expect(() => parseEnv({ USER_TOKEN_SECRET: 'x'.repeat(32), USER_TOKEN_JWKS_URL: 'https://id.example/jwks.json' })).toThrow(
      /USER_TOKEN_SECRET and USER_TOKEN_JWKS_URL are exclusive/,
    );
  });

  it('accepts production with API keys and listed origins', () => {
    expect(parseEnv({ ENVIRONMENT: 'production', API_KEYS: 'secret-key-1', CORS_ORIGINS: 'https://app.example' }).ENVIRONMENT).toBe('production');
  });

  it.each([
    ['unset', {}],
    ['blank', { CORS_ORIGINS: ' ' }],
    ['the development wildcard', { CORS_ORIGINS: '*' }],
    ['a list with the wildcard in it', { CORS_ORIGINS: 'https://app.example,*' }],
  ])('refuses production with CORS_ORIGINS %s', (_, origins) => {
    expect(() => parseEnv({ ENVIRONMENT: 'production', API_KEYS: 'secret-key-1', ...origins })).toThrow(
      /CORS_ORIGINS must list the allowed browser origins when ENVIRONMENT=production/,
    );
  });

  it.each<[string | undefined, false | number | string]>([
    [undefined, false],
    ['false', false],
    ['0', false],
    ['2', 2],
    ['loopback, 10.0.0.0/8,fd00::/8', 'loopback, 10.0.0.0/8, fd00::/8'],
  ])('reads TRUST_PROXY=%s as %p', (value, expected) => {
    expect(parseEnv(value === undefined ? {} : { TRUST_PROXY: value }).TRUST_PROXY).toBe(expected);
  });

  it.each(['true', 'everyone', '10.0.0.0/8; rm'])('refuses TRUST_PROXY=%s', (value) => {
    expect(() => parseEnv({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY must be a hop count/);
  });

  it('keeps the wildcard default outside production', () => {
    expect(parseEnv({ ENVIRONMENT: 'development' }).CORS_ORIGINS).toEqual(['*']);
  });

  it('is documented variable for variable in .env.example', () => {
    const example = readFileSync(join(__dirname, '../../.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const declared = Object.keys(envSchema.shape);
    expect(declared.filter((name) => !documented.has(name))).toEqual([]);
    expect([...documented].filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('only sets known variables in docker-compose.yml and the k8s ConfigMap and Secret', () => {
    const declared = new Set([...Object.keys(envSchema.shape), 'NODE_ENV']);
    const read = (file: string): string => readFileSync(join(__dirname, '../..', file), 'utf8');
    const compose = load(read('docker-compose.yml')) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    const configMap = load(read('deploy/k8s/configmap.yaml')) as { data: Record<string, string> };
    const secret = load(read('deploy/examples/secret.example.yaml')) as {
      stringData: Record<string, string>;
    };
    for (const names of [compose.services.app.environment, configMap.data, secret.stringData].map((vars) =>
      Object.keys(vars ?? {}),
    )) {
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((name) => !declared.has(name))).toEqual([]);
    }
    // The simulator service is the standalone simulator, configured by its own SIMULATOR_* variables.
    const simulatorSource = read('libs/sports-api-simulator/src/simulator.ts');
    const simulatorNames = Object.keys(compose.services.simulator.environment ?? {});
    expect(simulatorNames.filter((name) => !simulatorSource.includes(`env.${name}`))).toEqual([]);
  });
});
