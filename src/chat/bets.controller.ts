import { Body, Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller } from '../common/auth/auth.guard';
import type { Caller } from '../common/auth/caller';
import { correlationIdOf } from '../common/http/correlation-id';
import { ApiErrorResponses } from '../common/openapi/api-error-responses';
import { BetsService } from './bets/bets.service';
import { BetConfirmationDto, ConfirmBetDto, ProposalIdParams } from './dto/confirm-bet.dto';
import type { BetConfirmation } from './state/bet-proposal.store';
import { RestThrottlerGuard } from './throttling/rest-throttler.guard';

@ApiTags('bets')
@ApiSecurity('api-key')
@ApiBearerAuth('user-token')
@UseGuards(RestThrottlerGuard, AuthGuard)
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
    'FORBIDDEN',
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
  confirm(
    @Param() { proposal_id }: ProposalIdParams,
    @Body() body: ConfirmBetDto,
    @Req() req: Request,
    @CurrentCaller() caller: Caller,
  ): Promise<BetConfirmation> {
    const userId = caller.actAs(body.user_id) ?? body.user_id;
    return this.bets.confirm(proposal_id, userId, correlationIdOf(req), {
      acceptBetterOdds: body.accept_better_odds,
      account: caller.accountFor(userId),
    });
  }
}
