import { z } from 'zod';
import { MARKET_KEYS, type MarketKey, PICK_STYLES } from '../../common/protocol';

/** The tools' argument schemas: what a model may send, described for it. Types come from them. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('ISO date YYYY-MM-DD');
const market = z
  .enum(MARKET_KEYS as [MarketKey, ...MarketKey[]])
  .describe(
    'result = 1X2 (home/draw/away); over_under = total goals over/under the line; both_teams_to_score = yes/no; double_chance = home_or_draw/away_or_draw/home_or_away; handicap = goal handicap; half_time_result = 1X2 at half time.',
  );
// The bound only keeps nonsense out of the arithmetic: a stake above the balance is the
// sportsbook's refusal to give ("5 million on City" is answered like any stake too large).
const stake = z
  .number()
  .positive()
  .max(1_000_000_000)
  .describe("Amount in the account's currency, exactly as the user said it. Never invent one: ask.");
const teamName = (role: string) => z.string().describe(`${role} team name, as the user wrote it (any language)`);
const fixtureId = z.string().describe('fixture_id from get_fixtures, find_match or get_odds');

export const noArguments = z.object({});

export const tournamentsInput = z.object({ sport_id: z.string().optional().describe('id from get_sports') });

export const fixturesInput = z.object({
  tournament: z.string().optional().describe('Tournament or league name'),
  team: teamName('A').optional(),
  date_from: isoDate.optional(),
  date_to: isoDate.optional(),
  live_only: z.boolean().optional().describe('Only matches being played now'),
  limit: z.number().int().min(1).max(50).optional().describe('At most this many fixtures (default 10)'),
});

export const findMatchInput = z.object({ team_a: teamName('One').min(1), team_b: teamName('The other').optional() });

export const oddsInput = z.object({
  fixture_id: fixtureId.optional(),
  team_a: teamName('One').optional(),
  team_b: teamName('The other').optional(),
  market: market.optional(),
  all_markets: z
    .boolean()
    .optional()
    .describe('Every market the match offers, not only the result and the asked one: for "what can I bet on in that game?"'),
  stake: stake.optional().describe('Only when the user named a stake: adds what it returns'),
});

export const payoutInput = z.object({
  stake,
  odds: z.array(z.number().gt(1).max(1000)).min(1).max(12).describe('Decimal odds taken from get_odds, one per selection'),
});

const line = z.number().min(-100).max(500).describe('The line of an over/under or handicap selection, e.g. 2.5, -1.5 or a basketball total such as 230.5');

export const selectionInput = z.object({
  fixture_id: fixtureId.optional(),
  team_a: teamName('One').optional(),
  team_b: teamName('The other').optional(),
  market: market.optional(),
  line: line.optional(),
  outcome: z
    .string()
    .min(1)
    .describe('home | draw | away | a team name | over | under | yes | no | home_or_draw | away_or_draw | home_or_away'),
});

export const proposeBetInput = z.object({ stake, selections: z.array(selectionInput).min(1).max(12) });

export const updateSlipInput = z.object({
  stake: stake.optional().describe('The new stake, when the user named one'),
  stake_factor: z.number().positive().max(100).optional().describe('Multiply the stake: "double it" = 2, "half" = 0.5'),
  change: z
    .object({
      team: teamName('The team of the selection to change, or a new team to back instead').optional(),
      market: market.optional(),
      line: line.optional(),
      outcome: z
        .string()
        .min(1)
        .optional()
        .describe('The new outcome: home | draw | away | a team name | over | under | yes | no | home_or_draw | away_or_draw | home_or_away'),
    })
    .optional()
    .describe('Replace one selection: another outcome or market of the same match, or another team'),
  add: selectionInput.optional().describe('Add a selection of another match (makes a parlay)'),
  remove_team: teamName('Remove the selection on this').optional(),
});

export const recommendationsInput = z.object({
  tournament: z.string().optional().describe('Tournament or league name'),
  team: teamName('A').optional(),
  date_from: isoDate.optional(),
  date_to: isoDate.optional(),
  limit: z.number().int().min(1).max(10).optional().describe('How many picks (default 3)'),
  stake: z
    .number()
    .positive()
    .optional()
    .describe('The stake the user named, to show what each pick returns. Never invent one.'),
  style: z
    .enum(PICK_STYLES)
    .optional()
    .describe(
      'safe = the likeliest outcomes; value = the fairest-priced markets (lowest margin); underdog = sides the market does not favour. Omit for a mix.',
    ),
});

export type TournamentsInput = z.infer<typeof tournamentsInput>;
export type FixturesInput = z.infer<typeof fixturesInput>;
export type FindMatchInput = z.infer<typeof findMatchInput>;
export type OddsInput = z.infer<typeof oddsInput>;
export type SelectionInput = z.infer<typeof selectionInput>;
export type ProposeBetInput = z.infer<typeof proposeBetInput>;
export type RecommendationsInput = z.infer<typeof recommendationsInput>;
export type UpdateSlipInput = z.infer<typeof updateSlipInput>;
/** Where a fixture is named: by id or by team names. */
export type MatchRef = Pick<OddsInput, 'fixture_id' | 'team_a' | 'team_b'>;
