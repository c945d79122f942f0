import request from 'supertest';
import type { BetProposal, BetProposalSelection } from '../../src/common/protocol';
import { LanguageUnderstanding } from '../../src/nlu/nlu.types';
import { SportsApi } from '../../src/sports-api/sports-api.port';
import { SportsApiEndpoint } from '../../src/sports-api/sports-api.endpoint';
import type { RunningApp } from './app';

/**
 * Helpers for bet-slip tests against the real app and its embedded simulator: wait until the NLU
 * resolves team names, read a user's wallet and count the bets the simulator was asked to place.
 */

/**
 * The NLU resolves names against the sports API's catalogue, which loads after boot; until then a
 * team name in a message is not recognised. Waits (bounded) until it is.
 */
export async function waitForCatalogue(running: RunningApp, team = 'Arsenal', timeoutMs = 10_000): Promise<void> {
  const nlu = running.app.get(LanguageUnderstanding);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (nlu.analyze(`When does ${team} play?`, { previousUserMessages: [] }).entities.teams.includes(team)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the NLU catalogue did not load within ${timeoutMs} ms`);
}

/** The user's wallet as the simulator holds it (read live, never cached). */
export async function walletOf(running: RunningApp, userId: string): Promise<{ money: number; playable: number }> {
  const balance = await running.app.get(SportsApi).getBalance({ userId });
  return { money: balance.money, playable: balance.playableBalance };
}

/** How many single and combo bets the app's simulator (embedded or not) has been asked to place so far. */
export async function placeCalls(running: RunningApp): Promise<number> {
  const endpoint = running.app.get(SportsApiEndpoint);
  const res = await fetch(`${endpoint.baseUrl}/__admin/stats`);
  const stats = (await res.json()) as { byPath: Record<string, number> };
  return (stats.byPath['/place-bet'] ?? 0) + (stats.byPath['/place-combo-bet'] ?? 0);
}

/** Moves the app's simulator clock ahead (its odds step every 15 minutes). */
export async function advanceSimulatorClock(running: RunningApp, ms: number): Promise<void> {
  const endpoint = running.app.get(SportsApiEndpoint);
  const res = await fetch(`${endpoint.baseUrl}/__admin/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  if (!res.ok) throw new Error(`the simulator refused to move its clock (${res.status})`);
}

/** The selection's odd as the simulator quotes it now (read live through the port, never cached). */
export async function liveOdd(running: RunningApp, selection: BetProposalSelection): Promise<number | undefined> {
  const odds = await running.app.get(SportsApi).getOdds({
    sportId: selection.sport_id,
    tournamentId: selection.tournament_id,
    fixtureId: selection.fixture_id,
  });
  const market = odds.markets.find((m) => m.key === selection.market && (selection.line === undefined || m.line === selection.line));
  return market?.selections.find((s) => s.betId === selection.bet_id || s.outcome === selection.outcome)?.odd;
}

/**
 * Moves the simulator clock a 15-minute step at a time until the selection's price moves the
 * wanted way (`any`, `up` or `down`), bounded to a day; the new odd.
 */
export async function movePrice(
  running: RunningApp,
  selection: BetProposalSelection,
  way: 'any' | 'up' | 'down' = 'any',
): Promise<number> {
  const [odd] = await moveClockUntil(running, [selection], ([now]) =>
    way === 'up' ? now > selection.odd : way === 'down' ? now < selection.odd : now !== selection.odd,
  );
  return odd;
}

/**
 * Moves the simulator clock a 15-minute step at a time until `moved` holds for the selections'
 * live odds (all quoted), bounded to a simulated day; those odds.
 */
export async function moveClockUntil(
  running: RunningApp,
  selections: BetProposalSelection[],
  moved: (odds: number[]) => boolean,
): Promise<number[]> {
  const seen: string[] = [];
  for (let step = 0; step < 96; step += 1) {
    await advanceSimulatorClock(running, 15 * 60_000);
    const odds = await Promise.all(selections.map((s) => liveOdd(running, s)));
    seen.push(odds.join('/'));
    if (odds.every((o): o is number => o !== undefined) && moved(odds)) return odds;
  }
  const from = selections.map((s) => `${s.fixture_id}@${s.odd}`).join(', ');
  throw new Error(`the prices of ${from} did not move as wanted within a simulated day: ${seen.join(' ')}`);
}

/** Ids for a new conversation each call (`prefix-label-N`), so tests' wallets and slips never mix. */
export function conversationIds(prefix: string): (label: string) => { user: string; session: string } {
  let counter = 0;
  return (label) => {
    counter += 1;
    return { user: `${prefix}-${label}-${counter}`, session: `${prefix}-${label}-s${counter}` };
  };
}

/** A conversation's user and session ids, as conversationIds gives them. */
export type Conversation = { user: string; session: string };

/**
 * The REST calls slip tests make against the app `running()` returns (read on each call, since
 * the app starts in a beforeAll): a chat message (answered 200), a confirm, and the session's history.
 */
export function slipRequests(running: () => RunningApp) {
  return {
    say: async <Body = Record<string, any>>(who: Conversation, message: string): Promise<Body> => {
      const res = await request(running().url)
        .post('/api/v1/chat/message')
        .send({ message, user_id: who.user, session_id: who.session })
        .expect(200);
      return res.body as Body;
    },
    confirm: (user: string, proposalId: string, extra: Record<string, unknown> = {}) =>
      request(running().url).post(`/api/v1/bets/${proposalId}/confirm`).send({ user_id: user, ...extra }),
    history: async (who: Conversation): Promise<{ messages: unknown[]; open_slip?: BetProposal }> => {
      const res = await request(running().url).get(`/api/v1/chat/conversations/${who.user}?session_id=${who.session}`).expect(200);
      return res.body as { messages: unknown[]; open_slip?: BetProposal };
    },
  };
}
