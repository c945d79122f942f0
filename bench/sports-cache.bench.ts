/**
 * `npm run bench:sports`: how many ChatBet API calls the cache saves for a realistic question mix.
 *
 * 1000 questions (schedule by team, odds for a match, a tournament's fixtures, "what's on
 * tomorrow", tournament lists) go through SportsQueries twice against the simulator: once with
 * the real CacheService (TTLs from the defaults: tournaments 24 h, fixtures 4 h, odds 30 s) and
 * once with a pass-through cache. The questions arrive over a virtual 20 minutes (Date.now is
 * advanced 1.2 s per question) so the 30 s odds TTL really expires. Upstream calls are counted by
 * the simulator.
 */
import { Logger } from '@nestjs/common';
import { createCache } from 'cache-manager';
import { startSimulator } from '../libs/sports-api-simulator/src';
import { CacheService, type CachedValue, type SourceReader } from '../src/cache/cache.service';
import type { CacheNamespace } from '../src/cache/cache-namespaces';
import { createHttpSportsApi } from '../src/sports-api/http/create-http-sports-api';
import { SportsQueries } from '../src/sports-api/sports-queries.service';

const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 1000);
const WARM_UP = Math.round(QUESTIONS / 10);
const VIRTUAL_MS_PER_QUESTION = 1200;

/** Deterministic question stream: the same mix for both runs. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Question = (q: SportsQueries) => Promise<unknown>;

/** Popular teams are asked about far more often (Zipf-like), as in a real chat. */
function questionMix(teams: string[], tournamentIds: string[], random: () => number): Question[] {
  const pickTeam = () => teams[Math.min(teams.length - 1, Math.floor(teams.length * random() ** 2.5))];
  const questions: Question[] = [];
  for (let i = 0; i < QUESTIONS; i++) {
    const roll = random();
    const team = pickTeam();
    if (roll < 0.35) {
      questions.push((q) => q.findMatch(team)); // "when does Barça play?"
    } else if (roll < 0.7) {
      questions.push(async (q) => {
        // "odds for Arsenal's next match?"
        const match = await q.findMatch(team);
        if (match.data) await q.odds(match.data);
      });
    } else if (roll < 0.85) {
      const tournamentId = tournamentIds[Math.floor(random() * tournamentIds.length)];
      questions.push((q) => q.fixtures({ tournamentId })); // "Premier League fixtures"
    } else if (roll < 0.95) {
      questions.push((q) => {
        // "what's on tomorrow?"
        const from = new Date();
        from.setUTCHours(24, 0, 0, 0);
        return q.fixtures({ from, to: new Date(from.getTime() + 86_400_000) });
      });
    } else {
      questions.push((q) => q.tournaments()); // "which leagues do you have?"
    }
  }
  return questions;
}

/** The same facade with no caching at all: every question goes upstream. */
class PassThroughCache {
  async getOrSet<T>(_ns: CacheNamespace, _parts: unknown[], load: () => Promise<T>): Promise<CachedValue<T>> {
    return { value: await load(), stale: false, hit: false };
  }

  /** Nothing derived is kept either: every build reads its sources upstream. */
  derive<T>(_id: string, build: (read: SourceReader) => Promise<T>): Promise<T> {
    return build((namespace, parts, load) => this.getOrSet(namespace, parts, load));
  }
}

async function run(label: string, cache: CacheService, teams: string[], tournamentIds: string[]) {
  const sim = await startSimulator({ host: '127.0.0.1', port: 0 });
  const { api } = createHttpSportsApi({ baseUrl: sim.url, retryInitialDelayMs: 10 });
  const queries = new SportsQueries(api, cache);
  const questions = questionMix(teams, tournamentIds, generator(42));
  const realNow = Date.now.bind(Date);
  const start = realNow();
  let virtualOffset = 0;
  Date.now = () => realNow() + virtualOffset;
  let warmUpCalls = 0;
  try {
    for (const [index, ask] of questions.entries()) {
      if (index === WARM_UP) warmUpCalls = sim.stats().total;
      await ask(queries);
      virtualOffset += VIRTUAL_MS_PER_QUESTION;
    }
  } finally {
    Date.now = realNow;
  }
  const stats = sim.stats();
  await sim.close();
  return {
    label,
    total: stats.total,
    afterWarmUp: stats.total - warmUpCalls,
    byPath: stats.byPath,
    ms: realNow() - start,
  };
}

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  // The team and tournament names users ask about come from the API's own catalogue.
  const probe = await startSimulator({ host: '127.0.0.1', port: 0 });
  const catalogue = (
    await new SportsQueries(
      createHttpSportsApi({ baseUrl: probe.url }).api,
      new PassThroughCache() as unknown as CacheService,
    ).catalogue()
  ).data;
  await probe.close();
  const teams = catalogue.teams.map((t) => t.name);
  const tournamentIds = catalogue.tournaments.map((t) => t.id);

  const ttlSeconds = { tournaments: 86_400, fixtures: 14_400, odds: 30 };
  const cached = await run(
    'with cache',
    new CacheService(createCache(), { ttlSeconds, sessionTtlSeconds: 3600 }),
    teams,
    tournamentIds,
  );
  const uncached = await run(
    'without cache',
    new PassThroughCache() as unknown as CacheService,
    teams,
    tournamentIds,
  );

  const servedFromCache = 1 - cached.afterWarmUp / uncached.afterWarmUp;
  console.log(
    `sports cache benchmark: ${QUESTIONS} questions over ${teams.length} teams / ${tournamentIds.length} tournaments`,
  );
  console.log(
    `(warm-up: first ${WARM_UP} questions; virtual time ${((QUESTIONS * VIRTUAL_MS_PER_QUESTION) / 60_000).toFixed(0)} min)`,
  );
  for (const r of [uncached, cached]) {
    console.log(
      `  ${r.label.padEnd(14)} upstream calls: ${String(r.total).padStart(6)} total, ${String(r.afterWarmUp).padStart(6)} after warm-up  (${r.ms} ms)`,
    );
  }
  console.log(`  upstream calls by path with cache: ${JSON.stringify(cached.byPath)}`);
  console.log(`  served from cache after warm-up: ${(servedFromCache * 100).toFixed(1)} % (goal ≥ 90 %)`);
  if (servedFromCache < 0.9) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
