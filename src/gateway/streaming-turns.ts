import { Injectable } from '@nestjs/common';
import type { DomainError } from '../common/errors';
import { ChatService } from '../chat/chat.service';
import type { ChatResponse, ToolCallEvent, TurnIds, TurnInput } from '../chat/chat.types';
import type { TurnFrame } from './chat-events';
import { CoalescingWindow } from './coalescing-window';
import { DeltaCoalescer } from './delta-coalescer';
import { FrameLog, type TurnRef } from './resume/frame-log';
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
 * Every frame of an admitted turn also goes to the frame log, for a client that reconnects and resumes.
 */
@Injectable()
export class StreamingTurns {
  constructor(
    private readonly chat: ChatService,
    private readonly frames: FrameLog,
    private readonly window: CoalescingWindow,
  ) {}

  start(input: TurnInput, connectionSender: FrameSender, connection: object): Promise<Admission> {
    let ids: TurnIds | undefined;
    let index = 0;
    let replay = false;
    /** Set for a turn that runs (a replay's final is stored already). */
    let logged: TurnRef | undefined;
    const sender: FrameSender = {
      send: (frame) => {
        connectionSender.send(frame);
        if (logged) this.frames.append(logged, frame);
      },
      started: connectionSender.started?.bind(connectionSender),
    };
    const coalescer = new DeltaCoalescer((text) => sender.send(deltaFrame(ids!, text, index++)), this.window);
    return new Promise<Admission>((resolve) => {
      void this.chat.turn(
        input,
        {
          accepted: (admitted) => {
            ids = { sessionId: admitted.sessionId, messageId: admitted.messageId };
            replay = admitted.replay;
            if (!replay) logged = { userId: input.userId, ...ids };
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
