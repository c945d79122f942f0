import { z } from 'zod';
import { ID_PATTERN } from '../chat/dto/validation';

/**
 * Client payloads of live subscriptions (protocol.md §3 `subscribe`/`unsubscribe`, §4
 * `/ws/sports-updates`). Lists are bounded here too, so a huge list is refused as bad input before
 * it is looked up; the subscription limits then apply to what it adds.
 */
const id = z.string().regex(ID_PATTERN, 'must be 1..128 of [A-Za-z0-9_.:-]');
const ids = z.array(id, 'must be a list of ids').max(500, 'at most 500 ids');
const clientFrame = { type: z.string().optional(), timestamp: z.unknown().optional() };

export const SubscribePayload = z.strictObject({
  ...clientFrame,
  fixture_ids: ids.optional(),
  tournament_ids: ids.optional(),
  open_slip: z.boolean('must be true or false').optional(),
});
export type SubscribePayload = z.infer<typeof SubscribePayload>;

/**
 * The plain WebSocket's frames: the original backend's `competitions` (tournament ids or names,
 * ids possibly as numbers) beside `fixture_ids` and `tournament_ids`. No open slip: that needs the
 * session of a chat connection.
 */
const competition = z.union([z.string().trim().min(1).max(128), z.int().nonnegative().transform(String)], 'must be tournament ids or names');
export const SportsUpdatesFrame = z.strictObject({
  ...clientFrame,
  competitions: z.array(competition, 'must be a list of tournament ids or names').max(500, 'at most 500 entries').optional(),
  fixture_ids: ids.optional(),
  tournament_ids: ids.optional(),
});
export type SportsUpdatesFrame = z.infer<typeof SportsUpdatesFrame>;
