import { Injectable } from '@nestjs/common';
import type { DomainError } from '../common/errors';
import { ChatService } from '../chat/chat.service';
import type { ChatResponse, ToolCallEvent, TurnIds, TurnInput } from '../chat/chat.types';
import type { TurnFrame } from './chat-events';
import { DeltaCoalescer } from './delta-coalescer';
import { deltaFrame, errorFrame, finalFrame, toolCallFrame } from './wire-frames';

export type Admission = { accepted: true; ids: TurnIds; replay: boolean } | { accepted: false; error: DomainError; ids: TurnIds };

/** Receives a turn's frames; the gateways turn them into Socket.IO events or WebSocket frames. */
export interface FrameSender {
  send(frame: TurnFrame): void;
  /** Called once the message is admitted (legacy WebSocket clients get their start frames here). */
  started?(ids: TurnIds, replay: boolean): void;
}

/**
 * Runs a ChatService turn for a streaming connection: coalesced deltas numbered 0,1,2…, tool
 * events, one final or error. The turn belongs to `connection` (RunningTurns stops it when the
 * gateway reports the connection closed). Resolves as soon as the message is admitted or refused, for the ack.
 */
@Injectable()
export class StreamingTurns {
  constructor(private readonly chat: ChatService) {}

  start(input: TurnInput, sender: FrameSender, connection: object): Promise<Admission> {
    let ids: TurnIds | undefined;
    let index = 0;
    let replay = false;
    const coalescer = new DeltaCoalescer((text) => sender.send(deltaFrame(ids!, text, index++)));
    return new Promise<Admission>((resolve) => {
      void this.chat.turn(
        input,
        {
          accepted: (admitted) => {
            ids = { sessionId: admitted.sessionId, messageId: admitted.messageId };
            replay = admitted.replay;
            sender.started?.(ids, admitted.replay);
            resolve({ accepted: true, ids, replay: admitted.replay });
          },
          delta: (text) => coalescer.push(text),
          toolCall: (event: ToolCallEvent) => {
            coalescer.flush();
            sender.send(toolCallFrame(ids!, event));
          },
          final: (response: ChatResponse) => {
            coalescer.flush();
            // A replay is final at once; letting the ack go first keeps the client's view in order.
            if (replay) setImmediate(() => sender.send(finalFrame(response)));
            else sender.send(finalFrame(response));
          },
          error: (error, errorIds) => {
            if (!ids) {
              resolve({ accepted: false, error, ids: errorIds ?? { sessionId: input.sessionId ?? '', messageId: input.messageId ?? '' } });
              return;
            }
            coalescer.flush();
            sender.send(errorFrame(error, ids, errorIds?.language ?? input.language));
          },
        },
        connection,
      );
    });
  }
}
