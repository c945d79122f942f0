import express, { type NextFunction, type Request, type Response } from 'express';
import { InsufficientBalanceError, TokenRegistry, WalletLedger } from './accounts';
import {
  DEFAULT_SPORT_ID,
  DEFAULT_TOURNAMENT_ID,
  FEATURED_FIXTURE_ID,
  LANGUAGES,
  SPORTS,
  TOURNAMENTS,
  type LanguageCode,
} from './catalogue';
import { FixtureCalendar, phaseOf, type SimFixture } from './dataset';
import { FaultInjector, sanitizeFaults, type FaultSettings } from './faults';
import { OddsBook, roundTo } from './pricing';
import { renderFixture, renderOdds, renderSportFixture, sportName, type OddsShape } from './render';
import { resolveTimeZone } from './time-format';
import {
  RequestValidationError,
  addBetToComboSchema,
  booleanQuery,
  comboCalculationSchema,
  enumQuery,
  getComboOddsSchema,
  numberQuery,
  parseBody,
  placeBetSchema,
  placeComboBetSchema,
  requiredQuery,
} from './validation';

export interface SimulatorConfig {
  now: () => Date;
  seed: number;
  oddsShape: OddsShape;
  tokenTtlMs: number;
  faults: Partial<FaultSettings>;
}

export interface UpstreamStats {
  total: number;
  byPath: Record<string, number>;
}

/** Everything one simulator instance remembers: dataset, tokens, wallets, faults and call counts. */
export class SimulatorState {
  readonly calendar: FixtureCalendar;
  readonly odds: OddsBook;
  readonly tokens: TokenRegistry;
  readonly wallets = new WalletLedger();
  readonly faults: FaultInjector;
  oddsShape: OddsShape;
  private counts: UpstreamStats = { total: 0, byPath: {} };
  /** How far the admin clock was moved ahead of the configured clock (POST /__admin/clock). */
  private clockOffsetMs = 0;

  constructor(readonly config: SimulatorConfig) {
    this.calendar = new FixtureCalendar(config.seed);
    this.odds = new OddsBook(config.seed);
    this.tokens = new TokenRegistry(config.tokenTtlMs, () => this.now());
    this.faults = new FaultInjector(config.faults, config.seed);
    this.oddsShape = config.oddsShape;
  }

  /** The configured clock plus whatever the admin moved it ahead by. */
  now(): Date {
    return new Date(this.config.now().getTime() + this.clockOffsetMs);
  }

  /** Moves the clock ahead (prices step every 15 minutes; matches start and finish). */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  clock(): { now: string; offsetMs: number } {
    return { now: this.now().toISOString(), offsetMs: this.clockOffsetMs };
  }

  resetClock(): void {
    this.clockOffsetMs = 0;
  }

  count(path: string): void {
    this.counts.total += 1;
    this.counts.byPath[path] = (this.counts.byPath[path] ?? 0) + 1;
  }

  stats(): UpstreamStats {
    return { total: this.counts.total, byPath: { ...this.counts.byPath } };
  }

  resetStats(): void {
    this.counts = { total: 0, byPath: {} };
  }
}

type FixtureType = 'pre_match' | 'live';

/** First value of a query parameter (repeated parameters: FastAPI keeps the last; either is fine). */
function query(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  const first = Array.isArray(value) ? value[value.length - 1] : value;
  return typeof first === 'string' ? first : undefined;
}

function languageOf(req: Request): LanguageCode {
  return enumQuery('language', query(req, 'language'), LANGUAGES, 'en');
}

function fixtureTypeOf(req: Request): FixtureType {
  return enumQuery<FixtureType>('type', query(req, 'type'), ['pre_match', 'live'], 'pre_match');
}

function selectByType(fixtures: SimFixture[], type: FixtureType, now: Date): SimFixture[] {
  const wanted = type === 'live' ? 'live' : 'upcoming';
  return fixtures.filter((fixture) => phaseOf(fixture, now) === wanted);
}

/** Product of leg odds, trimmed of float noise; money is rounded only where it is paid. */
function comboOdd(odds: number[]): number {
  return roundTo(
    odds.reduce((product, odd) => product * odd, 1),
    6,
  );
}

