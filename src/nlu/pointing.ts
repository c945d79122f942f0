import { type Entities, type Intent, type MarketKey, marketOfPick, SIDED_MARKETS, sideOutcome } from '../common/protocol';
import { foldAccents, normalizeName, sameTeam } from '../common/text';
import type { AnswerFocus, ListedMatch, NluContext, NluResult } from './nlu.types';
import type { SlipReading } from './slip-reader';

/**
 * What a message points at in the previous answer: "put 20 on it" after a pick, "odds for the
 * second one" after a listing. The session stores what an answer put forward with its turn
 * (NluResult.answerFocus, answerListing); a message that names no team of its own and points back
 * is then about that match, or that selection of it. Each reader changes `result` in place and
 * says whether it did.
 */

/**
 * "odds for the first one", "¿cuánto paga el empate del segundo?", "10 no terceiro jogo": a match
 * the previous answer listed, by its place in the list. The message is about that match (and the
 * outcome it names, if any); a stake makes it a bet on it.
 */
export function pointAtListing(text: string, result: NluResult, own: Entities, context: NluContext): boolean {
  const listing = context.previous?.answerListing;
  if (!listing?.length || own.teams.length > 0 || result.slip?.act === 'cancel') return false;
  const ordinal = ORDINAL.exec(foldAccents(text));
  if (!ordinal) return false;
  const place = ORDINAL_PLACES[ordinal[1]];
  const match = listing.at(place === LAST ? -1 : place);
  if (!match) return false;
  const stake = result.slip?.stake ?? own.amounts[0];
  const asked = result.intent === 'MATCH_SCHEDULE_QUERY' || result.intent === 'ODDS_INFORMATION_QUERY' ? result.intent : 'ODDS_INFORMATION_QUERY';
  aimAt(result, selectionIn(match, result.slip, own.markets), stake !== undefined ? 'BET_SIMULATION' : asked, stake);
  return true;
}

/**
 * "put 20 on it", "how much does 15 on that pay", "what time is that in Madrid?": a message that
 * points at the selection the previous answer put forward (its top pick) is about that selection —
 * a bet or payout when it names a stake, its kick-off when it asks the time, its price when it
 * asks the odds.
 */
export function pointAtFocus(text: string, result: NluResult, own: Entities, context: NluContext): boolean {
  const focus = context.previous?.answerFocus;
  if (!focus || own.teams.length > 0 || own.tournaments.length > 0) return false;
  const stake = result.slip?.stake ?? own.amounts[0];
  // "ok, 20 on it", "métele 15 a eso": a stake on the pick; without one, "cancel it" or "change
  // it" is about the open slip.
  if (result.slip?.act && (result.slip.act === 'cancel' || stake === undefined)) return false;
  const folded = foldAccents(text);
  const pointsBack = POINTS_BACK.test(folded) || (stake !== undefined && (result.slip?.amountOnly || result.slip?.wantsBet));
  if (!pointsBack) return false;
  let intent: Intent | undefined;
  if (stake !== undefined) intent = 'BET_SIMULATION';
  else if (result.timezone || ASKS_TIME.test(folded) || result.intent === 'MATCH_SCHEDULE_QUERY') intent = 'MATCH_SCHEDULE_QUERY';
  else if (result.intent === 'ODDS_INFORMATION_QUERY') intent = 'ODDS_INFORMATION_QUERY';
  if (!intent) return false;
  // "20 on the under" after a total's two prices: the match and market pointed at, the outcome named.
  const named = result.slip?.outcome;
  const completed = focus.outcome === undefined && named && marketOfPick(named) === focus.market ? { ...focus, outcome: named } : focus;
  aimAt(result, completed, intent, stake);
  return true;
}

/** Questions a team of the match just discussed asks of that match (a kick-off or a list asks of the team). */
const ASKED_OF_THE_MATCH: ReadonlySet<Intent> = new Set(['ODDS_INFORMATION_QUERY', 'BET_SIMULATION']);

/**
 * "e o Spurs?" after Liverpool v Tottenham's kick-off, "40 on the Warriors" after the Lakers
 * game's: a team of the match the previous answer was about, named alone, is that team in that
 * match (its price there, a bet on its side there), not its next match elsewhere.
 */
export function pointAtMatch(result: NluResult, own: Entities, context: NluContext): boolean {
  const match = context.previous?.answerMatch;
  if (!match || own.teams.length !== 1 || own.tournaments.length > 0 || own.dates.length > 0) return false;
  // "passa os 10 pro Villa", "add Roma too" are about the open slip: the slip's own reading settles them.
  if (!ASKED_OF_THE_MATCH.has(result.intent) || result.slip?.act || result.slip?.addsLeg || result.slip?.removesLeg) return false;
  const [team] = own.teams;
  const side = sameTeam(match.home_team, team) ? 'home' : sameTeam(match.away_team, team) ? 'away' : undefined;
  if (!side) return false;
  const market = result.entities.markets[0] ?? marketOfPick(result.slip?.outcome) ?? 'result';
  const named = result.slip?.outcome;
  // "Spurs or the draw": the side and the draw; "Spurs to win": the side; a total keeps its own outcome.
  const outcome = !SIDED_MARKETS.has(market)
    ? named
    : market === 'double_chance'
      ? sideOutcome(market, side)
      : named === 'draw' || (named !== undefined && named !== 'home' && named !== 'away' && named !== 'opponent')
        ? named
        : side;
  // The stake said now, or the one carried over from the question before ("and on Lazio?").
  const stake = result.slip?.stake ?? result.entities.amounts[0];
  aimAt(result, { ...match, market, ...(outcome ? { outcome } : {}) }, result.intent, stake);
  return true;
}

