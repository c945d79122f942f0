import { foldAccents } from '../common/text';
import { type GateScan, WordGate } from './word-gate';
import { hasSpeltNegativeAmount } from './amount-extractor';

/** What a message does to the conversation's bet slip. */
export type SlipAct = 'cancel' | 'confirm' | 'change' | 'show';

/** A stake the message names that cannot be used as one. */
export type StakeIssue = 'zero' | 'negative' | 'unreadable' | 'everything';

/** An outcome named relative to the slip: "the draw instead", "the other side", "under". */
export type SlipOutcome = 'draw' | 'opponent' | 'over' | 'under' | 'yes' | 'no' | 'home' | 'away';

/**
 * The bet-slip reading of one message: what it does to an open slip, and what it says about a
 * stake. Function words and verbs carry it ("make it", "instead", "cancela", "pode confirmar"),
 * not team names, so it reads messages it has never seen. Whether a slip is open is the
 * engine's business: "cancel that" with nothing open gets "nothing to cancel".
 */
export interface SlipReading {
  act?: SlipAct;
  /** The message asks for a bet to be made ("put a bet on…", "quiero apostarle a…"). */
  wantsBet?: boolean;
  /** A stake named in a change or a short reply ("make it 80", "súbelo a 45", "fifty bucks then"). */
  stake?: number;
  /** "double it" → 2, "half" → 0.5. */
  stakeFactor?: number;
  stakeIssue?: StakeIssue;
  outcome?: SlipOutcome;
  /** The line named with over/under ("under 2.5"). */
  line?: number;
  /** "add …", "y agrega …", "coloca também…": a leg for a parlay. */
  addsLeg?: boolean;
  /** "remove …", "quita …", "tira …". */
  removesLeg?: boolean;
  /** The message is little more than an amount ("40 then", "uns 25 reais", "pon 60"). */
  amountOnly?: boolean;
  /** A short statement naming only a pick ("the draw then", "other side", "no empate"): aimed at an open slip. */
  aimsOnly?: boolean;
  /** "what's the return on that?", "¿cuánto me llevo?", "quanto eu ganho?": what the bet pays, asked. */
  asksPayout?: boolean;
  /** "what if I doubled it?", "y si le pongo 50?", "e se eu dobrar?": a stake imagined, the slip left as it is. */
  hypothetical?: boolean;
}

const CANCEL = new RegExp(
  [
    // en
    String.raw`\bcancel+(?:ed|ing)?\b`,
    String.raw`\bscrap\b`,
    String.raw`\bforget (?:it|that|about it|the bet|this)\b`,
    String.raw`\bnever ?mind\b`,
    String.raw`\bchanged my mind\b`,
    String.raw`\bcall it off\b`,
    String.raw`\bscratch (?:that|it)\b`,
    String.raw`\b(?:drop|kill|delete|remove|ditch|bin) (?:it|that|the bet|the slip|this bet|that bet)\b`,
    String.raw`\bdon'?t (?:place|bet|do) it\b`,
    // Not "draw no bet" (a market) nor "no bet builder?".
    String.raw`(?<!\bdraw )\bno (?:bet|thanks)\b(?! builder)`,
    String.raw`\b(?:i )?don'?t want (?:it|that|the bet|this bet|to bet)(?: anymore)?\b`,
    String.raw`\bnot anymore\b`,
    // es
    String.raw`\bcancel(?:a|o|ar|alo|ala|en)\b`,
    String.raw`\bolvid(?:a|alo|ala|ate|emos)\b`,
    String.raw`\bmejor no\b`,
    String.raw`\bya no (?:quiero|la quiero|apuesto)\b`,
    String.raw`\banul(?:a|ar|ala|alo)\b`,
    String.raw`\b(?:borra|quita)(?:la|lo)\b`,
    String.raw`\b(?:borra|quita) (?:la apuesta|el boleto|esa apuesta)\b`,
    String.raw`\bme arrepenti\b`,
    String.raw`\bcambie de (?:opinion|idea)\b`,
    String.raw`\bno la hagas\b`,
    String.raw`\bborra(?:r)? (?:eso|esto|todo)\b`,
    String.raw`\bno (?:la|lo) quiero\b`,
    String.raw`\bya fue\b`,
    String.raw`\bno quiero (?:apostar|nada|esa apuesta)\b`,
    String.raw`\bno apuesto nada\b`,
    // pt
    String.raw`\bcancel(?:e|ar|a)\b`,
    String.raw`\besquec(?:e|a|er)\b`,
    String.raw`\bdeixa (?:pra la|quieto|para la)\b`,
    String.raw`\bdesist(?:o|i|ir)\b`,
    String.raw`\bmudei de ideia\b`,
    String.raw`\bnao quero mais\b`,
    String.raw`\bnao quero (?:apostar|essa aposta|nada|isso)\b`,
    String.raw`\b(?:apaga|anula|tira) tudo\b`,
    String.raw`\b(?:apaga|anula|tira) (?:essa|a|isso|ela)\b`,
  ].join('|'),
);

