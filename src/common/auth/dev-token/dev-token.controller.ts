import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../openapi/api-error-responses';
import { RestThrottlerGuard } from '../../../chat/throttling/rest-throttler.guard';
import { type DevToken, DevTokenService } from './dev-token.service';

export class DevTokenDto implements DevToken {
  @ApiProperty({ description: 'HS256 JWT; send it as `Authorization: Bearer`, Socket.IO `auth.token` or WebSocket `?token=`.' })
  token!: string;
  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';
  @ApiProperty({ example: 'anon-6f1c2b7e-8a4d-4f0e-9b6a-2d5c7e9f1a20', description: 'The token’s subject: the only user it may act for.' })
  user_id!: string;
  @ApiProperty({ example: '2026-01-01T13:00:00.000Z' })
  expires_at!: string;
}

@ApiTags('development')
@UseGuards(RestThrottlerGuard)
@Controller({ path: 'dev', version: '1' })
export class DevTokenController {
  constructor(private readonly tokens: DevTokenService) {}

  @Post('token')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Development only: a short-lived user token for a fresh anonymous user, so the web page never holds a shared secret. 404 NOT_FOUND, as for an unknown route, when ENVIRONMENT=production, with USER_TOKEN_JWKS_URL, or with only API_KEYS configured.',
  })
  @ApiOkResponse({ type: DevTokenDto })
  @ApiErrorResponses('NOT_FOUND', 'RATE_LIMITED', 'INTERNAL_ERROR')
  issue(): Promise<DevToken> {
    return this.tokens.issue();
  }
}
