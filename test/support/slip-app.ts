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
  const balance = await running.app.get(SportsApi).getBalance(userId);
  return { money: balance.money, playable: balance.playableBalance };
}

/** How many single and combo bets the app's simulator (embedded or not) has been asked to place so far. */
export async function placeCalls(running: RunningApp): Promise<number> {
  const endpoint = running.app.get(SportsApiEndpoint);
  const res = await fetch(`${endpoint.baseUrl}/__admin/stats`);
  const stats = (await res.json()) as { byPath: Record<string, number> };
  return (stats.byPath['/place-bet'] ?? 0) + (stats.byPath['/place-combo-bet'] ?? 0);
}