const CONFIRM = new RegExp(
  [
    // en
    String.raw`\b(?:place|make|put through|submit|send) (?:it|that|the bet|this bet|my bet|that bet)\b`,
    String.raw`\bbet it\b`,
    String.raw`\bgo ahead\b`,
    String.raw`\bgo for it\b`,
    String.raw`\bdo it\b`,
    String.raw`\bconfirm(?:ed)?\b`,
    String.raw`\block it in\b`,
    String.raw`\bbook it\b`,
    String.raw`\bsend it\b`,
    String.raw`\blet'?s do (?:it|this)\b`,
    String.raw`^(?:yes|yep|yeah|yup|sure|ok|okay)\b(?:[ ,!.]*(?:please|go|do it|place it|bet it))?[ !.]*$`,
    // es
    String.raw`\bdale\b`,
    String.raw`\bhaz(?:la|lo)\b`,
    String.raw`\bconfirm(?:o|a|ala|alo|ar)\b`,
    String.raw`\bapuest(?:a|ala)(?:la)? ya\b`,
    String.raw`\bmetel[ao]\b`,
    // "listo, apuéstala", "ok métele nomás": the whole message says go.
    String.raw`^(?:(?:ok|okay|dale|listo|si|va|vale|bueno)[ ,]+)*(?:metele|apuestala|mandale)(?: nomas| ya| de una)?[ !.]*$`,
    String.raw`\bde una\b`,
    String.raw`\bmand(?:a|ala|alo)\b`,
    String.raw`^(?:si|va|listo|vale)\b[ !.]*$`,
    // pt
    String.raw`\bpode (?:confirmar|fazer|apostar|mandar|ir|fechar)\b`,
    String.raw`\bfaz (?:a aposta|ai|isso)\b`,
    String.raw`\bfechado\b`,
    String.raw`\bfecha (?:ai|isso|a aposta|essa)\b`,
    String.raw`\bmanda (?:ver|bala|ai)\b`,
    String.raw`\bbora\b`,
    String.raw`\bconfirma(?:r|do)?\b`,
    String.raw`^(?:sim|isso|beleza)\b[ !.]*$`,
  ].join('|'),
);

/** Words that ask for the bet to be made even inside a question ("can you place it?"). */
const EXPLICIT_CONFIRM = /\b(?:place|confirm|submit|book|lock|confirma|confirmar|apuesta|aposta|fecha|pode)\b/;

