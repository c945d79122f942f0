import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { correlationIdOf } from '../common/http/correlation-id';
import { AuthGuard, CurrentCaller } from '../common/auth/auth.guard';
import type { Caller } from '../common/auth/caller';
import { NotFoundError } from '../common/errors';
import { ApiErrorResponses } from '../common/openapi/api-error-responses';
import { ChatService, type ConversationView } from './chat.service';
import type { ChatResponse } from './chat.types';
import { RunningTurns } from './running-turns';
import { ChatResponseDto } from './dto/chat-response.dto';
import { ConversationDto, DeletedDto } from './dto/conversation.dto';
import { ConversationQueryDto, SessionQueryDto, UserIdParams } from './dto/conversation-query.dto';
import { SendMessageDto } from './dto/send-message.dto';
import { RestThrottlerGuard } from './throttling/rest-throttler.guard';

const DEFAULT_HISTORY_LIMIT = 50;

@ApiTags('chat')
@ApiSecurity('api-key')
@ApiBearerAuth('user-token')
@UseGuards(RestThrottlerGuard, AuthGuard)
@Controller({ path: 'chat', version: '1' })
export class ChatController {
  constructor(
    private readonly chat: ChatService,
    private readonly turns: RunningTurns,
  ) {}

  @Post('message')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a message and get the whole answer (same pipeline as the streaming transports).',
    description:
      'A `message_id` seen in the last 10 minutes returns the stored response. A repeat that arrives while the first call still runs, on this instance or another, waits for it and returns the same response (up to 60 s; DUPLICATE_MESSAGE after that).',
  })
  @ApiOkResponse({ type: ChatResponseDto })
  @ApiErrorResponses(
    'INVALID_MESSAGE',
    'UNAUTHORIZED',
    'FORBIDDEN',
    'NOT_FOUND',
    'SESSION_BUSY',
    'DUPLICATE_MESSAGE',
    'MESSAGE_TOO_LONG',
    'RATE_LIMITED',
    'INTERNAL_ERROR',
    'SPORTS_API_UNAVAILABLE',
    'LLM_UNAVAILABLE',
    'LLM_TIMEOUT',
  )
  send(@Body() body: SendMessageDto, @CurrentCaller() caller: Caller, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ChatResponse> {
    const userId = caller.actAs(body.user_id) ?? body.user_id;
    // A client that hangs up does not need the answer: the response is the turn's connection.
    res.on('close', () => {
      if (!res.writableFinished) this.turns.connectionClosed(res);
    });
    return this.chat.reply(
      {
        userId,
        account: caller.accountFor(userId),
        message: body.message,
        sessionId: body.session_id,
        messageId: body.message_id,
        language: body.language,
        timezone: body.timezone,
        correlationId: correlationIdOf(req, res),
      },
      res,
    );
  }

  @Get('conversations/:user_id')
  @ApiOperation({ summary: 'A session’s messages (newest `limit`, oldest first), or the user’s sessions without session_id.' })
  @ApiOkResponse({ type: ConversationDto })
  @ApiErrorResponses('INVALID_MESSAGE', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED', 'INTERNAL_ERROR', 'LLM_UNAVAILABLE')
  async history(@Param() { user_id }: UserIdParams, @Query() query: ConversationQueryDto, @CurrentCaller() caller: Caller): Promise<ConversationView> {
    caller.actAs(user_id);
    const view = await this.chat.history(user_id, query.session_id, query.limit ?? DEFAULT_HISTORY_LIMIT);
    // Another user's session is indistinguishable from an unknown one.
    if (!view) throw new NotFoundError('Conversation');
    return view;
  }

  @Delete('conversations/:user_id')
  @ApiOperation({ summary: 'Delete one of the user’s sessions, or all of them without session_id.' })
  @ApiOkResponse({ type: DeletedDto })
  @ApiErrorResponses('INVALID_MESSAGE', 'UNAUTHORIZED', 'FORBIDDEN', 'RATE_LIMITED', 'INTERNAL_ERROR', 'LLM_UNAVAILABLE')
  async forget(@Param() { user_id }: UserIdParams, @Query() query: SessionQueryDto, @CurrentCaller() caller: Caller): Promise<DeletedDto> {
    caller.actAs(user_id);
    return { deleted: await this.chat.forget(user_id, query.session_id) };
  }
}
