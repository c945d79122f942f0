import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { type Language, LANGUAGES } from '../../common/protocol';
import { ID_PATTERN } from '../../chat/dto/validation';

/**
 * Client payloads of the socket transports (protocol.md §3/§4). Blank and too-long content are
 * judged by ChatService like every transport's; here only types, ids and unknown fields. `type`
 * (sent by clients of the original backend) and `timestamp` are accepted and ignored.
 */
class ClientFrame {
  @IsOptional()
  @IsString()
  type?: string;

  @IsOptional()
  timestamp?: unknown;
}

export class UserMessagePayload extends ClientFrame {
  @IsString()
  content!: string;

  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  session_id?: string;

  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  user_id?: string;

  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  message_id?: string;

  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class StopPayload extends ClientFrame {
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  session_id?: string;

  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  message_id?: string;
}

export class ConfirmBetPayload extends ClientFrame {
  @IsString()
  @Matches(ID_PATTERN)
  proposal_id!: string;
}

export class HistoryPayload extends ClientFrame {
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  session_id?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