const CHANGE = new RegExp(
  [
    // en
    String.raw`\bmake (?:it|that)\b`,
    String.raw`\b(?:bump|raise|up|lower|drop|change|switch|move|put|take) (?:it|that|the stake|the bet|my stake)?\s*(?:up |down )?to\b`,
    String.raw`\binstead\b`,
    String.raw`\brather\b`,
    String.raw`\b(?:increase|reduce|decrease|bump) (?:it|that|the stake)\b`,
    String.raw`\b(?:double|triple|halve) (?:it|that|the stake|my stake)\b`,
    String.raw`\bhalf (?:the stake|of it|that)\b`,
    String.raw`\bswap\b`,
    String.raw`\bgo with\b`,
    String.raw`\b(?:put|move|switch|shift) (?:it|that|the bet|my bet) (?:on|onto)\b`,
    // A short reply that aims the slip somewhere: "on the draw", "al empate", "no empate", "pro over".
    String.raw`^(?:(?:ok|okay|vale|then|so|entonces|entao|e|y|and|mejor|melhor|actually|better)[ ,]+)?(?:al|a la|no|na|pro|pra|on the|on|to the)\s+(?:empate|draw|over|under|mas|menos|mais|si|sim|yes|otro|outro|other|rival|visitante|local)\b`,
    // es
    String.raw`\bcambi(?:a|alo|ala|ar)\b`,
    String.raw`\ben (?:vez|lugar) de\b`,
    String.raw`\bmejor (?:ponlo|ponla|al|a|el|la|por|apuesta|pon)\b`,
    String.raw`\bsub(?:ele|elo|ela|e)\b`,
    String.raw`\bbaj(?:ale|alo|ala|a)\b`,
    String.raw`\bpon(?:lo|la|le)\b`,
    String.raw`\bdobl(?:a|alo|ala)\b`,
    String.raw`\bduplic(?:a|alo|ala)\b`,
    String.raw`\bpas(?:alo|ala)\b`,
    String.raw`\bque sean?\b`,
    // pt
    String.raw`\btroca\b`,
    String.raw`\bmuda\b`,
    String.raw`\bem vez d`,
    String.raw`\bao inves d`,
    String.raw`\bsobe\b`,
    String.raw`\baumenta\b`,
    String.raw`\bbaixa\b`,
    String.raw`\bdiminui\b`,
    // ("o Palmeiras joga no domingo?" asks a kick-off: "joga" is not one of these.)
    String.raw`\b(?:poe|coloca|bota) (?:pra|para|em|no|na|nos|nas|pro|pros)\b`,
    String.raw`\bdobra\b`,
    String.raw`\bpassa (?:(?:os|as|o|a) )?(?:\d+ )?(?:pra|para|pro|no|na)\b`,
    // "faz 80", "deixa em 40", "melhor no Girona": the stake or the pick, changed.
    String.raw`\b(?:faz|deixa)(?: (?:em|de|por|com))? \d`,
    String.raw`\bmelhor (?:no|na|em|o|a|pro|pra|apostar|colocar|botar|por)\b`,
  ].join('|'),
);

