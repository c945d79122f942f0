import { Injectable, Logger } from '@nestjs/common';
import type { Language } from '../../common/protocol';
import type {
  Balance,
  BetReceipt,
  Fixture,
  FixtureType,
  Odds,
  PlaceBetInput,
  Sport,
  SportsAccount,
  Tournament,
} from '../domain';
import { parlayPayout } from '../payout';
import { SportsApi, type SportsApiCallOptions } from '../sports-api.port';
import { normalizeOdds } from './odds-normalizer';
import {
  type MappedList,
  mapAllTournaments,
  mapBalance,
  mapBetReceipt,
  mapSportFixtures,
  mapSports,
  mapTournamentFixtures,
  mapTournaments,
} from './payload-mapper';
import { SportsApiClientOptions } from './sports-api-client.options';
import { toSportsApiError } from './sports-api-errors';
import { SportsApiTokenManager } from './sports-api-token.manager';
import { SportsApiTransport } from './sports-api.transport';

/** We always ask for UTC so "MM-DD HH:mm" can be read without guessing the zone. */
const TIME_ZONE = 'UTC';

/**
 * The ChatBet API over HTTP. Parameter names are the API's own, quirks included (`sport_id` on
 * /sports/tournaments, camelCase elsewhere); ids are sent as strings; answers come back as our
 * domain types. Failures leave as domain errors (SportsApiUnavailableError, SportsApiTimeoutError,
 * SportsApiRejectedError, InsufficientBalanceError) or the caller's abort reason.
 */
@Injectable()
export class HttpSportsApi extends SportsApi {
  private readonly logger = new Logger('SportsApi');

  constructor(
    private readonly transport: SportsApiTransport,
    private readonly tokens: SportsApiTokenManager,
    private readonly options: SportsApiClientOptions,
  ) {
    super();
  }

  getSports(language: Language = 'en', call: SportsApiCallOptions = {}): Promise<Sport[]> {
    return this.guard(call, async () => {
      const raw = await this.transport.send({ method: 'GET', path: '/sports', signal: call.signal });
      return this.items('sports', mapSports(raw, language));
    });
  }

  getTournaments(
    query: { sportId?: string; language?: Language; withActiveFixtures?: boolean } = {},
    call: SportsApiCallOptions = {},
  ): Promise<Tournament[]> {
    const sportId = String(query.sportId ?? '1');
    return this.guard(call, async () => {
      const raw = await this.transport.send({
        method: 'GET',
        path: '/sports/tournaments',
        // snake_case here, unlike every other catalogue endpoint (CONTRACT §4.2).
        query: {
          sport_id: sportId,
          language: query.language ?? 'en',
          with_active_fixtures: query.withActiveFixtures ?? false,
        },
        signal: call.signal,
      });
      return this.items('tournaments', mapTournaments(raw, sportId));
    });
  }

  getAllTournaments(
    query: { language?: Language; withActiveFixtures?: boolean } = {},
    call: SportsApiCallOptions = {},
  ): Promise<Tournament[]> {
    return this.guard(call, async () => {
      const raw = await this.transport.send({
        method: 'GET',
        path: '/sports/all-tournaments',
        query: { language: query.language ?? 'en', with_active_fixtures: query.withActiveFixtures ?? false },
        signal: call.signal,
      });
      return this.items('all-tournaments', mapAllTournaments(raw));
    });
  }

  getFixtures(
    query: { tournamentId: string; type?: FixtureType; language?: Language },
    call: SportsApiCallOptions = {},
  ): Promise<Fixture[]> {
    const type = query.type ?? 'pre_match';
    return this.guard(call, async () => {
      const raw = await this.transport.send({
        method: 'GET',
        path: '/sports/fixtures',
        query: {
          tournamentId: String(query.tournamentId),
          type,
          language: query.language ?? 'en',
          time_zone: TIME_ZONE,
        },
        signal: call.signal,
      });
      return this.items(
        'fixtures',
        mapTournamentFixtures(raw, { type, now: new Date(), timeZone: TIME_ZONE }),
      );
    });
  }

