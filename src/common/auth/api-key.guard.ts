import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { UnauthorizedError } from '../errors';
import { ApiKeyVerifier, firstValue } from './api-key.verifier';

/** REST: when API_KEYS is set, the `x-api-key` header must hold one of them (401 UNAUTHORIZED). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly verifier: ApiKeyVerifier) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.verifier.required) return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!this.verifier.accepts(firstValue(request.headers['x-api-key']))) throw new UnauthorizedError();
    return true;
  }
}
