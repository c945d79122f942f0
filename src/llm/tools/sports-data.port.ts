import type { Language } from '../../common/protocol';
import type {
  Balance,
  BetReceipt,
  Catalogue,
  Fetched,
  Fixture,
  Odds,
  PlaceBetInput,
  Sport,
  SportsAccount,
  Tournament,
} from '../../sports-api/domain';

import type { FixtureQuery } from '../../sports-api/sports-queries.service';

export type { FixtureQuery };

/**
 * The slice of the cached sports facade (SportsQueries) the tools read, same signatures. The LLM
 * module binds it to SportsQueries; tests bind a strict fake. `placeBet` is part of the port
 * only so tests can prove no tool ever calls it.
 */
export abstract class SportsData {
  abstract sports(language?: Language): Promise<Fetched<Sport[]>>;
  abstract tournaments(language?: Language): Promise<Fetched<Tournament[]>>;
  abstract fixtures(query: FixtureQuery): Promise<Fetched<Fixture[]>>;
  abstract findMatch(
    teamA: string,
    teamB?: string,
    language?: Language,
  ): Promise<Fetched<Fixture | undefined>>;
  abstract odds(fixture: Fixture): Promise<Fetched<Odds>>;
  abstract balance(account: SportsAccount): Promise<Fetched<Balance>>;
  abstract placeBet(input: PlaceBetInput): Promise<BetReceipt>;
  abstract catalogue(): Promise<Fetched<Catalogue>>;
}
