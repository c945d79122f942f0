import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INTENTS, type Intent, type Language, LANGUAGES, MARKET_KEYS, type MarketKey } from '../../common/protocol';

/** Response shapes for the OpenAPI document; the runtime values are the protocol types themselves. */

export class EntitiesDto {
  @ApiProperty({ example: ['Arsenal', 'Chelsea'] })
  teams!: string[];
  @ApiProperty({ example: ['Premier League'] })
  tournaments!: string[];
  @ApiProperty({ example: ['2026-11-28'] })
  dates!: string[];
  @ApiProperty({ example: [50] })
  amounts!: number[];
  @ApiProperty({ enum: MARKET_KEYS, isArray: true, example: ['result'] })
  markets!: MarketKey[];
}

export class FunctionCallDto {
  @ApiProperty({ example: 'get_odds' })
  name!: string;
  @ApiProperty({ example: { fixture_id: '1234' } })
  arguments!: Record<string, unknown>;
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' })
  status!: 'ok' | 'error';
  @ApiProperty({ example: 42 })
  duration_ms!: number;
}

export class BetSelectionDto {
  @ApiProperty({ example: '1234' }) fixture_id!: string;
  @ApiProperty({ example: '566' }) tournament_id!: string;
  @ApiProperty({ example: '1' }) sport_id!: string;
  @ApiProperty({ example: 'Arsenal' }) home_team!: string;
  @ApiProperty({ example: 'Chelsea' }) away_team!: string;
  @ApiProperty({ example: '2026-11-28T15:00:00.000Z' }) start_time!: string;
  @ApiPropertyOptional({ example: true, description: 'The match was being played when the slip was priced.' }) live?: true;
  @ApiProperty({ enum: MARKET_KEYS, example: 'result' }) market!: MarketKey;
  @ApiPropertyOptional({ example: 2.5, description: 'Line of an over/under or handicap selection.' }) line?: number;
  @ApiProperty({ example: 'home' }) outcome!: string;
  @ApiProperty({ example: 2.1 }) odd!: number;
  @ApiProperty({ example: '98765' }) bet_id!: string;
}

export class BetProposalDto {
  @ApiProperty({ example: 'prop_7f3a9c' }) proposal_id!: string;
  @ApiProperty({ example: '2026-11-25T12:05:00.000Z' }) expires_at!: string;
  @ApiProperty({ example: 50 }) stake!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ type: [BetSelectionDto] }) selections!: BetSelectionDto[];
  @ApiProperty({ example: 2.1 }) combined_odd!: number;
  @ApiProperty({ example: 105 }) potential_win!: number;
}

export class GroundingCorrectionDto {
  @ApiProperty({ enum: ['price', 'amount', 'percent', 'time'], example: 'price' }) kind!: 'price' | 'amount' | 'percent' | 'time';
  @ApiProperty({ example: '3.30', description: 'The figure as the model wrote it.' }) wrote!: string;
  @ApiPropertyOptional({
    example: '2.10',
    description: 'The fact sent instead; absent when nothing could replace it (the answer then fell back).',
  })
  fact?: string;
}

export class GroundingDto {
  @ApiProperty({ type: [GroundingCorrectionDto] }) corrected!: GroundingCorrectionDto[];
  @ApiPropertyOptional({
    example: true,
    description: 'A figure had no fact to replace it, so the rest of the answer is the tool results written out.',
  })
  fallback?: true;
}

export class ChatResponseDto {
  @ApiProperty({ example: 'Arsenal vs Chelsea on Saturday: Arsenal 2.10, draw 3.40, Chelsea 3.30.' })
  message!: string;
  @ApiProperty({ example: 'session_abc' })
  session_id!: string;
  @ApiProperty({ example: 'msg_0001' })
  message_id!: string;
  @ApiProperty({ example: 840 })
  response_time_ms!: number;
  @ApiProperty({ example: 57 })
  token_count!: number;
  @ApiProperty({ enum: INTENTS, example: 'ODDS_INFORMATION_QUERY' })
  detected_intent!: Intent;
  @ApiProperty({ example: 0.92, minimum: 0, maximum: 1 })
  intent_confidence!: number;
  @ApiProperty({ type: EntitiesDto })
  entities!: EntitiesDto;
  @ApiProperty({ enum: LANGUAGES, example: 'en' })
  language!: Language;
  @ApiProperty({ type: [FunctionCallDto] })
  function_calls_made!: FunctionCallDto[];
  @ApiProperty({ example: ['What does $50 on Arsenal pay?'] })
  suggested_actions!: string[];
  @ApiPropertyOptional({ type: BetProposalDto, description: 'The slip this turn created, changed or offered again.' })
  bet_proposal?: BetProposalDto;
  @ApiPropertyOptional({
    example: '4f0c2a9e-1b7d-4c53-9a51-2f6c0f3f7a10',
    description: 'The slip this turn cancelled or replaced: it can no longer be confirmed (PROPOSAL_WITHDRAWN).',
  })
  withdrawn_proposal_id?: string;
  @ApiPropertyOptional({ example: true, description: 'Built from cached or partial data because a dependency failed.' })
  degraded?: true;
  @ApiPropertyOptional({ example: true, description: 'The turn was stopped; `message` holds the text so far.' })
  stopped?: true;
  @ApiPropertyOptional({
    example: true,
    description:
      "Every price, amount, percentage and kick-off time in `message` matched the turn's tool results; false when the grounding guard corrected some (see `grounding`).",
  })
  grounded?: boolean;
  @ApiPropertyOptional({ type: GroundingDto, description: 'What the grounding guard corrected; present when `grounded` is false.' })
  grounding?: GroundingDto;
}
