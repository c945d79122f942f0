import { z } from 'zod';
import { LANGUAGES } from '../common/protocol';
import { isTimeZone } from '../common/time-zone';
import { ID_PATTERN } from '../chat/dto/validation';

/**
 * Client payloads of the socket transports (protocol.md §3/§4). Blank and too-long content are
 * judged by ChatService like every transport's; here only types, ids and unknown fields. `type`
 * (sent by clients of the original backend) and `timestamp` are accepted and ignored.
 *
 * zod rather than the class-validator DTOs of REST: every chat message passes through here, and
 * a class-validator pass builds an instance and walks its metadata each time, where zod only
 * checks (what each cost per message: bench/RESULTS.md, fourth round). REST keeps its DTOs,
 * which also describe the OpenAPI document.
 */
const id = z.string().regex(ID_PATTERN, 'must be 1..128 of [A-Za-z0-9_.:-]');
const clientFrame = { type: z.string().optional(), timestamp: z.unknown().optional() };

export const UserMessagePayload = z.strictObject({
  ...clientFrame,
  content: z.string('must be a string'),
  session_id: id.optional(),
  user_id: id.optional(),
  message_id: id.optional(),
  language: z.enum(LANGUAGES, `must be one of ${LANGUAGES.join(', ')}`).optional(),
  timezone: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. America/Bogota').optional(),
});

export const StopPayload = z.strictObject({
  ...clientFrame,
  session_id: id.optional(),
  message_id: id.optional(),
});

export const ConfirmBetPayload = z.strictObject({
  ...clientFrame,
  proposal_id: id,
  /** Place at the new odds when every price moved up since the proposal (else PRICE_CHANGED). */
  accept_better_odds: z.boolean().optional(),
});

/** The rest of a turn after a reconnect: from just after the delta `last_index` (from the start when absent). */
export const ResumePayload = z.strictObject({
  ...clientFrame,
  session_id: id.optional(),
  message_id: id,
  last_index: z.int('must be an integer').min(0).max(1_000_000).optional(),
});

export const HistoryPayload = z.strictObject({
  ...clientFrame,
  session_id: id.optional(),
  limit: z.int('must be an integer').min(1).max(200).optional(),
});
export type ResumePayload = z.infer<typeof ResumePayload>;
