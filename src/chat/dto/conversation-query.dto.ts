import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ID_PATTERN } from './validation';

export class UserIdParams {
  @ApiProperty({ example: 'user_123', pattern: ID_PATTERN.source })
  @IsString()
  @Matches(ID_PATTERN)
  user_id!: string;
}

export class SessionQueryDto {
  @ApiPropertyOptional({ example: 'session_abc', description: 'Without it the request applies to all of the user’s sessions.' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  session_id?: string;
}

export class ConversationQueryDto extends SessionQueryDto {
  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
