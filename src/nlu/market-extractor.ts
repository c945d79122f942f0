import type { MarketKey } from '../common/protocol';
import { foldAccents } from '../common/text';
import { WordGate } from './word-gate';

/**
 * Betting markets named in a message, as the sports API's keys. "X to win" names no market on
 * purpose (the result market is implied and the agent defaults to it); "1X2", "match result"
 * and "moneyline" name it explicitly.
 */
const PATTERNS: Array<[MarketKey, RegExp]> = [
  [
    'result',
    /\b1\s?x\s?2\b|\b(?:match|full[\s-]?time|final|ft|three[\s-]?way|3[\s-]?way)\s+result\b|\bmoney\s?line\b|\bmatch winner\b|\bresultado (?:final|del partido|do jogo|da partida)\b|\bganador del partido\b|\bvencedor da partida\b/,
  ],
  [
    'over_under',
    // A total of goals or of a basketball game's points: "over/under", "the overs", "goal line",
    // "total points", "línea de goles", "total de puntos", "linha de pontos", "altas y bajas".
    /\b(?:over|under|overs|unders)\s*[/-]?\s*(?:\d+(?:[.,]\d+)?|goals?|points?|under|over)\b|\b(?:mas|mais)\s*\/\s*menos\b|\bo\/u\b|\b(?:total|totales?|totais)\s+(?:de\s+)?(?:goals|goles|gols|points|puntos|pontos)\b|\b(?:goals|goles|gols|points|puntos|pontos)\s+(?:totales?|totais|total|line)\b|\b(?:mas|mais|menos|arriba|abajo)\s+de\s+(?:\d+[.,]5\b|\d+\s*(?:goles|gols|goals)\b)|\b(?:over|under)\s*\d|\b(?:overs|unders|totals)\b|\bgoals? line\b|\b(?:linea|linha)s? de (?:goles|gols|gol|puntos|pontos)\b|\baltas y bajas\b/,
  ],
  [
    'both_teams_to_score',
    /\bbtts\b|\bboth (?:teams |sides )?(?:to )?(?:score|scoring|net)\b|\bambos (?:equipos )?marcan\b|\bambas (?:equipes )?marcam\b|\bambos marcam\b|\bambos (?:equipos )?anotan\b|\b(?:ambas|ambos|os dois) (?:times |equipes )?nao (?:marcam|marcarem|marquem)\b|\b(?:marcan|anotan) los dos equipos\b|\bgoal\s?goal\b|\b(?:marquen|anoten|anotan|marcan|marcaran|anotaran|conviertan|convierten) (?:los dos|ambos)\b|\b(?:both|los dos|ambos|os dois|ambas) (?:get|bag|find) (?:a goal|on the scoresheet)\b|\b(?:marquem|marcam) (?:os dois|ambos|ambas)\b|\b(?:os |pros |dos )?dois times (?:marcarem|marcam|marcando|marquem)\b|\blos dos (?:equipos )?(?:marquen|anoten|marcan)\b/,
  ],
  [
    'double_chance',
    // "Flamengo ou empate", "Inter or the draw", "empate o Betis": a side and the draw together.
    /\bdouble[\s-]?chance\b|\bdoble oportunidad\b|\bdupla (?:chance|hipotese)\b|\bchance dupla\b|\bdoble chance\b|(?<![\d.])\b(?:1x|x2)\b(?!\s?2)|\b(?:or|ou) (?:a |the |el |o )?(?:draw|tie|empate)\b|\b(?:draw|empate) (?:or|ou|o)\s+\S|\bgana o empata\b|\bque no pierda\b|\bno pierde\b|\bnao perde\b|\bganha ou empata\b/,
  ],
  ['handicap', /\bh[aá]ndicap\b|\bspread\b|\basian line\b|\b(?:ah|eh)\s?[+-]\d/],
  [
    'half_time_result',
    // The score at the break: "half-time", "at the break", "al descanso", "primera mitad", "no intervalo".
    /\bhalf[\s-]?time\b|\bht\b|\b(?:1st|first) half\b|\bat the break\b|\bmedio\s?tiempo\b|\bprimer tiempo\b|\bprimera (?:mitad|parte)\b|\bal descanso\b|\bprimeiro tempo\b|\b1\s?[oº°]?\s?tempo\b|\bprimeira etapa\b|\bentretiempo\b|\bintervalo\b|\bmeio[\s-]tempo\b/,
  ],
];