export function buildSimulatorApp(state: SimulatorState): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());

  // ---- admin (never faulted, never counted) ----
  const admin = express.Router();
  admin.get('/faults', (_req, res) => {
    res.json(state.faults.current());
  });
  admin.post('/faults', (req, res) => {
    state.faults.set(sanitizeFaults(req.body));
    res.json(state.faults.current());
  });
  admin.post('/reset', (_req, res) => {
    state.faults.reset();
    state.resetStats();
    res.json({ faults: state.faults.current(), stats: state.stats() });
  });
  admin.get('/stats', (_req, res) => {
    res.json(state.stats());
  });
  admin.post('/config', (req, res) => {
    const shape = (req.body as { oddsShape?: unknown } | undefined)?.oddsShape;
    if (shape === 'classic' || shape === 'options') state.oddsShape = shape;
    res.json({ oddsShape: state.oddsShape });
  });
  admin.get('/clock', (_req, res) => {
    res.json(state.clock());
  });
  admin.post('/clock', (req, res) => {
    const body = (req.body ?? {}) as { advanceMs?: unknown; reset?: unknown };
    if (body.reset === true) state.resetClock();
    if (body.advanceMs !== undefined) {
      if (typeof body.advanceMs !== 'number' || !Number.isFinite(body.advanceMs) || body.advanceMs < 0) {
        res.status(400).json({ error: 'advanceMs must be a number of milliseconds, 0 or more' });
        return;
      }
      state.advanceClock(body.advanceMs);
    }
    res.json(state.clock());
  });
  admin.post('/expire-tokens', (_req, res) => {
    state.tokens.expireAll();
    res.json({ expired: true });
  });
  app.use('/__admin', admin);

  // ---- upstream traffic: counted first, then subject to faults ----
  app.use((req, _res, next) => {
    state.count(req.path);
    next();
  });
  app.use(state.faults.middleware());

  const requireToken = (req: Request, res: Response, next: NextFunction): void => {
    const token = req.header('token');
    if (!token) {
      res.status(401).json({ detail: 'Missing token header' });
      return;
    }
    if (!state.tokens.isValid(token)) {
      res.status(401).json({ detail: 'Invalid token' });
      return;
    }
    next();
  };

  app.get('/', (_req, res) => {
    res.json({ message: 'ChatBet sports API simulator' });
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // ---- auth and user ----
  app.post('/auth/generate_token', (_req, res) => {
    res.json({ token: state.tokens.issue() });
  });
  app.get('/auth/validate_token', requireToken, (_req, res) => {
    res.json({ message: 'Valid token' });
  });
  app.get('/auth/validate_user', (req, res) => {
    const userKey = requiredQuery('userKey', query(req, 'userKey'));
    res.json({ status: true, userId: state.wallets.userIdFor(userKey) });
  });
  app.get('/auth/get_user_balance', requireToken, (req, res) => {
    const userId = requiredQuery('userId', query(req, 'userId'));
    requiredQuery('userKey', query(req, 'userKey'));
    res.json(state.wallets.balance(userId));
  });

  // ---- catalogue ----
  const hasOpenFixtures = (tournamentId: string): boolean => {
    const now = state.now();
    return state.calendar
      .fixtures(now)
      .some((f) => f.tournament.id === tournamentId && phaseOf(f, now) !== 'finished');
  };

  app.get('/sports', (_req, res) => {
    res.json(
      SPORTS.map((sport) => ({
        alias: sport.alias,
        profit: {},
        id: sport.id,
        name: sport.name.en,
        name_es: sport.name.es,
        name_en: sport.name.en,
        name_pt_br: sport.name.pt_br,
      })),
    );
  });

  app.get('/sports/tournaments', (req, res) => {
    const sportId = query(req, 'sport_id') ?? DEFAULT_SPORT_ID;
    const language = languageOf(req);
    const activeOnly = booleanQuery('with_active_fixtures', query(req, 'with_active_fixtures'), false);
    res.json(
      TOURNAMENTS.filter((t) => t.sportId === sportId && (!activeOnly || hasOpenFixtures(t.id))).map((t) => ({
        profit: {},
        sport_name: sportName(t.sportId),
        tournament_name: t.name[language],
        tournament_id: t.id,
      })),
    );
  });

  app.get('/sports/all-tournaments', (req, res) => {
    const language = languageOf(req);
    const activeOnly = booleanQuery('with_active_fixtures', query(req, 'with_active_fixtures'), false);
    const groups = SPORTS.map((sport) => ({
      id: sport.id,
      name: sport.name[language],
      tournaments: TOURNAMENTS.filter(
        (t) => t.sportId === sport.id && (!activeOnly || hasOpenFixtures(t.id)),
      ).map((t) => ({ tournamentId: t.id, name: t.name[language], order: t.order })),
    }));
    res.json(groups.filter((group) => group.tournaments.length > 0));
  });

  app.get('/sports/fixtures', (req, res) => {
    const tournamentId = query(req, 'tournamentId') ?? DEFAULT_TOURNAMENT_ID;
    const type = fixtureTypeOf(req);
    const language = languageOf(req);
    const timeZone = resolveTimeZone(query(req, 'time_zone'));
    const now = state.now();
    const fixtures = selectByType(
      state.calendar.fixtures(now).filter((f) => f.tournament.id === tournamentId),
      type,
      now,
    );
    res.json([
      { totalResults: fixtures.length },
      ...fixtures.map((f) => renderFixture(f, language, timeZone)),
    ]);
  });

  app.get('/sports/sports-fixtures', (req, res) => {
    const sportId = query(req, 'sportId') ?? DEFAULT_SPORT_ID;
    const type = fixtureTypeOf(req);
    languageOf(req); // validated like the real API; names are sent in every language anyway
    const timeZone = resolveTimeZone(query(req, 'time_zone'));
    const now = state.now();
    const fixtures = selectByType(
      state.calendar.fixtures(now).filter((f) => f.tournament.sportId === sportId),
      type,
      now,
    );
    res.json(fixtures.map((f) => renderSportFixture(f, timeZone)));
  });

  app.get('/sports/odds', (req, res) => {
    const sportId = query(req, 'sportId') ?? DEFAULT_SPORT_ID;
    const tournamentId = query(req, 'tournamentId') ?? DEFAULT_TOURNAMENT_ID;
    const fixtureId = query(req, 'fixtureId') ?? FEATURED_FIXTURE_ID;
    const amount = numberQuery('amount', query(req, 'amount'), 1);
    const now = state.now();
    const fixture = state.calendar
      .fixtures(now)
      .find(
        (f) => f.id === fixtureId && f.tournament.id === tournamentId && f.tournament.sportId === sportId,
      );
    const open = fixture !== undefined && phaseOf(fixture, now) !== 'finished';
    res.json(renderOdds(open ? state.odds.price(fixture, now) : null, amount, state.oddsShape));
  });

  // ---- betting ----
  app.post('/place-bet', requireToken, (req, res) => {
    const body = parseBody(placeBetSchema, req.body);
    if (body.betInfo.betId.length === 0) {
      throw new RequestValidationError([
        {
          type: 'too_short',
          loc: ['body', 'betInfo', 'betId'],
          msg: 'List should have at least 1 item after validation, not 0',
          input: [],
          ctx: { field_type: 'List', min_length: 1, actual_length: 0 },
        },
      ]);
    }
    const amount = Number(body.betInfo.amount);
    const odd = comboOdd(body.betInfo.betId.map((leg) => Number(leg.odd)));
    const ticket = state.wallets.debit(body.user.id, amount);
    res.json({ message: 'Bet accepted', betId: ticket, possibleWin: roundTo(amount * odd, 2) });
  });

  app.post('/combo-bet-calculation', (req, res) => {
    const body = parseBody(comboCalculationSchema, req.body);
    const odd = comboOdd(body.betsInfo.map((leg) => leg.odd));
    res.json({ profit: roundTo(body.amount * odd, 2), odd, status: 'True' });
  });

  app.post('/add-bet-to-combo', requireToken, (req, res) => {
    const body = parseBody(addBetToComboSchema, req.body);
    const raw = req.body as { betInfo: unknown; betsAdded: Array<{ betId: string }> };
    const alreadyAdded = body.betsAdded.some((leg) => leg.betId === body.betInfo.betId);
    res.json({ betsAdded: alreadyAdded ? raw.betsAdded : [...raw.betsAdded, raw.betInfo] });
  });

  app.post('/get-combo-odds', requireToken, (req, res) => {
    const body = parseBody(getComboOddsSchema, req.body);
    const odd = comboOdd(body.betInfo.map((leg) => leg.odd));
    res.json({ odd, profit: roundTo(odd, 2), status: 'True' });
  });

  app.post('/place-combo-bet', requireToken, (req, res) => {
    const body = parseBody(placeComboBetSchema, req.body);
    const odd = comboOdd(body.betsInfo.map((leg) => leg.odd));
    const ticket = state.wallets.debit(body.user.id, body.amount);
    res.json({ message: 'Bet accepted', betId: ticket, profit: roundTo(body.amount * odd, 2), odd });
  });

  app.use((_req, res) => {
    res.status(404).json({ detail: 'Not Found' });
  });

  // FastAPI-style error bodies: 422 for validation (and unparsable JSON), 400 for a short wallet.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof RequestValidationError) {
      res.status(422).json({ detail: error.details });
      return;
    }
    if (error instanceof InsufficientBalanceError) {
      res.status(400).json({ detail: 'Insufficient balance' });
      return;
    }
    if (isBodyParseError(error)) {
      res.status(422).json({
        detail: [
          {
            type: 'json_invalid',
            loc: ['body', 0],
            msg: 'JSON decode error',
            input: {},
            ctx: { error: error.message },
          },
        ],
      });
      return;
    }
    res.status(500).json({ detail: 'Internal Server Error' });
  });

  return app;
}

function isBodyParseError(error: unknown): error is Error & { type: string } {
  return error instanceof Error && (error as { type?: unknown }).type === 'entity.parse.failed';
}
