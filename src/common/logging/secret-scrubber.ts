const REDACTED = '[REDACTED]';
const QUERY_SECRET = /([?&](?:api_key|token|key)=)[^&#]*/gi;
/** The password of a URL's userinfo (`redis://user:password@host`), whatever the scheme. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]*@/gi;

/** Masks passwords inside URLs: for text printed before any configuration could be read (boot errors). */
export function redactUrlPasswords(text: string): string {
  return text.replace(URL_PASSWORD, `$1${REDACTED}@`);
}

/** Replaces configured secret values (and secret-looking query parameters) in log arguments. */
export class SecretScrubber {
  private readonly secrets: string[];

  constructor(secrets: string[]) {
    // Longest first so a secret that contains another is replaced whole.
    this.secrets = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  }

  scrub(text: string): string {
    let out = redactUrlPasswords(text.replace(QUERY_SECRET, `$1${REDACTED}`));
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  scrubArgs(args: unknown[]): unknown[] {
    if (this.secrets.length === 0) return args.map((a) => (typeof a === 'string' ? this.scrub(a) : a));
    return args.map((arg) => this.scrubValue(arg, 0));
  }

  private scrubValue(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (depth > 4 || value === null || typeof value !== 'object') return value;
    if (value instanceof Error) {
      const copy = new Error(this.scrub(value.message));
      copy.name = value.name;
      copy.stack = value.stack ? this.scrub(value.stack) : undefined;
      return copy;
    }
    const serialized = safeStringify(value);
    if (serialized === undefined || !this.secrets.some((s) => serialized.includes(s))) return value;
    try {
      return JSON.parse(this.scrub(serialized)) as unknown;
    } catch {
      return REDACTED;
    }
  }
}

function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
