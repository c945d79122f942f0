import type { EvalPrediction } from './eval-case';

/**
 * Something the eval can talk to: the NLU alone today, the whole chat pipeline later. A session
 * carries the conversation so a case's `context` messages shape how its `text` is read.
 */
export interface EvalTarget {
  readonly name: string;
  newSession(): string;
  send(sessionId: string, text: string): Promise<EvalPrediction>;
  close?(): Promise<void>;
}
