import type { StructuredToolInterface } from '@langchain/core/tools';
import { BettingQueries } from './betting-queries';
import { bettingTool } from './direct-tool';
import type { ToolNameResolver } from './name-resolver';
import type { SportsData } from './sports-data.port';
import {
  findMatchInput,
  fixturesInput,
  noArguments,
  oddsInput,
  payoutInput,
  proposeBetInput,
  recommendationsInput,
  tournamentsInput,
  updateSlipInput,
} from './tool-schemas';
import { turnOf } from './tool-turn';
import { payout } from './tool-views';

export { PROPOSAL_TTL_MS } from './betting-queries';
export type { ToolTurn } from './tool-turn';

export const TOOL_NAMES = [
  'get_sports',
  'get_tournaments',
  'get_fixtures',
  'find_match',
  'get_odds',
  'calculate_payout',
  'get_user_balance',
  'propose_bet',
  'update_bet_slip',
  'cancel_bet_slip',
  'show_bet_slip',
  'get_recommendations',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** The tools that change or show a slip already open. */
export const SLIP_CHANGE_TOOLS: ReadonlySet<string> = new Set<ToolName>(['update_bet_slip', 'cancel_bet_slip', 'show_bet_slip']);
/** Every tool that acts on the bet slip, opening one included: a turn that ran one was about a bet. */
export const SLIP_TOOLS: ReadonlySet<string> = new Set<string>(['propose_bet', ...SLIP_CHANGE_TOOLS]);

/**
 * The tools' declarations: name, what a model reads about each, its argument schema, and the
 * query behind it. Built once per process (schemas are costly to build and to bind to a model).
 */
export class BettingTools {
  private readonly queries: BettingQueries;
  private built?: StructuredToolInterface[];

  constructor(data: SportsData, names: ToolNameResolver, now: () => Date = () => new Date()) {
    this.queries = new BettingQueries(data, names, now);
  }

  /**
   * Who a call acts for travels in the run config (`configurable.turn`), which only the agent
   * sets: a model cannot name another user.
   */
  all(): StructuredToolInterface[] {
    this.built ??= this.build();
    return this.built;
  }

  private build(): StructuredToolInterface[] {
    const q = this.queries;
    return [
      bettingTool(async (_input, config) => q.sports(turnOf(config), config.signal), {
        name: 'get_sports',
        description: 'List the sports the sportsbook offers (id and name).',
        schema: noArguments,
      }),
      bettingTool(async (input, config) => q.tournaments(input, turnOf(config), config.signal), {
        name: 'get_tournaments',
        description:
          'List tournaments/leagues with ids. Optionally only one sport (sport_id from get_sports).',
        schema: tournamentsInput,
      }),
      bettingTool(async (input, config) => q.fixtures(input, turnOf(config), config.signal), {
        name: 'get_fixtures',
        description:
          'Upcoming and live matches with start times (UTC). Filter by tournament name, team name and/or a date range (YYYY-MM-DD, inclusive).',
        schema: fixturesInput,
      }),
      bettingTool(async (input, config) => q.findMatch(input, turnOf(config), config.signal), {
        name: 'find_match',
        description:
          'Find the next (or live) match of a team, or between two teams. Returns the fixture with its ids.',
        schema: findMatchInput,
      }),
      bettingTool(async (input, config) => q.odds(input, turnOf(config), config.signal), {
        name: 'get_odds',
        description:
          'Current decimal odds of a match (by fixture_id or team names): the 1X2 result market plus the asked market (or every market it offers, with all_markets), with implied probabilities and margin; with a stake, what it returns.',
        schema: oddsInput,
      }),
      bettingTool(async (input) => Promise.resolve(payout(input.stake, input.odds)), {
        name: 'calculate_payout',
        description:
          'What a stake returns at the given decimal odds. One odd = single bet; several = parlay (odds multiplied). Returns combined_odd, potential_return and profit.',
        schema: payoutInput,
      }),
      bettingTool(async (_input, config) => q.balance(turnOf(config), config.signal), {
        name: 'get_user_balance',
        description: "The current user's balance (always the user of this conversation).",
        schema: noArguments,
      }),
      bettingTool(async (input, config) => q.proposeBet(input, turnOf(config), config.signal), {
        name: 'propose_bet',
        description:
          "Prepare a bet slip with live odds for the user to confirm, replacing the conversation's open slip. It does NOT place the bet: only the user can, by pressing Confirm. Call it only with a stake the user gave; never invent one. Several selections make a parlay.",
        schema: proposeBetInput,
      }),
      bettingTool(async (input, config) => q.updateSlip(input, turnOf(config), config.signal), {
        name: 'update_bet_slip',
        description:
          'Change the open bet slip as the user asks ("make it 80", "the draw instead", "over 2.5 instead", "add Napoli"): a new slip at live prices replaces it. Not placed either.',
        schema: updateSlipInput,
      }),
      bettingTool(async (_input, config) => q.cancelSlip(turnOf(config)), {
        name: 'cancel_bet_slip',
        description: 'Cancel (withdraw) the open bet slip when the user says so. Fails when there is none.',
        schema: noArguments,
      }),
      bettingTool(async (_input, config) => Promise.resolve(q.showSlip(turnOf(config))), {
        name: 'show_bet_slip',
        description:
          'Show the open bet slip again, unchanged. Use it when the user asks in chat to place or confirm the bet: chat cannot place bets, so offer the slip for them to press Confirm.',
        schema: noArguments,
      }),
      bettingTool(async (input, config) => q.recommendations(input, turnOf(config), config.signal), {
        name: 'get_recommendations',
        description:
          'Picks derived from the odds (the strongest favourite, the lowest-margin market, a double-chance cover for close games), each with implied probability, margin and reasoning. Filter by tournament, team or dates.',
        schema: recommendationsInput,
      }),
    ];
  }
}
