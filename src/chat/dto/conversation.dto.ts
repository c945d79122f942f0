import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INTENTS, type Intent } from '../../common/protocol';
import { BetProposalDto } from './chat-response.dto';

export class StoredMessageDto {
  @ApiProperty({ enum: ['user', 'assistant'] }) role!: 'user' | 'assistant';
  @ApiProperty({ example: 'When does Barcelona play?' }) content!: string;
  @ApiProperty({ example: 'msg_0001' }) message_id!: string;
  @ApiProperty({ example: '2026-11-25T12:00:00.000Z' }) timestamp!: string;
  @ApiPropertyOptional({ enum: INTENTS }) detected_intent?: Intent;
}

export class ConversationDto {
  @ApiProperty({ example: 'user_123' }) user_id!: string;
  @ApiPropertyOptional({ example: 'session_abc' }) session_id?: string;
  @ApiPropertyOptional({ example: ['session_abc'], description: 'Listed when no session_id is given.' })
  sessions?: string[];
  @ApiProperty({ type: [StoredMessageDto], description: 'Newest `limit` messages, oldest first.' })
  messages!: StoredMessageDto[];
  @ApiProperty({ example: 12, description: 'Messages in the session, or sessions of the user when listing.' })
  total!: number;
  @ApiPropertyOptional({
    type: BetProposalDto,
    description: "The session's open bet slip (not expired, withdrawn or placed), to restore it after a reload.",
  })
  open_slip?: BetProposalDto;
}

export class DeletedDto {
  @ApiProperty({ example: 1, description: 'Sessions deleted (another user’s sessions are never deleted).' })
  deleted!: number;
}