/**
 * "Atletico Madrid or Real Madrid?" → "real", "the first one", "o do Atlético", "Sporting", "os
 * colchoneros", "the hoops one": the answer to the question the previous answer asked, read against
 * the names it offered first (`pickAmong` reads the nicknames and sports of those names). The
 * message is then the previous one with that team: its intent, and its stake and market unless it
 * names its own.
 */
export function answerWhichTeam(
  text: string,
  result: NluResult,
  own: Entities,
  context: NluContext,
  pickAmong: (reply: string, candidates: string[]) => string | undefined,
): boolean {
  const asked = context.previous?.ambiguous?.[0];
  if (!asked || result.slip?.act === 'cancel') return false;
  // A team of its own answers only when it is one of those offered: "Barcelona" is a new question.
  const chosen =
    own.teams.length > 0
      ? own.teams.length === 1 && asked.candidates.includes(own.teams[0])
        ? own.teams[0]
        : undefined
      : (chosenAmong(foldAccents(text), asked.candidates, asked.mention) ?? pickAmong(text, asked.candidates));
  if (!chosen) return false;
  const previous = context.previous!;
  result.intent = previous.intent;
  result.confidence = Math.max(result.confidence, 0.8);
  result.entities = {
    ...result.entities,
    teams: [chosen],
    amounts: own.amounts.length ? own.amounts : previous.entities.amounts,
    markets: own.markets.length ? own.markets : previous.entities.markets,
  };
  result.inherited = true;
  return true;
}

/** The one candidate the reply names by place ("the second one") or by a word of its own ("real", "heat"). */
function chosenAmong(folded: string, candidates: string[], mention: string): string | undefined {
  const ordinal = ORDINAL.exec(folded);
  if (ordinal) {
    const place = ORDINAL_PLACES[ordinal[1]];
    return candidates.at(place === LAST ? -1 : place);
  }
  const words = new Set(folded.split(/[^a-z0-9]+/));
  const shared = new Set(mention.split(' '));
  const fits = candidates.filter((name) =>
    normalizeName(name)
      .split(' ')
      .some((word) => word.length >= 3 && !shared.has(word) && words.has(word)),
  );
  return fits.length === 1 ? fits[0] : undefined;
}

/** The message is about `focus`: its match's teams, its market, the stake named; no slip act of its own. */
function aimAt(result: NluResult, focus: AnswerFocus, intent: Intent, stake: number | undefined): void {
  result.intent = intent;
  result.confidence = Math.max(result.confidence, 0.8);
  result.entities = {
    ...result.entities,
    teams: [focus.home_team, focus.away_team],
    tournaments: [],
    // The match is settled: the dates a listing was asked for no longer narrow anything.
    dates: [],
    markets: focus.market === 'result' ? [] : [focus.market],
    amounts: stake !== undefined ? [stake] : [],
  };
  result.inherited = true;
  result.focus = focus;
  if (result.slip?.act) delete result.slip.act;
}

/** A listed match with the selection the message names by its outcome ("the draw", "over 2.5", "ambos marcam"). */
function selectionIn(match: ListedMatch, slip: SlipReading | undefined, markets: MarketKey[]): AnswerFocus {
  const outcome = slip?.outcome;
  const market = marketOfPick(outcome);
  if (!outcome || !market) return { ...match, market: markets[0] ?? 'result' };
  const line = market === 'over_under' ? slip.line : undefined;
  return { ...match, market, outcome, ...(line !== undefined ? { line } : {}) };
}

/** A place in a listing: "the first one", "the 2nd match", "el primero", "del segundo", "o terceiro jogo", "the last one". */
const ORDINAL =
  /\b(?:the|el|la|lo|del|al|o|a|do|da|no|na|pro|pra)\s+(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|primero|primer|primera|segundo|segunda|tercero|tercer|tercera|cuarto|cuarta|quinto|quinta|ultimo|ultima|primeiro|terceiro|terceira|quarto|quarta)\b(?!\s+(?:half|goal|scorer|leg|tiempo|gol|goleador|tempo|set|quarter|cuarto|periodo|period))/;
const LAST = -1;
const ORDINAL_PLACES: Record<string, number> = {
  first: 0, '1st': 0, primero: 0, primer: 0, primera: 0, primeiro: 0,
  second: 1, '2nd': 1, segundo: 1, segunda: 1,
  third: 2, '3rd': 2, tercero: 2, tercer: 2, tercera: 2, terceiro: 2, terceira: 2,
  fourth: 3, '4th': 3, cuarto: 3, cuarta: 3, quarto: 3, quarta: 3,
  fifth: 4, '5th': 4, quinto: 4, quinta: 4,
  last: LAST, ultimo: LAST, ultima: LAST,
};

/** "it", "that one", "eso", "ahí", "esa apuesta", "isso", "nele", "aí": a pointer back at what was just put forward. */
const POINTS_BACK =
  /\b(?:it|that(?! (?:day|week|weekend|time|month))|this one|the (?:first|top) (?:one|pick)|(?:the|your|that|this) pick|eso|esto|(?:esa|ese|esta|este) (?:apuesta|pick|partido|juego|seleccion|uno|una)|isso|nisso|disso|(?:esse|essa|este|esta) (?:aposta|palpite|jogo|partida)|nele|nela|dele|dela|nessa|nesse|nesta|neste|ahi|ai)\b/;
/** Asks a time: "what time", "a qué hora", "que horas", "kick-off". */
const ASKS_TIME = /\b(?:what time|when|kick ?-?off|a que hora|que hora|cuando|que horas|a que horas|quando|horario)\b/;
