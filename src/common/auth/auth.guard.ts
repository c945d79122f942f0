import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { firstValue } from './api-key.verifier';
import { Caller } from './caller';
import { bearerToken, RequestAuthenticator } from './request-authenticator';

type AuthenticatedRequest = Request & { caller?: Caller };

/**
 * REST: `Authorization: Bearer <token>` and/or `x-api-key`, judged by RequestAuthenticator (401
 * UNAUTHORIZED). The caller is kept on the request for @CurrentCaller.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly authenticator: RequestAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.caller = await this.authenticator.authenticate(
      { token: bearerToken(request.headers.authorization), apiKey: firstValue(request.headers['x-api-key']) },
      'rest',
    );
    return true;
  }
}

/** The Caller AuthGuard found; a route without the guard is a programming error, not a trusted client. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw new Error('CurrentCaller used on a route without AuthGuard');
  return caller;
});