/** Most messages name no market: the gate, worked out once from the patterns, spares them the scans. */
const MARKET_WORDS = new WordGate(PATTERNS.map(([, pattern]) => pattern));

/**
 * A team's name (blanked by the NLU) then "o empate": Spanish for the team or the draw, the double
 * chance; Portuguese "paga o empate" has a word there. Kept out of the gated patterns, which it
 * would open for every message: it is read only when the draw is named.
 */
const BLANKED_SIDE_OR_DRAW = /\s{2,}(?:o|or|ou) (?:el |the |a )?(?:empate|draw)\b/;
const NAMES_THE_DRAW = /empate|draw/;

export class MarketExtractor {
  extract(text: string): MarketKey[] {
    const folded = MARKET_WORDS.scan(foldAccents(text));
    const found: Array<[number, MarketKey]> = [];
    for (const [market, pattern] of PATTERNS) {
      const m = folded.exec(pattern) ?? (market === 'double_chance' && NAMES_THE_DRAW.test(folded.text) ? BLANKED_SIDE_OR_DRAW.exec(folded.text) : null);
      if (m) found.push([m.index, market]);
    }
    return found.sort((a, b) => a[0] - b[0]).map(([, market]) => market);
  }
}

/** The markets of a match asked for as such: "which markets are there", "qué mercados hay", "quais mercados tem". */
const MARKETS_OF_A_MATCH =
  /\b(?:what|which) (?:other |else |betting )?markets\b|\bmarkets? (?:are |is )?(?:there|offered|available|open)\b|\b(?:what|which) markets? (?:do|does|can|are|is)\b|\b(?:que|cuales|quais|que otros|quais outros|outros|otros) mercados\b|\bmercados? (?:hay|tiene|tienen|ofrecen|disponibles?|abiertos|tem|ha|existem|oferecem|disponive(?:l|is))\b/;
/** What else a match can be bet on: "what can I bet on in that game?", "¿a qué le puedo apostar?", "o que dá pra apostar?". */
const WHAT_TO_BET_ON =
  /\bwhat (?:else |other bets )?(?:can|could) (?:i|we|you) (?:bet|wager|back|play)(?: on)?\b|\bwhat (?:bets|options|bet types) (?:are there|do (?:i|you) have|can i (?:make|place)|are available|do you offer)\b|\b(?:que|a que) (?:mas |otra cosa )?(?:le )?(?:puedo|podemos|se puede) apostar\b|\bque (?:apuestas|opciones) (?:hay|tienen|tengo|ofrecen)\b|\b(?:o que|em que) (?:mais )?(?:eu )?(?:posso|podemos|da pra|da para|se pode) apostar\b|\bque (?:apostas|opcoes) (?:tem|ha|existem|voces tem)\b/;
/** Right after a market that is not offered, "what do you have then?", "¿cuáles hay?", "quais tem?" asks for those that are. */
const WHICH_ARE_THERE =
  /\bwhat (?:do you have|have you got|is there|'?s there|do you offer|is available|'?s available|is offered)\b|\bwhich (?:ones|do you have|are there|are available)\b|\b(?:cuales|que) (?:hay|tienen|tienes|ofrecen|si hay)\b|\b(?:quais|o que) (?:tem|ha|existem|sao|voces tem|vcs tem|voce tem|oferecem)\b|\bque tem\b/;

/** A match pointed at: "that game", "it", "then", "ese partido", "nesse jogo", "então". */
const A_MATCH = /\b(?:(?:that|this|the) (?:game|match|fixture|one)|it|then|(?:ese|este|el) (?:partido|juego|encuentro)|(?:nesse|neste|esse|este|no) (?:jogo|partida)|entonces|entao)\b/;

/**
 * The message asks which markets a match can be bet on: in so many words ("which markets does
 * the Ajax game have?"), by asking what a named or pointed-at match can be bet on ("what else can
 * I bet on in that match?"; "what can I bet on this weekend?" is another question), or right
 * after a market that is not offered, by asking what there is ("quais tem então?").
 */
export function asksForMarkets(text: string, context: { namesTeam: boolean; afterUnofferedMarket: boolean }): boolean {
  const folded = foldAccents(text);
  if (MARKETS_OF_A_MATCH.test(folded)) return true;
  if (WHAT_TO_BET_ON.test(folded)) return context.namesTeam || context.afterUnofferedMarket || A_MATCH.test(folded);
  return context.afterUnofferedMarket && WHICH_ARE_THERE.test(folded);
}
