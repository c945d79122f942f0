import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { ID_PATTERN } from './validation';

export class ConfirmBetDto {
  @ApiProperty({ example: 'user_123', description: 'Must be the user the proposal was made for.' })
  @IsString()
  @Matches(ID_PATTERN)
  user_id!: string;

  @ApiPropertyOptional({
    example: true,
    description:
      'Place the bet when every price moved in your favour since the proposal (at the new, higher odds) instead of answering 409 PRICE_CHANGED. A lower price is always refused.',
  })
  @IsOptional()
  @IsBoolean()
  accept_better_odds?: boolean;
}

export class ProposalIdParams {
  @ApiProperty({ example: 'prop_7f3a9c' })
  @IsString()
  @Matches(ID_PATTERN)
  proposal_id!: string;
}

export class BetConfirmationDto {
  @ApiProperty({ example: 'BET-000123' })
  bet_id!: string;
  @ApiProperty({ example: 'Bet placed successfully.' })
  message!: string;
  @ApiProperty({ example: 105 })
  possible_win!: number;
  @ApiProperty({ example: 950, required: false, description: 'Balance after the bet.' })
  balance?: number;
}