  getSportFixtures(
    query: { sportId: string; type?: FixtureType; language?: Language },
    call: SportsApiCallOptions = {},
  ): Promise<Fixture[]> {
    const type = query.type ?? 'pre_match';
    const language = query.language ?? 'en';
    const sportId = String(query.sportId);
    return this.guard(call, async () => {
      const raw = await this.transport.send({
        method: 'GET',
        path: '/sports/sports-fixtures',
        query: { sportId, type, language, time_zone: TIME_ZONE },
        signal: call.signal,
      });
      return this.items(
        'sports-fixtures',
        mapSportFixtures(raw, { type, now: new Date(), timeZone: TIME_ZONE, sportId, language }),
      );
    });
  }

  getOdds(
    query: { sportId: string; tournamentId: string; fixtureId: string; amount?: number },
    call: SportsApiCallOptions = {},
  ): Promise<Odds> {
    const ids = {
      sportId: String(query.sportId),
      tournamentId: String(query.tournamentId),
      fixtureId: String(query.fixtureId),
    };
    return this.guard(call, async () => {
      const raw = await this.transport.send({
        method: 'GET',
        path: '/sports/odds',
        // amount=1 makes each selection's `profit` equal its odd; payouts are computed by us.
        query: { ...ids, amount: query.amount ?? 1 },
        signal: call.signal,
      });
      return normalizeOdds(raw, ids);
    });
  }

  getBalance(account: SportsAccount, call: SportsApiCallOptions = {}): Promise<Balance> {
    return this.guard(call, async () => {
      const { userKey, userId } = await this.resolve(account);
      return this.tokens.withToken(async ({ token }) => {
        const raw = await this.transport.send({
          method: 'GET',
          path: '/auth/get_user_balance',
          query: { userId, userKey },
          headers: { token },
          signal: call.signal,
        });
        return mapBalance(raw, userId);
      });
    });
  }

  /** Never retried: a bet that timed out may have been taken, and sending it again costs money twice. */
  placeBet(input: PlaceBetInput, call: SportsApiCallOptions = {}): Promise<BetReceipt> {
    return this.guard(
      call,
      async () => {
        const expected = parlayPayout(
          input.stake,
          input.legs.map((leg) => leg.odd),
        );
        const { userKey, userId } = await this.resolve(input.account);
        const body = {
          user: { userKey, id: userId },
          betInfo: {
            amount: String(expected.stake),
            betId: input.legs.map((leg) => ({
              betId: String(leg.betId),
              fixtureId: String(leg.fixtureId),
              odd: String(leg.odd),
              sportId: String(leg.sportId),
              tournamentId: String(leg.tournamentId),
            })),
            source: this.options.betSource,
          },
        };
        return this.tokens.withToken(async ({ token }) => {
          const raw = await this.transport.send({
            method: 'POST',
            path: '/place-bet',
            body,
            headers: {
              token,
              'accept-language': (input.language ?? 'en').replace('_', '-'),
              'country-code': this.options.countryCode,
            },
            idempotent: false,
            signal: call.signal,
          });
          return mapBetReceipt(raw, expected.stake, expected.returns);
        });
      },
      { placingBet: true, stake: input.stake },
    );
  }

  /** The API's id for the configured user key (validate_user), e.g. for a demo wallet. */
  accountUserId(): Promise<string> {
    return this.guard({}, () => this.tokens.userId());
  }

  /** The key and id the API wants for an account: the user's own, or the configured key. */
  private async resolve(account: SportsAccount): Promise<{ userKey: string; userId: string }> {
    const userKey = account.userKey ?? this.options.userKey;
    const userId = account.userId ?? (await this.tokens.userIdFor(userKey));
    return { userKey, userId: String(userId) };
  }

  private async guard<T>(
    call: SportsApiCallOptions,
    run: () => Promise<T>,
    context: { placingBet?: boolean; stake?: number } = {},
  ): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (call.signal?.aborted) throw call.signal.reason ?? error;
      throw toSportsApiError(error, context);
    }
  }

  private items<T>(what: string, mapped: MappedList<T>): T[] {
    if (mapped.skipped > 0)
      this.logger.warn(`sports API ${what}: skipped ${mapped.skipped} element(s) of an unexpected shape`);
    return mapped.items;
  }
}
