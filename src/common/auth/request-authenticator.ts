import { Injectable } from '@nestjs/common';
import { UnauthorizedError } from '../errors';
import { MetricsService, type Transport } from '../../metrics/metrics.service';
import { ApiKeyVerifier } from './api-key.verifier';
import { Caller } from './caller';
import { TokenRejectedError, UserTokenVerifier } from './user-token.verifier';

/** What a request presented, whatever the transport carried it in. */
export interface Credentials {
  /** A user token (Authorization: Bearer, Socket.IO `auth.token`, WebSocket `?token=`). */
  token?: string;
  apiKey?: string;
}

/**
 * The one place credentials are judged, for every transport, so REST, Socket.IO and the plain
 * WebSocket cannot drift apart. A presented token must be valid (no falling back to an API key or
 * to open access); without one, a valid API key makes a trusted client; with neither, the request
 * is served only when nothing requires credentials. Every refusal is counted by transport and reason.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly tokens: UserTokenVerifier,
    private readonly apiKeys: ApiKeyVerifier,
    private readonly metrics: MetricsService,
  ) {}

  async authenticate(credentials: Credentials, transport: Transport): Promise<Caller> {
    const onForbidden = () => this.metrics.authFailures.inc({ transport, reason: 'forbidden' });
    if (credentials.token !== undefined && this.tokens.enabled) {
      try {
        const user = await this.tokens.verify(credentials.token);
        return Caller.user(user.userId, user.accountKey, onForbidden);
      } catch (error) {
        throw this.refuse(transport, error instanceof TokenRejectedError ? error.reason : 'token');
      }
    }
    if (this.apiKeys.required) {
      if (this.apiKeys.accepts(credentials.apiKey)) return Caller.trustedClient();
      throw this.refuse(transport, credentials.apiKey === undefined ? 'missing' : 'api_key');
    }
    if (this.tokens.required) throw this.refuse(transport, 'missing');
    return Caller.trustedClient();
  }

  private refuse(transport: Transport, reason: string): UnauthorizedError {
    this.metrics.authFailures.inc({ transport, reason });
    return new UnauthorizedError();
  }
}

/** The token of an `Authorization: Bearer …` header, if that is what it holds. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return match?.[1];
}
