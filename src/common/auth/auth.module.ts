import { Module } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyVerifier } from './api-key.verifier';

@Module({ providers: [ApiKeyVerifier, ApiKeyGuard], exports: [ApiKeyVerifier, ApiKeyGuard] })
export class AuthModule {}
