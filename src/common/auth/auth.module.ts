import { Module } from '@nestjs/common';
import { ApiKeyVerifier } from './api-key.verifier';
import { AuthGuard } from './auth.guard';
import { RequestAuthenticator } from './request-authenticator';
import { JoseUserTokenVerifier, UserTokenVerifier } from './user-token.verifier';

@Module({
  providers: [ApiKeyVerifier, { provide: UserTokenVerifier, useClass: JoseUserTokenVerifier }, RequestAuthenticator, AuthGuard],
  exports: [RequestAuthenticator, AuthGuard],
})
export class AuthModule {}
