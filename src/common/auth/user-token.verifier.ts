import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { securityConfig, type UserTokenConfig } from '../../config/configuration';
import { ID_PATTERN } from '../../chat/dto/validation';

/** Who a valid token speaks for: the user (its `sub`) and their sportsbook user key. */
export interface VerifiedUser {
  userId: string;
  accountKey: string;
}

/** Why a token was refused, for the auth-failure metric; the client only ever sees 401. */
export class TokenRejectedError extends Error {
  constructor(readonly reason: 'token' | 'token_expired') {
    super(reason === 'token_expired' ? 'user token expired' : 'user token refused');
    this.name = 'TokenRejectedError';
  }
}

/**
 * The port every transport checks user tokens through (REST guard, Socket.IO handshake, WebSocket
 * upgrade). `enabled`: tokens are accepted at all; `required`: a request without a token (or an
 * API key) is refused.
 */
export abstract class UserTokenVerifier {
  abstract readonly enabled: boolean;
  abstract readonly required: boolean;
  /** Resolves the user, or rejects with TokenRejectedError. */
  abstract verify(token: string): Promise<VerifiedUser>;
}

/** Algorithms by key source: a shared secret signs HS256; an identity provider's JWKS RS256/ES256. */
const SECRET_ALGORITHMS = ['HS256'];
const JWKS_ALGORITHMS = ['RS256', 'ES256'];
/** A JWKS fetch that hangs must not hang the handshake; jose refetches at most this often on an unknown `kid`. */
const JWKS_TIMEOUT_MS = 5000;
const JWKS_COOLDOWN_MS = 30_000;
const MAX_ACCOUNT_KEY_LENGTH = 256;

/**
 * Verifies JWTs with jose: signature, `exp` (required), `nbf`, and `iss`/`aud` when configured,
 * each with the configured clock skew. The subject must be a protocol id, since it becomes the
 * user_id of everything the user does.
 */
@Injectable()
export class JoseUserTokenVerifier extends UserTokenVerifier {
  private readonly logger = new Logger('UserTokens');
  private readonly config: UserTokenConfig;
  private readonly key?: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(@Inject(securityConfig.KEY) security: ConfigType<typeof securityConfig>) {
    super();
    this.config = security.userTokens;
    if (this.config.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(this.config.jwksUrl), { timeoutDuration: JWKS_TIMEOUT_MS, cooldownDuration: JWKS_COOLDOWN_MS });
      this.algorithms = JWKS_ALGORITHMS;
    } else {
      this.key = this.config.secret ? new TextEncoder().encode(this.config.secret) : undefined;
      this.algorithms = SECRET_ALGORITHMS;
    }
  }

  get enabled(): boolean {
    return this.key !== undefined;
  }

  get required(): boolean {
    return this.config.required;
  }

  async verify(token: string): Promise<VerifiedUser> {
    if (!this.key) throw new TokenRejectedError('token');
    let payload: JWTPayload;
    try {
      const options = {
        algorithms: this.algorithms,
        clockTolerance: this.config.clockSkewSeconds,
        requiredClaims: ['sub', 'exp'],
        ...(this.config.issuer ? { issuer: this.config.issuer } : {}),
        ...(this.config.audience ? { audience: this.config.audience } : {}),
      };
      ({ payload } =
        this.key instanceof Uint8Array ? await jwtVerify(token, this.key, options) : await jwtVerify(token, this.key, options));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenRejectedError('token_expired');
      // A JWKS that cannot be fetched refuses every token: worth a warning, unlike a bad token.
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
        this.logger.warn(`user token could not be checked: ${(error as Error).message}`);
      }
      throw new TokenRejectedError('token');
    }
    const userId = payload.sub;
    if (typeof userId !== 'string' || !ID_PATTERN.test(userId)) throw new TokenRejectedError('token');
    return { userId, accountKey: accountKeyOf(payload[this.config.accountClaim]) ?? userId };
  }
}

/** The configured account claim, when it holds a usable key (a string, or a number as the sportsbook writes ids). */
function accountKeyOf(claim: unknown): string | undefined {
  const value = typeof claim === 'number' && Number.isSafeInteger(claim) ? String(claim) : claim;
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_ACCOUNT_KEY_LENGTH ? value : undefined;
}
