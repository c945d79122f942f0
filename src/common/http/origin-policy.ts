import type { IncomingMessage } from 'node:http';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

type CorsRequest = Pick<IncomingMessage, 'headers'>;

/**
 * Which browser origins may talk to the service (CORS_ORIGINS, protocol §6), applied to REST,
 * Socket.IO handshakes and WebSocket upgrades alike.
 *
 * - No Origin header: not a browser (curl, a backend, a mobile app); CORS does not apply.
 * - The service's own origin (the Host it was reached on, or PUBLIC_URL): the bundled web page.
 *   Browsers send Origin on same-origin WebSocket upgrades, so without this the page would break
 *   as soon as an operator lists only third-party origins.
 * - Otherwise the origin must be listed, or the list is `*` (development default).
 */
export class OriginPolicy {
  private readonly anyOrigin: boolean;
  private readonly listed: ReadonlySet<string>;
  private readonly publicOrigin?: string;

  constructor(corsOrigins: readonly string[], publicUrl?: string) {
    this.anyOrigin = corsOrigins.includes('*');
    this.listed = new Set(corsOrigins.map(normalize).filter((o): o is string => o !== undefined));
    this.publicOrigin = publicUrl ? normalize(publicUrl) : undefined;
  }

  /**
   * The `cors` options for REST, per request: `*` is sent without credentials; otherwise only an
   * allowed origin is echoed, with credentials, and any other gets no CORS header at all.
   */
  readonly corsOptions = (req: CorsRequest, callback: (error: Error | null, options: CorsOptions) => void): void => {
    if (this.anyOrigin) return callback(null, { origin: '*', credentials: false });
    const allowed = req.headers.origin !== undefined && this.allowsRequest(req);
    callback(null, allowed ? { origin: true, credentials: true } : { origin: false });
  };

  /** Whether an upgrade or handshake request may proceed. */
  allowsRequest(req: CorsRequest): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (this.anyOrigin) return true;
    const normalized = normalize(origin);
    if (normalized === undefined) return false;
    if (this.listed.has(normalized) || normalized === this.publicOrigin) return true;
    const host = req.headers.host;
    return host !== undefined && new URL(normalized).host === host.toLowerCase();
  }
}

/** `https://Example.com:443/` and `https://example.com` are the same origin. */
function normalize(value: string): string | undefined {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