/** What a bet would pay, asked (en, es, pt; accents folded). */
const PAYOUT_QUESTION =
  /\b(?:how much (?:would|will|do|could|can|does|did) (?:i|it|that|this|we) (?:win|get|make|pay|return|collect)|(?:potential|possible) (?:return|payout|winnings?|profit)|what(?:'s| is| would be| do i) (?:the |my )?(?:return|payout|winnings?|profit)|what (?:would|will|does) (?:it|that|this) (?:pay|return)|what (?:would|will|do|could) (?:i|we) (?:get|win|make|collect)|cuanto (?:me )?(?:gano|ganaria|ganare|llevo|llevaria|cobro|cobraria|darian|dan|da|pagan|paga|pagaria|devuelve|sale)|(?:quanto|qnto|qto) (?:eu )?(?:ganho|ganharia|recebo|receberia|levo|volta|voltaria|retorna|rende|da|paga)|quanto vou (?:ganhar|receber))\b/;
/** A stake imagined rather than asked for: "what if I doubled it", "y si le pongo 50", "e se eu dobrar". */
const HYPOTHETICAL = /\b(?:what if|if i|y si|e se|se eu|si (?:le |lo |la )?(?:pongo|apuesto|meto|doblo|duplico|subo))\b/;

/** "mejor con hándicap", "better on the spread", "prefiro o over": a market preferred, said to the slip. */
const PREFERS = /\b(?:mejor|melhor|better|rather|prefer|prefiero|prefiro|preferiria)\b/;
const ADD_LEG = /\b(?:add|also|plus|and add|agrega(?:le|lo|la)?|anade(?:le|lo|la)?|suma(?:le|lo|la)?|tambien|adiciona|acrescenta|inclui|tambem)\b/;
/** Asks to see the slip: "what are the total odds now?", "show me my slip", "cuota total", "meu bilhete". */
const SHOW = new RegExp(
  [
    String.raw`\b(?:total|combined|overall) (?:odds?|price|payout|return)\b`,
    String.raw`\b(?:show|see|view|check)(?: me)? (?:my|the|our) (?:bet ?)?slip\b`,
    String.raw`\bwhat(?:'s| is) (?:on |in )?my (?:bet ?)?slip\b`,
    String.raw`\b(?:cuota|cuotas) (?:total|combinada)\b`,
    String.raw`\b(?:ver|muestrame|mostrame|ensename) (?:mi|el) boleto\b`,
    String.raw`\bcomo (?:va|queda|esta) (?:mi|el) boleto\b`,
    String.raw`\b(?:odd|odds|cotacao) (?:total|combinada)\b`,
    String.raw`\b(?:ver|mostra|me mostra|mostre) (?:meu|o) bilhete\b`,
    String.raw`\bcomo (?:esta|ficou) (?:meu|o) bilhete\b`,
    // Whether the bet went in: "is it placed?", "¿ya quedó?", "já foi?" (the slip says it is not, until Confirm).
    String.raw`\b(?:is it|is that|was it|has it been|is the bet|was the bet) (?:placed|done|through|confirmed)\b`,
    String.raw`\bdid (?:it|that|the bet|my bet) go (?:in|through)\b`,
    String.raw`^(?:y )?ya (?:quedo|esta|se hizo|quedo hecha|esta hecha)\b`,
    String.raw`\b(?:quedo|esta) (?:hecha|puesta|confirmada) (?:la|mi) apuesta\b`,
    String.raw`^(?:e )?ja (?:foi|era|ta feita|esta feita|ta valendo)\b`,
    String.raw`\b(?:a|minha) aposta (?:foi|ta|esta) (?:feita|confirmada)\b`,
  ].join('|'),
);
const REMOVE_LEG = /\b(?:remove|take out|drop|without|quita|saca|sin|tira|remove|sem)\b/;

const WANTS_BET = new RegExp(
  [
    String.raw`\b(?:bet|wager|punt|stake|back|put)\b`,
    String.raw`\bapost(?:ar|arle|ale|emos|o|a|ame)\b`,
    String.raw`\bjuega(?:le|me)\b`,
    String.raw`\bjugale\b`,
    String.raw`\bjugar(?:le)?\b`,
    String.raw`\b(?:meter|meterle|ponerle)\b`,
    // Imperatives with the stake's receiver, in tú and vos forms: "ponme", "meteme", "poneme", "jugame".
    String.raw`\b(?:ponme|poneme|ponele|meteme|jugame|apostame|mandame|clavame|tirame)\b`,
    String.raw`\b(?:quero|queria|vou) (?:apostar|jogar|fazer uma aposta)\b`,
    String.raw`\b(?:bota|botar|boto|coloca|colocar|coloco)\b`,
  ].join('|'),
);
/** "20 on the Lakers", "30 al Betis": a stake put on a side (a bet asked for, like WANTS_BET). */
const STAKE_ON = /^\s*[$€£]?\s*\d+(?:[.,]\d+)?\s*(?:dollars?|bucks|quid|reais|pesos|euros?)?\s+(?:on|no|na|al|en|em|a(?! las?\b))\b/;

const STAKE_FACTOR: Array<[RegExp, number]> = [
  // Not the double chance market ("double chance", "doble oportunidad").
  // Also the forms a stake only imagined takes: "if I doubled it", "si lo doblara", "se eu dobrasse".
  [/\b(?:double(?! ?chance)|doubled|dobl(?:ar|a|o|amos|ara|ase)|dobl[ae]lo|doblala|duplic(?:ar|a|o|amos|ala|alo|ara|ase)|dobra(?:r|la|lo|sse)?|dobro|(?:al|el) doble(?! (?:oportunidad|chance))|o dobro)\b/, 2],
  [/\b(?:triple|tripled|triplica|triplicar|triplico|triplicara|triplicase|triplicasse|o triplo|el triple)\b/, 3],
  // Not a half of the match ("half-time result", "first half", "primera mitad").
  [/(?<!\b(?:first|1st|second|2nd|primera|segunda|primeira) )\b(?:half|halve|halved|mitad|metade)\b(?![\s-]?time)/, 0.5],
];

const EVERYTHING =
  /\b(?:all (?:i have|i've got|my money|my balance|of it|my cash)|everything|all[- ]in|todo (?:lo que tengo|mi saldo|mi plata|mi dinero|lo que hay)|tudo (?:que eu tenho|o que (?:eu )?tenho|que tenho)|aposta tudo|meu saldo todo|todo el saldo)\b/;
const UNREADABLE = /\b(?:nan|infinity|infinite|infinito|\d+(?:[.,]\d+)?e[+-]?\d+)\b/;
const NEGATIVE = /(?:^|[\s(:])(?:-|−|minus |menos |negative |negativo )\s?\$?\d/;
/** "menos de 2.5" is a total, not a negative stake. */
const NEGATIVE_TOTAL = /\bmenos (?:de )?\d+[.,]5\b/;
const HANDICAP = /\b(?:handicap|hcp|asian|asiatico|asiatica|ah|spread|ats|line)\b/;
const ZERO = /(?:^|[\s$€£])0+(?:[.,]0+)?(?=\s|$|[a-z$€£])(?!\s*[.,]\d)/;
const OVER = /\b(?:overs?|mas de|mais de|acima de|encima de|arriba de)\b/;
const UNDER = /\b(?:unders?|menos de|abaixo de|debajo de|abajo de)\b/;
/** Both sides of a total named together: "over under", "overs and unders", "más/menos", "mais ou menos". */
const BOTH_TOTALS =
  /\b(?:overs? ?(?:[/-]|or|and|e|y|ou|o)? ?unders?|unders? ?(?:[/-]|or|and)? ?overs?|mas ?(?:\/|o|y) ?menos|mais ?(?:\/|ou|e) ?menos)\b/;
const LINE = /\b(?:over|under|mas de|menos de|mais de|acima de|abaixo de|arriba de|abajo de|encima de|debajo de)\s*(\d{1,2}(?:[.,]5))\b/;
// The noun and the verb: a draw, the teams draw, "empatan", "empatar".
const DRAW = /\b(?:draws?|drawn|the tie|a tie|empat(?:e|a|an|am|ar|en|em|aran|arem)|x)\b/;
/** A side named by where it plays: "al visitante", "the away side", "o mandante". */
const AWAY_SIDE = /\b(?:(?:al|el|del) visitante|(?:the )?away (?:side|team)|the visitors|(?:o|no|pro) visitante|time de fora)\b/;
const HOME_SIDE = /\b(?:(?:al|el|del) local|(?:the )?home (?:side|team)|the hosts|(?:o|no|pro) mandante|time da casa)\b/;
const OPPONENT =
  /\b(?:(?:if|what if) (?:they|he|it|we) (?:lose|loses|lost)|(?:si|se) (?:pierde|pierden|perde|perdem|perder|perderem)|the other (?:side|team|one)|(?:their|the) opponents?|the rival|other (?:team|side)|al rival|el rival|(?:al|el|del) otro(?: equipo| lado)?|(?:o|no|do|pro) outro(?: time| lado)?|adversario|rival)\b/;
// "20 al sí", "on the yes", "10 no sim": the yes of the one market that has one.
const YES = /\b(?:ambas marcam sim|ambos marcan si|both (?:teams )?score|btts(?: yes)?|(?:marcan|anotan|convierten|marcam) (?:los dos|ambos|os dois)|(?:al|el|en el|on|on the|no|o) (?:si|sim|yes))\b/;
const NO =
  /\b(?:ambas marcam nao|ambos marcan no|btts no|not both|(?:al|el|en el|on|on the) no\b(?! (?:one|bet|thanks|way|more|mas|mais))|no marquen (?:ambos|los dos)|(?:ambas|ambos|os dois) (?:times |equipes )?nao (?:marcam|marcarem|marquem)|no (?:marcan|anotan) (?:ambos|los dos)|nao marquem (?:os dois|ambos|ambas)|nem os dois marcam)\b/;
/** Money words and fillers a short stake reply may carry around its number. */
const AMOUNT_FILLER =
  /\b(?:dollars?|bucks?|quid|pounds?|euros?|usd|reais|real|conto|contos|pesos?|pila|lucas?|mangos?|on it|then|ok|okay|make it|ponle|pon|poe|bota|coloca|apuesta|aposta|bet|stake|just|only|solo|so|s[oó]|de|mil|que|sean?|mejor|melhor|nomas|nada mas|no|na verdade|entonces|entao|actually|instead|pues|bueno|lol|haha|jaja|kkk+|nao|pera|ai|opa|poe|mano|fine|alright|sure|yeah|yep|vale|va|bien|beleza|blz|ta|bom)\b|[$€£r]/g;

/**
 * The patterns above behind a word gate (word-gate.ts): most messages are questions that hold
 * none of their words, and skip them. NEGATIVE, ZERO, STAKE_ON and the bare-number scan may begin
 * on a sign or inside a word, so the gate cannot rule them out; all of them need a digit, which
 * most messages lack (`digits`).
 */
const SLIP_WORDS = new WordGate([
  CANCEL,
  CONFIRM,
  CHANGE,
  PREFERS,
  SHOW,
  ADD_LEG,
  REMOVE_LEG,
  WANTS_BET,
  ...STAKE_FACTOR.map(([pattern]) => pattern),
  EVERYTHING,
  UNREADABLE,
  HANDICAP,
  OVER,
  UNDER,
  LINE,
  DRAW,
  OPPONENT,
  AWAY_SIDE,
  HOME_SIDE,
  YES,
  NO,
  BOTH_TOTALS,
  PAYOUT_QUESTION,
  HYPOTHETICAL,
]);

/**
 * Reads a message for what it does to a bet slip. `amounts` are those the NLU already found;
 * `marketNamed`: the message names a market ("handicap", "total points").
 */
export function readSlip(text: string, amounts: number[], marketNamed = false): SlipReading {
  const folded = foldAccents(text);
  // The patterns are written for the plain copy, which only a message that can match one needs.
  const words = SLIP_WORDS.scan(folded, { spaces: isPlainSpace, text: () => plain(folded) });
  const reading: SlipReading = {};
  const cancel = words.test(CANCEL);
  const change = words.test(CHANGE);
  // "dale, ¿y el empate cuánto paga?": a go-ahead word before a question is an acknowledgement.
  const confirm = words.test(CONFIRM) && !(text.includes('?') && !words.test(EXPLICIT_CONFIRM));
  // "mejor con hándicap": a short reply preferring another market changes the slip's market.
  const prefersMarket = marketNamed && words.test(PREFERS) && wordCount(words.text) <= MAX_AIM_WORDS;
  if (cancel) reading.act = 'cancel';
  else if (change || prefersMarket) reading.act = 'change';
  else if (confirm) reading.act = 'confirm';
  else if (words.test(SHOW)) reading.act = 'show';
  if (words.test(WANTS_BET) || (words.digits && STAKE_ON.test(words.text))) reading.wantsBet = true;

  for (const [pattern, factor] of STAKE_FACTOR) {
    if (words.test(pattern)) {
      reading.stakeFactor = factor;
      reading.act ??= 'change';
      break;
    }
  }
  const line = words.exec(LINE);
  if (line) reading.line = Number(line[1].replace(',', '.'));
  const outcome = outcomeOf(words);
  if (outcome) reading.outcome = outcome;
  if (outcome && !text.includes('?') && wordCount(words.text) <= MAX_AIM_WORDS) reading.aimsOnly = true;
  if (words.test(PAYOUT_QUESTION)) {
    reading.asksPayout = true;
    // "e se eu dobrar, quanto volta?": the payout of a stake imagined; nothing on the slip changes.
    if (words.test(HYPOTHETICAL)) reading.hypothetical = true;
  }
  if (words.test(ADD_LEG)) reading.addsLeg = true;
  if (!cancel && words.test(REMOVE_LEG)) reading.removesLeg = true;

  const stake = namedStake(words, reading.line, amounts);
  if (stake !== undefined) reading.stake = stake;
  const issue = stakeIssue(words, folded);
  if (issue) reading.stakeIssue = issue;
  if (stake !== undefined) {
    const rest = words.text.replace(/\d+(?:[.,]\d+)?/g, ' ').replace(AMOUNT_FILLER, ' ').replace(/[^a-z]+/g, '');
    if (rest.length <= 3) reading.amountOnly = true;
  }
  return reading;
}

/**
 * The text with ¿¡?! and runs of white space as single spaces, trimmed: one replace, and none
 * when there is nothing to replace (a replace builds a new string even when nothing matches).
 */
function plain(folded: string): string {
  return (LOOSE.test(folded) ? folded.replace(PLAIN_SPACES, ' ') : folded).trim();
}
const PLAIN_SPACES = /[\s¿¡?!]+/g;
/** What that replace changes: a mark, two spaces in a row, or white space that is not a space. */
const LOOSE = /[¿¡?!]|\s\s|[^\S ]/;
/** A character of PLAIN_SPACES, for the gate to read the text as plain() would leave it. */
const PLAIN_SPACE = /[\s¿¡?!]/;
const ASCII_PLAIN_SPACE = Array.from({ length: 128 }, (_, c) => PLAIN_SPACE.test(String.fromCharCode(c)));
function isPlainSpace(c: number): boolean {
  return c < 128 ? ASCII_PLAIN_SPACE[c] : PLAIN_SPACE.test(String.fromCharCode(c));
}

/** "actually back the other side" is still a reply aimed at the slip; a longer sentence is not. */
const MAX_AIM_WORDS = 5;

function wordCount(text: string): number {
  let count = text.length > 0 ? 1 : 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) count++;
  return count;
}

function outcomeOf(words: GateScan): SlipOutcome | undefined {
  // "the over/under", "el más/menos de goles": the market named, neither of its outcomes.
  if (words.test(BOTH_TOTALS)) return undefined;
  if (words.test(NO)) return 'no';
  if (words.test(YES)) return 'yes';
  if (words.test(UNDER) && !negative(words)) return 'under';
  if (words.test(OVER)) return 'over';
  if (words.test(OPPONENT)) return 'opponent';
  if (words.test(AWAY_SIDE)) return 'away';
  if (words.test(HOME_SIDE)) return 'home';
  if (words.test(DRAW)) return 'draw';
  return undefined;
}

function negative(words: GateScan): boolean {
  return words.digits && words.test(NEGATIVE);
}

/** "menos cinco": read only when a sign word is there at all, so other messages pay one scan. */
const SIGN_HINT = /minus|menos|negativ/;
function speltNegative(folded: string): boolean {
  return SIGN_HINT.test(folded) && hasSpeltNegativeAmount(folded);
}

/** The stake a short or changing message names: the NLU's amount, else its one bare number. */
function namedStake(words: GateScan, line: number | undefined, amounts: number[]): number | undefined {
  if (amounts.length > 0) return amounts[0];
  if (!words.digits) return undefined;
  // Not an ordinal ("1º tempo", "1st half", "2nd leg") nor the figure of "50 mil" or "2k": scaled, it
  // is another amount, which the amount reader reads or leaves.
  const numbers = [...words.text.matchAll(/(?<![\d.,-])(\d{1,7}(?:[.,]\d{1,2})?)(?![\d%ºª°]|(?:st|nd|rd|th)\b)(?!\s?(?:k|mil|grand|lucas?|thousand|millon(?:es)?|milh(?:ao|oes))\b)/g)]
    .map((m) => Number(m[1].replace(',', '.')))
    .filter((n) => n !== line && n > 0);
  return numbers.length === 1 ? numbers[0] : undefined;
}

function stakeIssue(words: GateScan, folded: string): StakeIssue | undefined {
  if (words.test(EVERYTHING)) return 'everything';
  if (words.test(UNREADABLE)) return 'unreadable';
  // "-1" beside a handicap is the line, not a stake.
  if ((negative(words) || speltNegative(folded)) && !words.test(NEGATIVE_TOTAL) && !words.test(HANDICAP)) return 'negative';
  if (words.digits && words.test(ZERO)) return 'zero';
  return undefined;
}
