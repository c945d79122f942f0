import type { Language } from '../common/protocol';
import { foldAccents } from '../common/text';
import { PLACE_NAMES } from './zone-extractor';

/**
 * Which of en / es / pt_br a message is written in. Chat messages are short ("¿saldo?", "oi",
 * "odd do Mengão"), where n-gram guessers fail, so this scores words and letters that only one
 * of the three languages uses. Team names are removed by the caller first: "Barça" or "São
 * Paulo" say nothing about the writer's language.
 */

// Words (accent-folded) that point at one language; shared words ("que", "para", "semana") are left out.
const ES_WORDS = `el los las del al y hoy manana partido partidos juega juegan jugar equipo equipos apuesta apuestas apuesto
cuota cuotas hay esta esta estan con mi mis dame quiero puedo hola gracias noche noches tardes buenos dias fin
finde porfa ganar gana gano quien tambien muy pero tiene tienen su sus un una lo le ya ahora cuenta dinero
ayuda funciona asistente esto eso nada algo hacer hace son pronostico recomiendas recomienda momios clasico
cuando cuanto cuantos cual cuales donde entiendo ganador proxima proximo mejor dinero disponible pagan pagaria
si se sabes puedes arma combinada ambos marcan goles cual usted ustedes tengo queria quisiera oye bueno mira
dime cuentame jugadores juego jajaja jaja equipo liga ligas tienen disponibles cubren ofrecen pesos plata
ponle ponlo ponla dale hazla hazlo cambialo cambiala subele bajale olvidalo olvidala jugarle apostarle estoy
ponme poneme ponele meteme metele jugame apostame mandame mandale clavame tirame vos che`;
const PT_WORDS = `os do da dos das na nas em um uma e nao voce voces tem ta joga jogam jogo jogos hoje amanha quando quanto qual quais
quem onde meu minha conta aposta apostas odd dinheiro ajuda isso esse essa aqui ai pra pro pelo pela com sem mais
melhor obrigado obrigada valeu oi ola tudo bem bom boa dia noite fim pena dica palpite ganhar vencer gols eu ele
ela ja muito agora ou sao consigo posso quero fala ae blz beleza kkk kkkk rs monta multipla ambas marcam campeonatos
voces cobrem tao sobre reais grana funciona uso vai vou gente jogador jogadores seu sua fds
bota coloca poe faz fechado esquece esqueca troca sobe conto contos pode vitoria pila pilas manda botar colocar
nele nela neles nelas nisso nesse nessa dele dela deles delas moro estou tou aposto bora partiu quer dizer
escanteio escanteios cartao cartoes vc tb pq`;
// Words that only the English sentence of the three would use.
const EN_WORDS = `do the is are what when where who how which on for my i you to and of in with play plays playing game games bet win
will would should can do does did this that next tonight tomorrow today weekend week match matches price show give
tell much many any some please pls hi hello hey thanks best tip tips balance wallet funds account money stake pay payout
simulate parlay against team teams better than who's what's when's whats wanna gonna it its be have has get got need
help pick picks back backing form compare league leagues there here your about from at by an or not all them their our
i'm im`;

// Words two languages share, worth a point to each: Spanish/Portuguese "de", "empate", "paga" and
// "o" (the Portuguese article, Spanish "or": "¿Boca o empate?"), and "odd(s)", English but as
// common among Brazilian bettors ("odds do jogo"). "vs" is everyone's.
const ES_PT_WORDS = 'de o empate paga';
const EN_PT_WORDS = 'odd odds';

const WORD_WEIGHT: Record<Language, Map<string, number>> = {
  es: weights(`${ES_WORDS} ${ES_PT_WORDS}`, 2, ES_PT_WORDS),
  pt_br: weights(`${PT_WORDS} ${ES_PT_WORDS} ${EN_PT_WORDS}`, 2, `${ES_PT_WORDS} ${EN_PT_WORDS}`),
  en: weights(`${EN_WORDS} ${EN_PT_WORDS}`, 1.5, EN_PT_WORDS),
};

/** The three weights of a word in one entry ([en, es, pt_br]): a message's words are looked up once, not once per language. */
const WEIGHTS_BY_WORD = new Map<string, [number, number, number]>();
for (const word of new Set([...WORD_WEIGHT.en.keys(), ...WORD_WEIGHT.es.keys(), ...WORD_WEIGHT.pt_br.keys()]))
  WEIGHTS_BY_WORD.set(word, [
    WORD_WEIGHT.en.get(word) ?? 0,
    WORD_WEIGHT.es.get(word) ?? 0,
    WORD_WEIGHT.pt_br.get(word) ?? 0,
  ]);

