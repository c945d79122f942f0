import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { securityConfig } from '../../config/configuration';

/**
 * Checks API keys for every transport. Keys are compared as SHA-256 digests with
 * timingSafeEqual: equal lengths always, so neither the content nor the length of a configured
 * key leaks through response timing. With no API_KEYS configured, every caller is accepted.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly digests: Buffer[];

  constructor(@Inject(securityConfig.KEY) config: ConfigType<typeof securityConfig>) {
    this.digests = config.apiKeys.map(digest);
  }

  get required(): boolean {
    return this.digests.length > 0;
  }

  accepts(candidate: unknown): boolean {
    if (!this.required) return true;
    if (typeof candidate !== 'string' || candidate.length === 0) return false;
    const presented = digest(candidate);
    // Every configured key is compared, so the time taken does not say which one matched.
    let matched = false;
    for (const known of this.digests) matched = timingSafeEqual(presented, known) || matched;
    return matched;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** First value of a header or query parameter that may be repeated. */
export function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
