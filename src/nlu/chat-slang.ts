import { foldAccents } from '../common/text';

/**
 * Chat shorthand people type ("wen is the nxt game", "hw much is my bal atm", "qnd joga hj") spelled
 * out, so the classifier and the date parser see the words they know. Applied to accent-folded
 * text, word by word.
 */
const SLANG: Record<string, string> = {
  // English
  wen: 'when',
  whn: 'when',
  nxt: 'next',
  rn: 'right now',
  atm: 'at the moment',
  bal: 'balance',
  pls: 'please',
  plz: 'please',
  u: 'you',
  ur: 'your',
  r: 'are',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmrrw: 'tomorrow',
  '2moro': 'tomorrow',
  '2nite': 'tonight',
  tn: 'tonight',
  tonite: 'tonight',
  wknd: 'weekend',
  wkend: 'weekend',
  wk: 'week',
  fav: 'favourite',
  fave: 'favourite',
  odd: 'odds',
  gm: 'game',
  gme: 'game',
  mtch: 'match',
  thx: 'thanks',
  ty: 'thanks',
  pic: 'pick',
  acca: 'accumulator',
  accas: 'accumulator',
  wat: 'what',
  wht: 'what',
  wut: 'what',
  hw: 'how',
  abt: 'about',
  cuz: 'because',
  bc: 'because',
  w: 'with',
  vs: 'vs',
  v: 'vs',
  // Spanish
  q: 'que',
  k: 'que',
  xq: 'porque',
  pq: 'porque',
  tb: 'tambien',
  tmb: 'tambien',
  xfa: 'por favor',
  pf: 'por favor',
  porfa: 'por favor',
  mnn: 'manana',
  finde: 'fin de semana',
  dnd: 'donde',
  cdo: 'cuando',
  qdo: 'cuando',
  // Portuguese
  vc: 'voce',
  vcs: 'voces',
  hj: 'hoje',
  amn: 'amanha',
  qnd: 'quando',
  qto: 'quanto',
  qnto: 'quanto',
  tbm: 'tambem',
  fds: 'fim de semana',
  cmg: 'comigo',
  td: 'tudo',
  blz: 'beleza',
  obg: 'obrigado',
  msm: 'mesmo',
  ngm: 'ninguem',
};

/** Some shorthand as a whole word: most messages hold none, and are returned as folded, not rebuilt word by word. */
const MAY_HOLD_SLANG = new RegExp(`(?<![a-z0-9ñ])(?:${Object.keys(SLANG).join('|')})(?![a-z0-9ñ])`);

export function expandSlang(text: string): string {
  const folded = foldAccents(text);
  if (!MAY_HOLD_SLANG.test(folded)) return folded;
  // Own keys only: "constructor" in a message is a word, not the object's constructor function.
  return folded.replace(/[a-z0-9ñ]+/g, (word) => (Object.hasOwn(SLANG, word) ? SLANG[word] : word));
}
