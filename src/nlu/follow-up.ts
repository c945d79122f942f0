import type { Entities, Intent } from '../common/protocol';
import { foldAccents } from '../common/text';
import type { NluContext, NluResult } from './nlu.types';

/**
 * Follow-ups borrow what they leave out from the conversation: "and for Atletico?" keeps the
 * previous question with a new team; "how much would 40 pay on them" keeps the teams; "the
 * away side" picks the second team of the previous match.
 */

/** Intents whose answers need teams or tournaments, so they may inherit them. */
const ENTITY_INTENTS = new Set<Intent>([
  'MATCH_SCHEDULE_QUERY',
  'ODDS_INFORMATION_QUERY',
  'BETTING_RECOMMENDATION',
  'TEAM_COMPARISON',
  'TOURNAMENT_INFO',
  'BET_SIMULATION',
]);

// "and Fiorentina?", "what about over 2.5", "¿y el Betis?", "e o Grêmio?" (opening marks allowed)
// (an acknowledgement may come first: "cool, and the draw?", "vale, ¿y el Betis?", "beleza, e o Grêmio?")
const ELLIPTIC =
  /^[\s¿¡"'(]*(?:(?:ok|okay|cool|nice|great|right|alright|thanks|thx|cheers|ta|sweet|lovely|perfect|got it|beleza|valeu|vlw|ta bom|entendi|blz|show|certo|perfeito|obrigad[oa]|vale|dale|bueno|bien|perfecto|gracias)[\s,.!¿¡]+)?(?:and|&|also|plus|what about|how about|same for|now for|now|y|e|tambien|y que tal|que tal|lo mismo|o mesmo|a mesma|agora|ahora|ok and|ok y|ok e)\b/;
/** The other side of the match just discussed: "their opponents", "other side?", "el otro lado", "o outro time". */
const OTHER_SIDE =
  /\b(?:(?:their|the) opponents?|the other (?:team|side|one)|other (?:team|side)|(?:el|al|del) (?:otro(?: equipo| lado)?|rival)|(?:o|no|do|pro) (?:outro(?: time| lado)?|adversario|rival))\b/;
/** How long a follow-up about the other side may be: "ok so what about their opponents then". */
const MAX_OTHER_SIDE_WORDS = 8;
const AWAY_SIDE =
  /\b(?:away (?:side|team)s?|visitors?|visiting (?:side|team)|visitantes?|equipo visitante|time visitante|fora de casa)\b/;
const HOME_SIDE =
  /\b(?:home (?:side|team)s?|hosts?|locales?|equipo local|mandantes?|time da casa|dono da casa)\b/;
const PLURAL_SIDES = /\b(?:home|away) (?:sides|teams)\b|\b(?:locales|visitantes|mandantes)\b/;
const BOTH = /\b(?:both|ambos|os dois|los dos|as duas|ambas)\b/;
// A question about matches in general ("which games are on Saturday", "¿qué partidos hay hoy?",
// "quais jogos tem amanhã") asks for the whole list, not for the team of the previous turn…
const GENERAL_LISTING =
  /\b(?:(?:what|which|any|all|list)\b(?:\s+\w+){0,3}?\s+(?:matches|games|fixtures)|what'?s on|(?:que|cuales|hay|todos los)\b(?:\s+\w+){0,2}?\s+(?:partidos|juegos|encuentros)|(?:quais|que|tem|todos os)\b(?:\s+\w+){0,2}?\s+(?:jogos|partidas))\b/;
// …unless it points back at that team ("what are their games on Saturday?").
const BACK_REFERENCE =
  /\b(?:their|they|them|his|its|those|these|sus|su|ellos|esos|estos|deles|dele|dela|delas|seus|suas|esses|estes)\b/;

// "what leagues do you have?", "¿qué ligas hay?", "quais campeonatos vocês têm?": the book's
// competitions, not the one named last…
const COMPETITIONS_LISTED =
  /\b(?:(?:what|which|any|all|every|list|other)\b(?:\s+\w+){0,3}?\s+(?:leagues?|competitions?|tournaments?|championships?)|(?:que|cuales|hay|todas las|todos los|otras|otros)\b(?:\s+\w+){0,2}?\s+(?:ligas?|torneos?|competiciones|campeonatos?)|(?:quais|que|tem|todas as|todos os|outras|outros)\b(?:\s+\w+){0,2}?\s+(?:ligas?|torneios?|competicoes|campeonatos?))\b/;
// …unless it points back at it ("which league is that in?", "¿en qué liga juega ese?"). Not "esta":
// folded, it is also "está".
const POINTS_BACK = /\b(?:it|that|this|ese|esa|eso|este|esse|essa|isso|ela|ele)\b/;

export interface Understanding {
  intent: Intent;
  confidence: number;
  entities: Entities;
}

export interface FollowUpResult extends Understanding {
  inherited: boolean;
}

/**
 * @param teamsOf resolves the teams named in an earlier message (for "both home teams").
 * @param lowConfidence below this the classifier's intent yields to the previous turn's on an elliptic follow-up.
 */
/** What a follow-up may ask of the same match instead of the previous question. */
const ASKED_OF_A_MATCH: ReadonlySet<Intent> = new Set(['ODDS_INFORMATION_QUERY', 'MATCH_SCHEDULE_QUERY']);
/** A payout asked of a stake: "what would 40 pay", "¿cuánto me dan con 20?", "quanto volta 40?". */
const PAYOUT_ASKED =
  /\b(?:pay|pays|return|returns|win|payout|paga|pagan|pagaria|dan|da|gano|ganaria|volta|rende|ganho|ganharia|retorno)\b/;
/** Intents a classifier gives a message that names a market and little else. */
const VAGUE: ReadonlySet<Intent> = new Set(['GENERAL_SPORTS_QUERY', 'UNCLEAR', 'HELP_REQUEST']);
/** How long a message naming only a market may be to ask it of the match just discussed ("o/u points?"). */
const MAX_BARE_MARKET_WORDS = 4;
/** "and how does the handicap work?", "¿y qué significa hándicap?": a market explained, not priced… */
const EXPLAINS =
  /\b(?:how (?:does|do|is)|works?|means?|meaning|explain|como funciona|funciona|significa|quiere decir|quer dizer|explica|help|ayuda|ajuda|understand|entender)\b/;
/** …as "what is btts?" is, unless it asks a price ("what's the points line?"). */
const WHAT_IS = /\b(?:what (?:is|are)|what'?s|que (?:es|son)|o que (?:e|sao))\b/;
const PRICE_WORDS = /\b(?:lines?|prices?|odds?|pays?|paying|cuotas?|linea|paga|pagan|linha|cotac(?:ao|oes)|quanto|cuanto|how much)\b/;
/** Words that say what a question asks: odds, a kick-off, a payout. */
const OWN_TOPIC =
  /\b(?:odds?|cuotas?|momios|prices?|priced|cotac(?:ao|oes)|when|cuando|quando|what time|a que hora|que horas?|kick ?off|how much|payout|pays?|cuanto (?:paga|pagan|gano|ganaria|me dan|me da)|a cuanto (?:esta|estan|se paga|lo pagan)|quanto (?:da|paga|pagam|rende|volta|ganho|ganharia|eu ganho|ta|esta|tao|estao)|draw|empate|over|under|btts)\b/;

export function applyFollowUp(
  text: string,
  current: Understanding,
  context: NluContext,
  teamsOf: (message: string) => string[],
  lowConfidence = 0.8,
): FollowUpResult {
  const previous = context.previous;
  if (!previous) return { ...current, inherited: false };
  const folded = foldAccents(text);
  const wordCount = folded.split(/\s+/).filter(Boolean).length;
  // "ok what about their opponents", "e se eu for no outro time?": the same question of the other side.
  const otherSide = wordCount <= MAX_OTHER_SIDE_WORDS && OTHER_SIDE.test(folded);
  const elliptic = ELLIPTIC.test(folded) || otherSide;
  const ownNames = current.entities.teams.length > 0 || current.entities.tournaments.length > 0;
  const ownAnything = ownNames || current.entities.markets.length > 0 || current.entities.amounts.length > 0;

  let { intent, confidence } = current;
  const previousAsksAboutSport = ENTITY_INTENTS.has(previous.intent);
  // "and under 3.5?", "¿y el Betis?": a short elliptic message asks the previous question again.
  const shortElliptic = elliptic && (wordCount <= 4 || otherSide);
  // "e o total de pontos?", "and the goal line for that one?", a bare "o/u points?": another market
  // of the same subject, which the classifier may hear as a question about the market itself.
  const anotherMarket =
    (elliptic || (wordCount <= MAX_BARE_MARKET_WORDS && !ownNames)) &&
    current.entities.markets.length > 0 &&
    VAGUE.has(intent) &&
    !EXPLAINS.test(folded) &&
    (!WHAT_IS.test(folded) || PRICE_WORDS.test(folded));
  // "¿y sus cuotas?" after a kick-off, "e quanto dá 30 nele?" after odds: a follow-up that names its
  // own question is that question, about the same subject.
  // "e quanto volta 40 nele?": what a stake on the same match pays, shown with its prices.
  if (previousAsksAboutSport && intent !== 'BET_SIMULATION' && current.entities.amounts.length > 0 && PAYOUT_ASKED.test(folded))
    intent = 'ODDS_INFORMATION_QUERY';
  const ownQuestion = intent !== previous.intent && ASKED_OF_A_MATCH.has(intent) && OWN_TOPIC.test(folded);
  if (
    previousAsksAboutSport &&
    !ownQuestion &&
    ((elliptic && (shortElliptic || confidence < lowConfidence)) || anotherMarket || (intent === 'UNCLEAR' && ownAnything))
  ) {
    // "and the over?" after a bet: a question of its price (with that stake's payout), not a new bet
    // that would replace the slip; "and 20 on the over" is still a bet.
    // A bet that found no team ("10 on Getafe": not offered) made no slip: "¿y al Rayo?" asks the same bet.
    const priceOfABet =
      previous.intent === 'BET_SIMULATION' && !previous.unknown && text.includes('?') && current.entities.amounts.length === 0;
    intent = priceOfABet ? 'ODDS_INFORMATION_QUERY' : previous.intent;
    confidence = Math.max(confidence, Math.min(0.85, previous.confidence));
  }
  // "e do Benfica?" after a question about a league: a team asks for its matches, not a league's list.
  if (intent === 'TOURNAMENT_INFO' && previous.intent === 'TOURNAMENT_INFO' && current.entities.teams.length > 0 && current.entities.tournaments.length === 0)
    intent = 'MATCH_SCHEDULE_QUERY';
  // "and on Lazio to win?" after what a stake pays: a question naming no stake of its own asks the same.
  if (elliptic && previous.intent === 'ODDS_INFORMATION_QUERY' && intent === 'BET_SIMULATION' && text.includes('?') && current.entities.amounts.length === 0)
    intent = previous.intent;
  if (!ENTITY_INTENTS.has(intent))
    return { intent, confidence, entities: current.entities, inherited: false };

  const entities: Entities = { ...current.entities };
  let inherited = false;
  if (!ownNames) {
    const sides = pickSides(folded, previous.entities.teams, context.previousUserMessages, teamsOf);
    // Tips for a day ("any tips for tonight?") are tips for that day, not for the last team named;
    // "and tomorrow?" asks the previous question again.
    const tipsForADay = intent === 'BETTING_RECOMMENDATION' && current.entities.dates.length > 0 && !elliptic;
    const general = !sides && (GENERAL_LISTING.test(folded) || tipsForADay) && !BACK_REFERENCE.test(folded);
    // A team just taken off the slip ("remove Barcelona") is not what the next message is about.
    const removed = previous.slip?.removesLeg === true;
    const allCompetitions =
      intent === 'TOURNAMENT_INFO' && !elliptic && COMPETITIONS_LISTED.test(folded) && !BACK_REFERENCE.test(folded) && !POINTS_BACK.test(folded);
    entities.teams = sides ?? (general || removed || allCompetitions ? [] : previous.entities.teams);
    entities.tournaments = sides || allCompetitions ? [] : previous.entities.tournaments;
    if (entities.dates.length === 0) entities.dates = previous.entities.dates;
    inherited = entities.teams.length + entities.tournaments.length > 0;
  }
  // "and if City win?" after the odds of United - City: a side of the match just priced is
  // still that match, the side named first.
  const [named] = current.entities.teams;
  const [home, away] = previous.entities.teams;
  const sideOfThatMatch =
    elliptic &&
    current.entities.teams.length === 1 &&
    previous.entities.teams.length === 2 &&
    (named === home || named === away) &&
    intent === 'ODDS_INFORMATION_QUERY' &&
    previous.intent === 'ODDS_INFORMATION_QUERY';
  if (sideOfThatMatch) {
    entities.teams = named === home ? [home, away] : [away, home];
    inherited = true;
  }
  if (elliptic) {
    if (entities.markets.length === 0 && previous.entities.markets.length > 0)
      entities.markets = previous.entities.markets;
    if (entities.amounts.length === 0 && previous.entities.amounts.length > 0)
      entities.amounts = previous.entities.amounts;
    if (entities.dates.length === 0 && previous.entities.dates.length > 0)
      entities.dates = previous.entities.dates;
    inherited = true;
  }
  return { intent, confidence, entities, inherited };
}

/** "the away side" → second team of the last match; "both home teams" → first team of each of the last two matches. */
function pickSides(
  folded: string,
  previousTeams: string[],
  previousMessages: string[],
  teamsOf: (m: string) => string[],
): string[] | undefined {
  const away = AWAY_SIDE.test(folded);
  const home = HOME_SIDE.test(folded);
  if (!away && !home) return undefined;
  const side = away && !home ? 1 : 0;
  if (PLURAL_SIDES.test(folded)) {
    const matches = previousMessages.map(teamsOf).filter((teams) => teams.length >= 2);
    const recent = matches.slice(BOTH.test(folded) ? -2 : -3);
    if (recent.length > 0) return [...new Set(recent.map((teams) => teams[side]))];
  }
  return previousTeams.length >= 2 ? [previousTeams[side]] : undefined;
}

/** What a message may have been read as and still only ask the previous kick-off on another clock. */
const CLOCK_ONLY: ReadonlySet<Intent> = new Set(['UNCLEAR', 'MATCH_SCHEDULE_QUERY', 'GENERAL_SPORTS_QUERY', 'HELP_REQUEST']);

/**
 * "what's that on Denver time", "¿y en Lima a qué hora cae?", "tô em Recife" right after a kick-off
 * answer: a message that names a clock and nothing else asks that kick-off again on that clock.
 * The caller has read the zone (`result.timezone`); this takes the previous turn's teams,
 * tournaments and dates. Changes `result` in place and says whether it did.
 */
export function askedOnAnotherClock(result: NluResult, own: Entities, context: NluContext): boolean {
  const previous = context.previous;
  if (!previous || !CLOCK_ONLY.has(result.intent)) return false;
  if (own.teams.length + own.tournaments.length + own.amounts.length > 0) return false;
  const earlier = previous.entities;
  if (earlier.teams.length + earlier.tournaments.length + earlier.dates.length === 0) return false;
  result.intent = 'MATCH_SCHEDULE_QUERY';
  result.confidence = Math.max(result.confidence, 0.8);
  result.entities = {
    ...result.entities,
    teams: earlier.teams,
    tournaments: earlier.tournaments,
    dates: own.dates.length ? own.dates : earlier.dates,
    markets: [],
    amounts: [],
  };
  result.inherited = true;
  return true;
}