/**
 * Place names that hold a word or a spelling scored below ("buenos aires", "los angeles", "rio de
 * janeiro", "asuncion"): a place says where, not in which language ("what time is it in Buenos
 * Aires?" is English), so they are blanked before scoring. Team names are blanked by the caller.
 */
const SWAYING_PLACES = PLACE_NAMES.filter(
  (name) => name.split(' ').some((word) => WEIGHTS_BY_WORD.has(word)) || /cion|nh/.test(name),
).map((name) => name.replace(/ /g, '\\s+'));
const SWAYING_PLACE = new RegExp(`\\b(?:${SWAYING_PLACES.join('|')})\\b`);
const SWAYING_PLACE_ALL = new RegExp(SWAYING_PLACE.source, 'g');

/**
 * The same words in a trie over a–z and the apostrophe (the letters of a word below), so that a
 * message's words are scored as they are read, without cutting each one out to look it up.
 * `TRIE_NEXT[node * 27 + letter]` is the child (0: none, the root is no child); node 0 is the root.
 */
const TRIE_LETTERS = 27;
const TRIE_NEXT: number[] = new Array<number>(TRIE_LETTERS).fill(0);
const TRIE_WEIGHTS: Array<[number, number, number] | undefined> = [undefined];
for (const [word, weight] of WEIGHTS_BY_WORD) {
  // Not a whole word of [a-z']+: no message word could be it.
  if (!/^[a-z']+$/.test(word)) continue;
  let node = 0;
  for (let i = 0; i < word.length; i++) {
    const slot = node * TRIE_LETTERS + letterOf(word.charCodeAt(i));
    if (TRIE_NEXT[slot] === 0) {
      TRIE_NEXT[slot] = TRIE_WEIGHTS.length;
      TRIE_WEIGHTS.push(undefined);
      TRIE_NEXT.push(...new Array<number>(TRIE_LETTERS).fill(0));
    }
    node = TRIE_NEXT[slot];
  }
  TRIE_WEIGHTS[node] = weight;
}

/** a–z → 0–25, the apostrophe → 26, anything else (which ends a word) → -1. */
function letterOf(c: number): number {
  return c >= 97 && c <= 122 ? c - 97 : c === 39 ? 26 : -1;
}

/** `shared` words (owned by two languages) weigh 1 whatever the language's own weight. */
function weights(list: string, weight: number, shared = ''): Map<string, number> {
  const sharedWords = new Set(shared.split(/\s+/));
  return new Map(
    list
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => [w, sharedWords.has(w) ? 1 : weight]),
  );
}

// Letters and spellings each language owns.
const ES_MARKS = /[ñ¿¡]|\b\w*(?:ción|ciones)\b/giu;
// Portuguese "nh" is always followed by a vowel ("ganhar", "amanhã"): "NHL" is no Portuguese.
const PT_MARKS = /[ãõçêôà]|\b\w*(?:ção|ções|nh[aeiouáéíóúâêôãõ]\w*)\b/giu;
const SHARED_ACCENTS = /[áéíóú]/giu;
// What every match of the two patterns above contains.
const MAY_HOLD_ES_MARKS = /[ñ¿¡]|ci[oó]n/iu;
const MAY_HOLD_PT_MARKS = /[ãõçêôà]|nh/iu;
// In text of ASCII letters only (most messages) the accented letters cannot be, and the two
// checks above come down to their plain letters, without the Unicode-aware case folding.
const NOT_ASCII = /[\u0080-\uffff]/;
const MAY_HOLD_ES_MARKS_ASCII = /cion/i;
const MAY_HOLD_PT_MARKS_ASCII = /nh/i;
// "Palmeiras x Corinthians": a lone x between (blanked) team names is how Brazilians write "versus".
const PT_VERSUS_X = /(?:^|\s)x(?:\s|$)/i;
const PT_LAUGH = /\bk{3,}\b|\brs(rs)+\b/i;
const ES_LAUGH = /\b(?:ja){2,}\b|\bjeje\b/i;
// "15 no Corinthians", "10 pila na Lazio" (the team blanked): a stake put "no"/"na" a team is
// Brazilian. Spanish "10 no más", "20 no me alcanza" are not, nor "10 no 20".
const PT_STAKE_ON = /\b\d+(?:[.,]\d+)?\s*(?:reais|real|pilas?|contos?)?\s+n[oa]\s+(?!(?:mas|me|te|se|lo|la|le|es)\b|\d)/;
const PT_O_QUE = /(?:^|\s)o que\b/;
const STRETCHED = /(.)\1{2}/;
const STRETCHED_RUN = /(.)\1{2,}/g;

function addWeight(score: Record<Language, number>, weight: [number, number, number] | undefined): void {
  if (!weight) return;
  score.en += weight[0];
  score.es += weight[1];
  score.pt_br += weight[2];
}

function blank(span: string): string {
  return ' '.repeat(span.length);
}

/** `text` with the swaying place names blanked where its folded copy holds them (same offsets, as folding keeps them). */
function blankPlaces(text: string): string {
  const folded = foldAccents(text);
  if (folded.length !== text.length) return text;
  let blanked = text;
  for (const m of folded.matchAll(SWAYING_PLACE_ALL))
    blanked = blanked.slice(0, m.index) + blank(m[0]) + blanked.slice(m.index + m[0].length);
  return blanked;
}

export interface LanguageGuess {
  language: Language;
  /** 0 when nothing in the text pointed anywhere (then the fallback was used). */
  evidence: number;
}

export class LanguageDetector {
  /**
   * @param fallback the language to answer when the text gives no evidence (the session's language).
   * @param spelledOut the text with chat shorthand spelled out ("hj" → "hoje"), when the caller has it; its words are scored.
   */
  detect(text: string, fallback: Language = 'en', spelledOut?: string): LanguageGuess {
    const score: Record<Language, number> = { en: 0, es: 0, pt_br: 0 };
    let words = spelledOut ?? foldAccents(text);
    if (SWAYING_PLACE.test(words)) {
      words = words.replace(SWAYING_PLACE_ALL, blank);
      text = blankPlaces(text);
    }
    // The marks' word patterns backtrack at every letter: most messages hold none of them.
    const ascii = !NOT_ASCII.test(text);
    if ((ascii ? MAY_HOLD_ES_MARKS_ASCII : MAY_HOLD_ES_MARKS).test(text)) score.es += 3 * (text.match(ES_MARKS)?.length ?? 0);
    if ((ascii ? MAY_HOLD_PT_MARKS_ASCII : MAY_HOLD_PT_MARKS).test(text)) score.pt_br += 3 * (text.match(PT_MARKS)?.length ?? 0);
    const shared = ascii ? 0 : (text.match(SHARED_ACCENTS)?.length ?? 0);
    score.es += shared;
    score.pt_br += shared;
    if (PT_LAUGH.test(text)) score.pt_br += 4;
    if (PT_VERSUS_X.test(text)) score.pt_br += 2;
    if (ES_LAUGH.test(text)) score.es += 4;
    if (PT_STAKE_ON.test(words)) score.pt_br += 2;
    // "o que significa…": Portuguese's "what"; Spanish "o" before "que" is rare.
    if (PT_O_QUE.test(words)) score.pt_br += 2;
    // "holaaa", "oiii": letters stretched for emphasis (looked for once, not word by word).
    const stretched = STRETCHED.test(words);
    if (stretched) {
      for (const raw of words.match(/[a-z']+/g) ?? []) addWeight(score, WEIGHTS_BY_WORD.get(raw.replace(STRETCHED_RUN, '$1')));
    } else {
      // The words of `[a-z']+`, each walked down the trie as it is read; -1 once it has left it.
      let node = -1;
      for (let i = 0; i <= words.length; i++) {
        const letter = i < words.length ? letterOf(words.charCodeAt(i)) : -1;
        if (letter >= 0) {
          if (i === 0 || letterOf(words.charCodeAt(i - 1)) < 0) node = 0;
          if (node >= 0) node = TRIE_NEXT[node * TRIE_LETTERS + letter] || -1;
        } else if (node >= 0) {
          addWeight(score, TRIE_WEIGHTS[node]);
          node = -1;
        }
      }
    }
    // The highest score wins, the first of en, es, pt_br on a tie: a stable sort of the three, without building it.
    const { en, es, pt_br } = score;
    const top = Math.max(en, es, pt_br);
    const leader: Language = en === top ? 'en' : es === top ? 'es' : 'pt_br';
    const leaders = Number(en === top) + Number(es === top) + Number(pt_br === top);
    if (top === 0 || leaders > 1) {
      // A tie between two candidates: keep the session's language if it is one of them.
      return { language: top === 0 || score[fallback] === top ? fallback : leader, evidence: 0 };
    }
    const runnerUp = leader === 'en' ? Math.max(es, pt_br) : leader === 'es' ? Math.max(en, pt_br) : Math.max(en, es);
    return { language: leader, evidence: top - runnerUp };
  }
}
