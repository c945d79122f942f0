import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { SignJWT } from 'jose';
import { securityConfig } from '../../../config/configuration';
import { NotFoundError } from '../../errors';

/** Long enough for a demo conversation, short enough that a copied token soon stops working. */
export const DEV_TOKEN_TTL_S = 3600;

export interface DevToken {
  token: string;
  token_type: 'Bearer';
  user_id: string;
  expires_at: string;
}

/**
 * Signs tokens for fresh anonymous users with the HS256 secret the service verifies with (the
 * configured one, or the one generated at boot). Development only: elsewhere the route answers
 * 404 exactly as an unknown one does, so production has nothing to find.
 */
@Injectable()
export class DevTokenService {
  private readonly key?: Uint8Array;

  constructor(@Inject(securityConfig.KEY) private readonly security: ConfigType<typeof securityConfig>) {
    const { secret, devEndpoint } = security.userTokens;
    this.key = devEndpoint && secret ? new TextEncoder().encode(secret) : undefined;
  }

  async issue(): Promise<DevToken> {
    if (!this.key) throw new NotFoundError('Route');
    const { issuer, audience } = this.security.userTokens;
    const userId = `anon-${randomUUID()}`;
    const expiresAt = Math.floor(Date.now() / 1000) + DEV_TOKEN_TTL_S;
    let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(userId).setIssuedAt().setExpirationTime(expiresAt);
    if (issuer) jwt = jwt.setIssuer(issuer);
    if (audience) jwt = jwt.setAudience(audience);
    return { token: await jwt.sign(this.key), token_type: 'Bearer', user_id: userId, expires_at: new Date(expiresAt * 1000).toISOString() };
  }
}
