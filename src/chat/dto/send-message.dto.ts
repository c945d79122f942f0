import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, ValidateBy } from 'class-validator';
import { isTimeZone } from '../../common/time-zone';
import { type Language, LANGUAGES } from '../../common/protocol';
import { ID_PATTERN, MESSAGE_MAX_LENGTH, MaxMessageLength, Trim } from './validation';

export class SendMessageDto {
  @ApiProperty({ example: 'What are the odds for Arsenal vs Chelsea?', minLength: 1, maxLength: MESSAGE_MAX_LENGTH })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxMessageLength(MESSAGE_MAX_LENGTH)
  message!: string;

  @ApiProperty({ example: 'user_123', pattern: ID_PATTERN.source })
  @IsString()
  @Matches(ID_PATTERN)
  user_id!: string;

  @ApiPropertyOptional({ example: 'session_abc', pattern: ID_PATTERN.source, description: 'Created when absent.' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  session_id?: string;

  @ApiPropertyOptional({
    example: 'msg_0001',
    pattern: ID_PATTERN.source,
    description: 'Idempotency key: the same id (same user and session) within 10 minutes returns the stored response.',
  })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  message_id?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, example: 'en', description: 'Detected from the message when absent.' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({
    example: 'America/Bogota',
    description: 'IANA time zone for kick-off times in the answer; UTC when absent. The zone is always named.',
  })
  @IsOptional()
  @IsString()
  @ValidateBy({
    name: 'isTimeZone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isTimeZone(value),
      defaultMessage: () => 'timezone must be an IANA time zone, e.g. America/Bogota',
    },
  })
  timezone?: string;
}
