import { Body, Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from '../common/auth/api-key.guard';
import { correlationIdOf } from '../common/http/correlation-id';
import { ApiErrorResponses } from '../common/openapi/api-error-responses';
import { BetsService } from './bets/bets.service';
import { BetConfirmationDto, ConfirmBetDto, ProposalIdParams } from './dto/confirm-bet.dto';
import type { BetConfirmation } from './state/bet-proposal.store';
import { RestThrottlerGuard } from './throttling/rest-throttler.guard';

@ApiTags('bets')
@ApiSecurity('api-key')
@UseGuards(RestThrottlerGuard, ApiKeyGuard)
@Controller({ path: 'bets', version: '1' })
export class BetsController {
  constructor(private readonly bets: BetsService) {}

  @Post(':proposal_id/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Place the bet of a proposal the assistant made. The only way a bet is placed; idempotent per proposal.',
  })
  @ApiOkResponse({ type: BetConfirmationDto })
  @ApiErrorResponses(
    'INVALID_MESSAGE',
    'UNAUTHORIZED',
    'INSUFFICIENT_BALANCE',
    'NOT_FOUND',
    'SESSION_BUSY',
    'PROPOSAL_WITHDRAWN',
    'PROPOSAL_EXPIRED',
    'PRICE_CHANGED',
    'MESSAGE_TOO_LONG',
    'BET_REJECTED',
    'RATE_LIMITED',
    'INTERNAL_ERROR',
    'SPORTS_API_UNAVAILABLE',
  )
  confirm(@Param() { proposal_id }: ProposalIdParams, @Body() body: ConfirmBetDto, @Req() req: Request): Promise<BetConfirmation> {
    return this.bets.confirm(proposal_id, body.user_id, correlationIdOf(req), { acceptBetterOdds: body.accept_better_odds });
  }
}
