import Fuse from 'fuse.js';
import type { Catalogue } from '../../sports-api/domain';
import { type AliasGroup, BLOCKED_PHRASES, TEAM_ALIASES, TOURNAMENT_ALIASES } from './aliases';
import { COMMON_WORDS, GENERIC_NAME_WORDS } from './common-words';
import { type ClubElsewhere, TEAMS_ELSEWHERE } from './teams-elsewhere';
import { cityMentions } from './club-cities';
import { normalizeName, type Token, tokenize } from '../../common/text';

/** A catalogue name found in free text, with where it was found and how sure we are (0..1). */
export interface EntityMention {
  name: string;
  score: number;
  start: number;
  end: number;
}

/** A name that fits several teams ("Madrid", "Olympique", "New York"): ask which one. */
export interface AmbiguousMention {
  /** The words as the user wrote them, normalised. */
  mention: string;
  /** Every catalogue team it fits, as the catalogue names them. */
  candidates: string[];
}

export interface ResolvedName {
  name: string;
  score: number;
}

/** How a key was learnt, strongest first; decides both the score and who wins a clash. */
type KeySource = 'catalogue' | 'alias' | 'derived';

interface KeyEntry {
  canonical: string;
  source: KeySource;
  /** Ordinary words too: only trusted in a message that is clearly about sport. */
  weak: boolean;
}

const SCORE: Record<KeySource, number> = { catalogue: 1, alias: 0.97, derived: 0.9 };
const WEAK_PENALTY = 0.1;
/** Fuzzy matches below this similarity are dropped: one typo in 7+ letters passes, a different word does not. */
const MIN_FUZZY_SIMILARITY = 0.8;
const MIN_FUZZY_LENGTH = 5;
/**
 * A key shorter than this is read through a doubled or swapped letter, not a changed one: one
 * letter changed in five mostly makes another word ("manda" is no "manya", "porta" no "porto").
 */
const MIN_SUBSTITUTION_KEY_LENGTH = 6;
/**
 * Close enough to ask "did you mean …?", not to read the name as that team: two slips in a long
 * name pass; two in a five-letter one make another word ("Bahia" is no "Barca").
 */
const MIN_SUGGESTION_SIMILARITY = 0.7;
const MAX_FUZZY_CACHE = 5000;

/**
 * Words that make a message about sport, so that nicknames which are also ordinary words
 * ("city", "river", "america", "inter") can be trusted in it. Putting money on a side is sport
 * talk too, in its verbs and its slang for money ("bota 20 no galo", "a tenner on the heat").
 */
const SPORTS_CUES = new Set(
  `vs v x versus contra against vrs play plays playing played game games match matches odds odd price prices priced pricing
  bet bets betting apuesta apuestas aposta apostas apostar win wins beat beating draw empate ganar gana ganhar vencer
  partido partidos jogo jogos juega juegan joga jogam jogar cuota cuotas momios fixture fixtures kickoff kick score
  goals goles gols home away league liga cup copa team equipo time form compare compara comparar stronger better
  derby derbi clasico classico season temporada standings table tabla tabela handicap btts over under parlay
  accumulator stake pay payout paga pagar pagan simulate simula simular tip tips pick picks back backing favourite
  favorite favorito mejor melhor quem quien who fans stadium estadio ganador vencedor winner side lado
  add agrega agregale suma adiciona acrescenta slip boleto bilhete leg
  manda mandale pon pone ponle ponme mete metele dale apuesto apostale juegale echale
  poneme ponele meteme jugame apostame mandame clavame tirame
  bota botar coloca poe crava aposto`.split(
    /\s+/,
  ),
);

/** The words a stake is put "on" with: "20 on", "15 al", "10 no", "30 quid on". */
const STAKE_ON = new Set(['on', 'al', 'no', 'na', 'pro', 'pra']);
/** Stakes said in a word: "a tenner on the heat". */
const STAKE_WORDS = new Set(['tenner', 'fiver', 'pony', 'grand', 'monkey', 'lucas', 'luca', 'mil', 'k']);
const ARTICLES = new Set(['the', 'el', 'la', 'o', 'a']);

/**
 * Where a name a stake is put on begins ("20 on villa", "15 al city", "a tenner on the heat"): a
 * nickname that is also a word is trusted there, and only there. Money words and "put" make no
 * message sport talk on their own: "nice, put 15 on it" or "nice one, 20 bucks on it" hold no Nice.
 */
function stakedNameStarts(tokens: Token[]): Set<number> {
  const starts = new Set<number>();
  for (let i = 0; i < tokens.length - 1; i++) {
    if (!/^\d/.test(tokens[i].norm) && !STAKE_WORDS.has(tokens[i].norm)) continue;
    let j = i + 1;
    if (!STAKE_ON.has(tokens[j].norm) && STAKE_ON.has(tokens[j + 1]?.norm ?? '')) j++;
    if (!STAKE_ON.has(tokens[j].norm)) continue;
    j++;
    if (ARTICLES.has(tokens[j]?.norm ?? '')) j++;
    if (j < tokens.length) starts.add(j);
  }
  return starts;
}

class NameIndex {
  private readonly keys = new Map<string, KeyEntry>();
  private readonly ambiguous = new Set<string>();
  /** One small fuzzy index per first letter: typos rarely hit the first letter, and it keeps lookups fast. */
  private readonly fuseByInitial = new Map<string, Fuse<string>>();
  private readonly keysByInitial = new Map<string, string[]>();
  private readonly fuzzyCache = new Map<string, { key: string; similarity: number } | null>();
  /** Every leading run of words of a multi-word key ("paris", "paris saint" for "paris saint germain"). */
  private readonly prefixes = new Set<string>();
  /** Parts of names that several names share ("madrid", "new york"), with the names. */
  private readonly shared = new Map<string, string[]>();
  /** The first words of those parts, so a message's other words are passed over at once. */
  private readonly sharedFirstWords: ReadonlySet<string>;
  maxWindow = 1;

  /** `exactOnly`: names read only as written (no derived short names, no typos). */
  constructor(
    names: string[],
    aliasGroups: AliasGroup[],
    readonly exactOnly = false,
  ) {
    this.shared = exactOnly ? new Map() : sharedParts(names, aliasGroups);
    this.sharedFirstWords = new Set([...this.shared.keys()].map((part) => part.split(' ')[0]));
    for (const name of names) this.add(normalizeName(name), name, 'catalogue');
    for (const group of aliasGroups) {
      const canonical = names.find((n) => group.names.some((g) => normalizeName(g) === normalizeName(n)));
      if (!canonical) continue;
      for (const alias of group.aliases) this.add(normalizeName(alias), canonical, 'alias');
      for (const alias of group.weakAliases ?? []) this.add(normalizeName(alias), canonical, 'alias', true);
    }
    if (!exactOnly)
      for (const name of names)
        for (const derived of deriveAliases(name)) this.add(derived.key, name, 'derived', derived.weak);
    for (const key of this.ambiguous) this.keys.delete(key);
    for (const key of this.keys.keys()) {
      const words = key.split(' ');
      for (let n = 1; n < words.length; n++) this.prefixes.add(words.slice(0, n).join(' '));
    }
    if (exactOnly) return;
    const fuzzyKeys = [...this.keys.entries()]
      .filter(([key, entry]) => !entry.weak && key.length >= MIN_FUZZY_LENGTH && !COMMON_WORDS.has(key))
      .map(([key]) => key);
    for (const initial of new Set(fuzzyKeys.map((k) => k[0]))) {
      const keys = fuzzyKeys.filter((k) => k[0] === initial);
      this.keysByInitial.set(initial, keys);
      this.fuseByInitial.set(
        initial,
        new Fuse(keys, { includeScore: true, threshold: 0.35, ignoreLocation: true }),
      );
    }
  }

  get size(): number {
    return this.keys.size;
  }

  private add(key: string, canonical: string, source: KeySource, weak = false): void {
    if (!key) return;
    this.maxWindow = Math.max(this.maxWindow, key.split(' ').length);
    const existing = this.keys.get(key);
    if (!existing) {
      this.keys.set(key, { canonical, source, weak });
      return;
    }
    const rank = (s: KeySource) => ['catalogue', 'alias', 'derived'].indexOf(s);
    if (existing.canonical === canonical) {
      // Same entity: a derived reading never weakens an explicit one; the alias table may mark a
      // catalogue name weak ("Inter" is also a word).
      if (rank(source) <= rank(existing.source) || (source === 'alias' && weak))
        existing.weak = weak || (rank(source) === rank(existing.source) && existing.weak);
      return;
    }
    if (rank(source) < rank(existing.source)) this.keys.set(key, { canonical, source, weak });
    else if (rank(source) === rank(existing.source)) this.ambiguous.add(key);
  }

  exact(key: string): KeyEntry | undefined {
    return this.keys.get(key);
  }

  /** The names a part of several names fits, when the key is one ("olympique" → Marseille, Lyonnais). */
  sharedBy(key: string): string[] | undefined {
    return this.shared.get(key);
  }

  /** True when some part of several names begins with this word. */
  beginsShared(word: string): boolean {
    return this.sharedFirstWords.has(word);
  }

  /** True when some longer key starts with these words, so a longer window can still match exactly. */
  continues(key: string): boolean {
    return this.prefixes.has(key);
  }

  /**
   * The name of the closest key at least `min` similar. Every key of the initial is compared: it
   * runs only for a name nothing matched, where Fuse's cut-off would miss transposed letters.
   */
  nearest(window: string, min: number): string | undefined {
    let best: { key: string; similarity: number } | undefined;
    for (const key of this.keysByInitial.get(window[0]) ?? []) {
      const similarity = typoSimilarity(window, key);
      if (similarity >= min && (!best || similarity > best.similarity)) best = { key, similarity };
    }
    return best && this.keys.get(best.key)?.canonical;
  }

  /** Closest key by typo distance, or null when nothing is close enough. Memoised per window. */
  fuzzy(window: string): { entry: KeyEntry; similarity: number } | undefined {
    let hit = this.fuzzyCache.get(window);
    if (hit === undefined) {
      hit = null;
      for (const result of this.fuseByInitial.get(window[0])?.search(window, { limit: 5 }) ?? []) {
        const similarity = typoSimilarity(window, result.item);
        if (similarity < MIN_FUZZY_SIMILARITY || (hit && similarity <= hit.similarity)) continue;
        const short = result.item.length < MIN_SUBSTITUTION_KEY_LENGTH;
        if (short && oneLetterChanged(window, result.item)) continue;
        hit = { key: result.item, similarity };
      }
      if (this.fuzzyCache.size > MAX_FUZZY_CACHE) this.fuzzyCache.clear();
      this.fuzzyCache.set(window, hit);
    }
    if (!hit) return undefined;
    const entry = this.keys.get(hit.key);
    return entry && { entry, similarity: hit.similarity };
  }
}

/**
 * An ordinary word that several clubs share ("real", "city", "united") names a club only when
 * written as a name ("City") or set against the other side ("city vs villa"): in "a real $500
 * bet" or "bet it for real" it is just a word.
 */
const VERSUS = new Set(['vs', 'v', 'x', 'versus', 'contra', 'against', 'vrs']);
function writtenAsName(text: string, tokens: Token[], index: number): boolean {
  const token = tokens[index];
  const first = text.charAt(token.start);
  if (first !== first.toLowerCase()) return true;
  return VERSUS.has(tokens[index - 1]?.norm ?? '') || VERSUS.has(tokens[index + 1]?.norm ?? '');
}

const CLUB_ARTICLES = new Set(['al', 'del', 'el']);

/**
 * Articles Spanish and Portuguese put before a club ("el América", "al City", "pro Galo", "no
 * United", "jogo do Flamengo"). English "do" asks a question ("do City play?"): it counts only
 * after a word that is not a question word.
 */
const ES_PT_CLUB_ARTICLES = new Set(['el', 'al', 'del', 'o', 'ao', 'no', 'pro', 'pelo']);
const QUESTION_WORDS = new Set('when what where how who which why and so also then'.split(' '));

function followsClubArticle(tokens: Token[], index: number): boolean {
  const article = tokens[index - 1]?.norm;
  if (article === undefined) return false;
  if (article === 'do') return index >= 2 && !QUESTION_WORDS.has(tokens[index - 2].norm);
  return ES_PT_CLUB_ARTICLES.has(article);
}

/**
 * Cities people write by their initials. Only in capitals: "la" is also the article in Spanish
 * and Portuguese, "LA" is Los Angeles.
 */
const CITY_INITIALS = new Map([
  ['la', 'los angeles'],
  ['ny', 'new york'],
]);

/** The token's words for the ambiguity check: a city written as its initials stands for the city. */
function cityOfInitials(text: string, token: Token): string {
  // A Map, not an object literal: asked of every word, where a miss on an object walks its prototype.
  const city = CITY_INITIALS.get(token.norm);
  // Asked of every word of every message: the written form is read only for initials.
  if (!city) return token.norm;
  const raw = text.slice(token.start, token.end);
  return raw === raw.toUpperCase() ? city : token.norm;
}

/** Words too plain to stand for a club even when several names share them. */
const NOT_A_NAME_PART = new Set('fc cf sc ac as afc ssc sl cp club de del do da la el los las san santa st the of'.split(' '));

/**
 * Leading words and distinctive words that two or more names share ("madrid": Real Madrid and
 * Atletico Madrid; "new york": New York City FC and New York Knicks). Said alone, such a part
 * is a question, not a team. Worked out from the catalogue itself, so it follows what is offered.
 */
function sharedParts(names: string[], aliasGroups: AliasGroup[] = []): Map<string, string[]> {
  const full = new Set(names.map((n) => normalizeName(n)));
  const owners = new Map<string, Set<string>>();
  const add = (part: string, name: string) => {
    if (!NOT_A_NAME_PART.has(part) && !full.has(part)) owners.set(part, (owners.get(part) ?? new Set()).add(name));
  };
  for (const name of names) for (const part of partsOf(name)) add(part, name);
  const sharedByNames = new Set([...owners].filter(([, o]) => o.size >= 2).map(([part]) => part));
  // A club's other full names count too: "Los Angeles FC" shares "los angeles" with the Lakers.
  // A part the alias table gives one club outright ("milan") stays that club's, unless the
  // catalogue's own names share it ("atletico": Atletico Madrid, Atletico Mineiro).
  const groups = aliasGroups
    .map((group) => ({ group, canonical: names.find((n) => group.names.some((g) => normalizeName(g) === normalizeName(n))) }))
    .filter((g): g is { group: AliasGroup; canonical: string } => g.canonical !== undefined);
  const claimed = new Set(groups.flatMap(({ group }) => group.aliases.map((a) => normalizeName(a))));
  for (const { group, canonical } of groups) {
    for (const spelling of [...group.names, ...group.aliases]) {
      if (!normalizeName(spelling).includes(' ')) continue;
      for (const part of partsOf(spelling)) if (!claimed.has(part) || sharedByNames.has(part)) add(part, canonical);
    }
  }
  const shared = new Map<string, string[]>();
  for (const [part, owned] of owners) if (owned.size >= 2) shared.set(part, [...owned]);
  return shared;
}

/** Leading runs of words and the longer words of a name ("new york city fc" → "new", "new york", …). */
function partsOf(spelling: string): Set<string> {
  const words = normalizeName(spelling).split(' ');
  const parts = new Set<string>();
  for (let n = 1; n < words.length; n++) parts.add(words.slice(0, n).join(' '));
  for (const word of words) if (word.length >= 4) parts.add(word);
  return parts;
}

/**
 * Names people use for a club that the catalogue spells in full: "FC Porto" → "porto",
 * "Borussia Dortmund" → "dortmund" (weak: only with a sports cue). Ambiguous ones are dropped by the index.
 */
function deriveAliases(name: string): Array<{ key: string; weak: boolean }> {
  const words = normalizeName(name).split(' ');
  if (words.length < 2) return [];
  const out: Array<{ key: string; weak: boolean }> = [];
  const core = words.filter((w) => !GENERIC_NAME_WORDS.has(w));
  if (core.length > 0 && core.length < words.length)
    out.push({ key: core.join(' '), weak: COMMON_WORDS.has(core.join(' ')) });
  for (const word of core) {
    if (word.length >= 4 && !COMMON_WORDS.has(word)) out.push({ key: word, weak: true });
  }
  return out;
}

/** Same length, one position different: a substitution, not a doubled or swapped letter. */
function oneLetterChanged(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let changed = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++changed > 1) return false;
  return changed === 1;
}

/** 1 − (optimal string alignment distance / longer length). */
export function typoSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return 1 - d[a.length][b.length] / Math.max(a.length, b.length);
}

interface Candidate extends EntityMention {
  first: number;
  length: number;
  weak: boolean;
  fuzzy: boolean;
}

/**
 * Finds the teams and tournaments of the sports API's catalogue in what people type: canonical
 * names, nicknames of the alias table (en/es/pt), names without accents or with a typo.
 */
export class CatalogueResolver {
  private constructor(
    private readonly teams: NameIndex,
    private readonly tournaments: NameIndex,
    /** Blocked phrases (as normalised words) by their first word. */
    private readonly blocked: Map<string, string[][]>,
    /** Each team's tournaments, to tell which of two namesakes a match means. */
    private readonly leagues: Map<string, ReadonlySet<string>>,
    /** Well-known clubs the catalogue does not have (teams-elsewhere.ts), read exactly as written. */
    private readonly elsewhere: NameIndex,
    /** The teams of basketball tournaments, to tell "the hoops one" from the football ones. */
    private readonly basketball: ReadonlySet<string>,
    /** The book's basketball competitions, by name: what "basketball" names when said for itself. */
    private readonly basketballLeagues: readonly string[],
  ) {}

  static fromCatalogue(catalogue: Catalogue): CatalogueResolver {
    const teamNames = [...new Set(catalogue.teams.map((t) => t.name))];
    const tournamentNames = [...new Set(catalogue.tournaments.map((t) => t.name))];
    const teams = new NameIndex(teamNames, TEAM_ALIASES);
    return new CatalogueResolver(
      teams,
      new NameIndex(tournamentNames, TOURNAMENT_ALIASES),
      byFirstWord(BLOCKED_PHRASES.map((p) => normalizeName(p).split(' '))),
      new Map(catalogue.teams.map((t) => [t.name, new Set(t.tournamentIds)])),
      elsewhereIndex(TEAMS_ELSEWHERE, teams),
      basketballTeams(catalogue),
      [...new Set(basketballTournaments(catalogue).map((t) => t.name))],
    );
  }

  static empty(): CatalogueResolver {
    return CatalogueResolver.fromCatalogue({ teams: [], tournaments: [] });
  }

  get isEmpty(): boolean {
    return this.teams.size === 0 && this.tournaments.size === 0;
  }

  /** Every team mentioned in the text, in order of appearance, without overlaps or repeats. */
  findTeams(text: string): EntityMention[] {
    return this.find(text).teams;
  }

  findTournaments(text: string): EntityMention[] {
    return this.find(text).tournaments;
  }

  /** Teams and tournaments in one pass; a span claimed by a tournament is not also a team. */
  find(text: string): {
    teams: EntityMention[];
    tournaments: EntityMention[];
    ambiguous: Array<AmbiguousMention & { start: number; end: number }>;
    /** Well-known clubs the book does not offer ("Celtic", "Galatasaray"). */
    elsewhere: EntityMention[];
  } {
    const tokens = tokenize(text);
    const blocked = this.blockedRanges(tokens);
    const tournaments = this.candidates(tokens, blocked, new Set(), this.tournaments).filter(
      (c) => !anotherDivision(tokens, c),
    );
    const taken = new Set<number>();
    for (const c of tournaments) for (let i = c.first; i < c.first + c.length; i++) taken.add(i);
    // A club the book does not offer is that club, not a typo of an offered one nor the offered
    // "Real" or "Atletico" inside its name: its words are not read again as a team.
    const elsewhere = this.candidates(tokens, blocked, taken, this.elsewhere);
    for (const c of elsewhere) for (let i = c.first; i < c.first + c.length; i++) taken.add(i);
    // "the Rome lads", "el equipo de Roma": the city is a question, not the club named like it.
    const cities = this.cityClubs(tokens, taken);
    const teams = this.candidates(tokens, blocked, taken, this.teams);
    if (cities.teams.length) {
      teams.push(...cities.teams);
      teams.sort((a, b) => a.first - b.first);
    }
    // Asked only when no name settles it: most messages name a team outright.
    const hasCue = () => tokens.some((t) => SPORTS_CUES.has(t.norm));
    // Where a stake is put on a name ("20 on villa"): read once, and only by a message that needs it.
    let stakedStarts: Set<number> | undefined;
    const staked = () => (stakedStarts ??= stakedNameStarts(tokens));
    let clear = teams;
    let ambiguous: Array<AmbiguousMention & { first: number; start: number; end: number }> = [];
    const shared = this.ambiguities(text, tokens, teams, taken, blocked);
    // Most messages hold no part that several teams share, and skip all of this.
    if (shared.length > 0 || cities.questions.length > 0) {
      const cued = tokens.length <= 3 || hasCue();
      const named = teams.some(isStrong) || tournaments.some(isStrong);
      const found = shared
        .filter((a) => cued || named || staked().has(a.first))
        .filter(
          (a) =>
            !COMMON_WORDS.has(a.mention) ||
            writtenAsName(text, tokens, a.first) ||
            this.namedByArticle(tokens, a),
        );
      // A city said for its clubs is sport talk of its own.
      found.push(...cities.questions);
      // A team read from inside the ambiguous words ("angeles" of "los angeles") is that same question.
      const inside = (c: Candidate, a: { first: number; mention: string }) =>
        c.first >= a.first && c.first < a.first + a.mention.split(' ').length;
      clear = found.length ? teams.filter((c) => !found.some((a) => inside(c, a))) : teams;
      const settle = (a: { first: number; mention: string }, name: string) => {
        clear = [...clear, candidate(tokens, a.first, a.mention.split(' ').length, name, SCORE.derived, false, false)];
      };
      // "el City", "al Madrid", "o United": Spanish and Portuguese football talk names a club by
      // its article and the word the alias table gives it.
      const unsettled = found.filter((a) => {
        const nickname = this.nicknameAfterArticle(tokens, a);
        if (nickname) settle(a, nickname);
        return !nickname;
      });
      // "City vs Villa": the City that plays in Villa's league; "United - City": the two clubs those
      // nicknames name, when they meet in a league (the Manchester derby).
      ambiguous = unsettled.filter((a) => {
        const nicknamed = unsettled.filter((b) => b !== a).flatMap((b) => this.nicknameOf(b.mention) ?? []);
        const settled =
          this.namesakeOf(a.candidates, [...clear.map((c) => c.name), ...nicknamed]) ?? this.nicknameAmong(a, nicknamed);
        if (settled) settle(a, settled);
        return !settled;
      });
      clear.sort((a, b) => a.first - b.first);
    }
    const strongMention = clear.some(isStrong) || tournaments.some(isStrong);
    const sporty = strongMention || tokens.length <= 2 || hasCue();
    // A stake put on a name ("20 on villa") trusts that one name, not every word of the message.
    // So does an article before it ("el América", "pro Galo"): people do not put one before a word.
    const keep = (c: Candidate) =>
      (!c.weak && !c.fuzzy) || sporty || staked().has(c.first) || (!c.fuzzy && followsClubArticle(tokens, c.first));
    return {
      teams: dedupe(clear.filter(keep)),
      tournaments: dedupe(tournaments.filter(keep)),
      ambiguous: ambiguous.map(({ mention, candidates, start, end }) => ({ mention, candidates, start, end })),
      elsewhere: dedupe(elsewhere),
    };
  }

  /**
   * The one namesake that shares a tournament with teams named beside it or just before ("and
   * for Atletico?" after a La Liga question), if exactly one does.
   */
  namesakeOf(candidates: string[], others: string[]): string | undefined {
    if (others.length === 0) return undefined;
    // Every namesake in a message or a follow-up ("Real Madrid" holds "real" and "madrid") comes
    // here: walked without copying the league sets.
    let fit: string | undefined;
    for (const name of candidates) {
      const own = this.leagues.get(name);
      if (!own || !others.some((other) => !candidates.includes(other) && sharesAny(this.leagues.get(other), own))) continue;
      if (fit !== undefined) return undefined;
      fit = name;
    }
    return fit;
  }

  /** The club the alias table gives a word that is also an ordinary word ("city" → Manchester City). */
  private nicknameOf(mention: string): string | undefined {
    const entry = this.teams.exact(mention);
    return entry?.weak ? entry.canonical : undefined;
  }

  /** The club of a shared word said with a Spanish or Portuguese article ("el City", "al Madrid", "no United"). */
  private nicknameAfterArticle(tokens: Token[], mention: { first: number; mention: string }): string | undefined {
    return followsClubArticle(tokens, mention.first) ? this.nicknameOf(mention.mention) : undefined;
  }

  /**
   * The nickname's club, when it is one of the mention's and meets, in a league, the club another
   * nickname of the message names ("United - City"; "Madrid vs Sevilla" stays a question).
   */
  private nicknameAmong(mention: AmbiguousMention, others: string[]): string | undefined {
    const club = this.nicknameOf(mention.mention);
    if (!club || !mention.candidates.includes(club)) return undefined;
    const own = this.leagues.get(club);
    return own && others.some((other) => other !== club && sharesAny(this.leagues.get(other), own)) ? club : undefined;
  }

  /**
   * Spanish names a club with its article ("ponle 15 al real", "cuotas del real"): there a word
   * several clubs share is a club, unless it is one club's own nickname ("el city").
   */
  private namedByArticle(tokens: Token[], mention: { first: number; mention: string }): boolean {
    return CLUB_ARTICLES.has(tokens[mention.first - 1]?.norm ?? '') && !this.teams.exact(mention.mention);
  }

  /**
   * Words that several teams share, said on their own: a team matched from just those words
   * ("atletico" → one Atlético of two), or no team at all ("olympique"). A longer match
   * ("Atletico Mineiro") is no question.
   */
  private ambiguities(
    text: string,
    tokens: Token[],
    teams: Candidate[],
    taken: Set<number>,
    blocked: Array<[number, number]>,
  ): Array<AmbiguousMention & { first: number; start: number; end: number }> {
    // Most messages have no word that begins a shared part: they leave before anything is built.
    // A city written as its initials ("LA") begins one too.
    const begins = (token: Token) => this.teams.beginsShared(token.norm) || cityOfInitials(text, token) !== token.norm;
    let from = 0;
    while (from < tokens.length && !begins(tokens[from])) from++;
    if (from === tokens.length) return [];
    const found: Array<AmbiguousMention & { first: number; start: number; end: number }> = [];
    const covered = (first: number, length: number) =>
      teams.some((c) => c.first <= first && c.first + c.length >= first + length && c.length > length);
    for (let i = from; i < tokens.length; i++) {
      if (!begins(tokens[i])) continue;
      for (let n = 2; n >= 1; n--) {
        if (i + n > tokens.length || taken.has(i) || covered(i, n)) continue;
        if (insideBlocked(blocked, i, i + n - 1)) continue;
        const key = n === 1 ? cityOfInitials(text, tokens[i]) : `${tokens[i].norm} ${tokens[i + 1].norm}`;
        const candidates = this.teams.sharedBy(key);
        if (!candidates || found.some((f) => f.first <= i && i < f.first + 2)) continue;
        const matched = teams.find((c) => c.first === i && c.length === n);
        if (matched && !candidates.includes(matched.name)) continue;
        found.push({ mention: key, candidates, first: i, start: tokens[i].start, end: tokens[i + n - 1].end });
        break;
      }
    }
    return found;
  }

  /**
   * The clubs of cities said for their clubs ("the Rome lads", "o time do Rio", "derbi de Madrid"),
   * as the catalogue names them: a city with several is a question, its derby the match of two,
   * one left in the catalogue is that club. Their words are taken, so "Roma" in "el equipo de
   * Roma" is not read again as AS Roma.
   */
  private cityClubs(
    tokens: Token[],
    taken: Set<number>,
  ): CityClubs {
    const mentions = cityMentions(tokens, taken);
    // Most messages name no city for its clubs: they share one empty answer.
    if (mentions.length === 0) return NO_CITY_CLUBS;
    const teams: Candidate[] = [];
    const questions: Array<AmbiguousMention & { first: number; start: number; end: number }> = [];
    for (const city of mentions) {
      const clubs = city.clubs.flatMap((club) => this.teams.exact(normalizeName(club))?.canonical ?? []);
      if (clubs.length === 0) continue;
      for (let i = city.first; i < city.first + city.length; i++) taken.add(i);
      const named = (club: string) => candidate(tokens, city.first, city.length, club, SCORE.alias, false, false);
      if (clubs.length === 1 || (city.derby && clubs.length === 2)) teams.push(...clubs.map(named));
      else {
        const { start } = tokens[city.first];
        const { end } = tokens[city.first + city.length - 1];
        questions.push({ mention: city.city, candidates: clubs, first: city.first, start, end });
      }
    }
    return { teams, questions };
  }

  /**
   * The one of `candidates` a reply to "which one?" names: by a name or nickname, the ones that
   * are ordinary words too ("do Galo", "the heat"), since the question made it sport talk; or by
   * its sport ("the hoops one", "el de fútbol") when only one candidate plays it.
   */
  pickAmong(reply: string, candidates: string[]): string | undefined {
    const tokens = tokenize(reply);
    const named = new Set(
      this.candidates(tokens, NO_RANGES, new Set(), this.teams)
        .map((c) => c.name)
        .filter((name) => candidates.includes(name)),
    );
    if (named.size > 0) return named.size === 1 ? [...named][0] : undefined;
    const basketball = tokens.some((t) => BASKETBALL_WORDS.has(t.norm));
    const football = tokens.some((t) => FOOTBALL_WORDS.has(t.norm));
    if (basketball === football) return undefined;
    const fits = candidates.filter((name) => this.basketball.has(name) === basketball);
    return fits.length === 1 ? fits[0] : undefined;
  }

  /**
   * The competitions of a sport the text names by the sport's own word ("any basketball tonight?",
   * "e basquete?", "partidos de baloncesto"): the book's basketball leagues. Football is the book's
   * default and names no list of its own; a league named outright is the resolver's usual reading.
   */
  sportLeagues(text: string): readonly string[] {
    if (this.basketballLeagues.length === 0 || !SPORT_WORD.test(text)) return NO_LEAGUES;
    return tokenize(text).some((t) => t.norm !== 'nba' && BASKETBALL_WORDS.has(t.norm)) ? this.basketballLeagues : NO_LEAGUES;
  }

  /** One name as a tool receives it ("barca", "Man Utd", "Barcelonna") → the catalogue's name. */
  resolveTeam(name: string): ResolvedName | undefined {
    // A club the book does not offer is no typo of one it does ("Celtic" is not the Celtics).
    if (this.elsewhere.exact(normalizeName(name))) return undefined;
    return this.resolveOne(name, this.teams);
  }

  /**
   * The offered team whose name is nearest a misspelt one ("Barsalona" → Barcelona), looser than
   * the reading itself, so the answer can ask instead of refusing. Only asked for names nothing matched.
   */
  closestTeam(name: string): string | undefined {
    const key = normalizeName(name);
    if (this.elsewhere.exact(key)) return undefined;
    return key.length >= MIN_FUZZY_LENGTH ? this.teams.nearest(key, MIN_SUGGESTION_SIMILARITY) : undefined;
  }

  resolveTournament(name: string): ResolvedName | undefined {
    return this.resolveOne(name, this.tournaments);
  }

  private resolveOne(name: string, index: NameIndex): ResolvedName | undefined {
    const key = normalizeName(name);
    if (!key) return undefined;
    const exact = index.exact(key);
    // A lone name needs no sports cue: the caller already knows it is a team or tournament.
    if (exact) return { name: exact.canonical, score: SCORE[exact.source] };
    if (key.length >= MIN_FUZZY_LENGTH) {
      const fuzzy = index.fuzzy(key);
      if (fuzzy) return { name: fuzzy.entry.canonical, score: round(fuzzy.similarity * 0.95) };
    }
    // "FC Barcelona B" or "the Barcelona team": take the best mention inside.
    const inner = this.candidates(tokenize(name), NO_RANGES, new Set(), index).sort((a, b) => b.score - a.score)[0];
    return inner && { name: inner.name, score: round(inner.score * 0.9) };
  }

  /** Token ranges [first, last] of phrases like "Copa América" whose parts must not match alone. */
  private blockedRanges(tokens: Token[]): Array<[number, number]> {
    const ranges: Array<[number, number]> = [];
    for (let i = 0; i < tokens.length; i++) {
      for (const phrase of this.blocked.get(tokens[i].norm) ?? NO_PHRASES) {
        if (i + phrase.length > tokens.length) continue;
        let k = 1;
        while (k < phrase.length && tokens[i + k].norm === phrase[k]) k++;
        if (k === phrase.length) ranges.push([i, i + phrase.length - 1]);
      }
    }
    return ranges;
  }

  private candidates(
    tokens: Token[],
    blocked: Array<[number, number]>,
    taken: Set<number>,
    index: NameIndex,
  ): Candidate[] {
    const found: Candidate[] = [];
    for (let i = 0; i < tokens.length; i++) {
      let key = '';
      for (let n = 1; n <= index.maxWindow && i + n <= tokens.length; n++) {
        const last = i + n - 1;
        if (taken.has(last)) break;
        // Two words the first of which begins no key can only match fuzzily, and past them
        // nothing: most pairs are not even worth a fuzzy look, and are not joined into a key.
        if (n === 2 && !index.continues(key) && (index.exactOnly || !this.fuzzyEligiblePair(tokens[i].norm, tokens[last].norm))) break;
        key = n === 1 ? tokens[i].norm : `${key} ${tokens[last].norm}`;
        // Words inside a blocked phrase are skipped; a name that reaches past it is not ("club
        // world cup", "the river plate", "for real madrid", "internacional de porto alegre").
        if (!insideBlocked(blocked, i, last)) this.match(tokens, i, n, key, index, found);
        // Only windows of one or two words are matched fuzzily; past that, a longer window can
        // only match exactly, which needs these words to begin some key.
        if (n >= 2 && !index.continues(key)) break;
      }
    }
    if (found.length <= 1) return found;
    // Exact before fuzzy, then the longest span, then the surest; earlier mentions win ties.
    found.sort(
      (a, b) =>
        Number(a.fuzzy) - Number(b.fuzzy) || b.length - a.length || b.score - a.score || a.first - b.first,
    );
    const used = new Set<number>();
    const chosen: Candidate[] = [];
    for (const c of found) {
      let free = true;
      for (let x = c.first; x < c.first + c.length && free; x++) free = !used.has(x);
      if (!free) continue;
      for (let x = c.first; x < c.first + c.length; x++) used.add(x);
      chosen.push(c);
    }
    return chosen.sort((a, b) => a.first - b.first);
  }

  /** The exact or (for one or two words) fuzzy match of tokens[first..first+n), if any, into `found`. */
  private match(tokens: Token[], first: number, n: number, key: string, index: NameIndex, found: Candidate[]): void {
    const exact = index.exact(key);
    if (exact) {
      const score = SCORE[exact.source] - (exact.weak ? WEAK_PENALTY : 0);
      found.push(candidate(tokens, first, n, exact.canonical, round(score), exact.weak, false));
      return;
    }
    if (n > 2 || index.exactOnly || !this.fuzzyEligible(tokens, first, n, key)) return;
    const fuzzy = index.fuzzy(key);
    if (fuzzy)
      found.push(candidate(tokens, first, n, fuzzy.entry.canonical, round(fuzzy.similarity * 0.95), fuzzy.entry.weak, true));
  }

  /** fuzzyEligible of the window of these two words, read from the words (their key is one longer). */
  private fuzzyEligiblePair(first: string, second: string): boolean {
    if (first.length + 1 + second.length < MIN_FUZZY_LENGTH || /\d/.test(first) || /\d/.test(second)) return false;
    return first.length >= 3 && second.length >= 3 && !COMMON_WORDS.has(first) && !COMMON_WORDS.has(second);
  }

  private fuzzyEligible(tokens: Token[], first: number, n: number, key: string): boolean {
    if (key.length < MIN_FUZZY_LENGTH || /\d/.test(key)) return false;
    for (let k = first; k < first + n; k++) {
      const norm = tokens[k].norm;
      if (norm.length < 3 || COMMON_WORDS.has(norm)) return false;
    }
    return true;
  }
}

/**
 * "série C", "Ligue 2": the first words of an offered tournament's name ("Serie A", "Ligue 1")
 * followed by another letter or number name another division of it, not a short form of it.
 */
function anotherDivision(tokens: Token[], c: Candidate): boolean {
  const next = tokens[c.first + c.length]?.norm;
  if (next === undefined || next.length > 2) return false;
  const name = normalizeName(c.name).split(' ');
  const said = tokens.slice(c.first, c.first + c.length).map((t) => t.norm);
  return name.length > said.length && said.every((word, i) => word === name[i]) && name[said.length] !== next;
}

function insideBlocked(blocked: Array<[number, number]>, first: number, last: number): boolean {
  for (const [from, to] of blocked) if (from <= first && last <= to) return true;
  return false;
}

function sharesAny(some: ReadonlySet<string> | undefined, others: ReadonlySet<string>): boolean {
  if (some) for (const item of some) if (others.has(item)) return true;
  return false;
}

/** Named outright: not an ordinary word, not a typo. */
function isStrong(c: Candidate): boolean {
  return !c.weak && !c.fuzzy;
}

function candidate(
  tokens: Token[],
  first: number,
  length: number,
  name: string,
  score: number,
  weak: boolean,
  fuzzy: boolean,
): Candidate {
  return { first, length, start: tokens[first].start, end: tokens[first + length - 1].end, name, score, weak, fuzzy };
}

/** A sport named in a reply ("the hoops one", "el de fútbol", "o do basquete"). */
const BASKETBALL_WORDS = new Set('basketball basket hoops nba baloncesto basquet basquetbol basquete basquetebol'.split(' '));
/** What a message naming basketball by its word cannot do without (most messages skip the tokenizing). */
const SPORT_WORD = /basket|hoops|balonc|b[aá]squet/i;
const NO_LEAGUES: readonly string[] = [];
const FOOTBALL_WORDS = new Set('football soccer futbol futebol fut'.split(' '));
/** Tournaments of basketball, by name: the catalogue gives sports as ids only. */
const BASKETBALL_TOURNAMENT = /\b(?:nba|wnba|basket\w*|baloncesto|euroleague|euroliga)\b/i;

function basketballTournaments(catalogue: Catalogue): Catalogue['tournaments'] {
  return catalogue.tournaments.filter((t) => BASKETBALL_TOURNAMENT.test(t.name));
}

function basketballTeams(catalogue: Catalogue): Set<string> {
  const ids = new Set(basketballTournaments(catalogue).map((t) => t.id));
  return new Set(catalogue.teams.filter((t) => t.tournamentIds.some((id) => ids.has(id))).map((t) => t.name));
}

/** The clubs of the cities a message names for their clubs (cityClubs): settled ones, and questions. */
interface CityClubs {
  readonly teams: readonly Candidate[];
  readonly questions: ReadonlyArray<AmbiguousMention & { first: number; start: number; end: number }>;
}
const NO_CITY_CLUBS: CityClubs = { teams: [], questions: [] };

const NO_RANGES: Array<[number, number]> = [];
const NO_PHRASES: string[][] = [];

function byFirstWord(phrases: string[][]): Map<string, string[][]> {
  const map = new Map<string, string[][]>();
  for (const phrase of phrases) map.set(phrase[0], [...(map.get(phrase[0]) ?? []), phrase]);
  return map;
}

/**
 * The clubs elsewhere the catalogue does not name: a name or nickname the catalogue (or its alias
 * table) holds is the offered team's, so it is left out here.
 */
function elsewhereIndex(clubs: ClubElsewhere[], teams: NameIndex): NameIndex {
  const free = (spelling: string) => !teams.exact(normalizeName(spelling));
  const kept = clubs.filter((club) => free(club.name));
  return new NameIndex(
    kept.map((club) => club.name),
    kept.map((club) => ({ names: [club.name], aliases: (club.aliases ?? []).filter(free) })),
    true,
  );
}

function dedupe(candidates: Candidate[]): EntityMention[] {
  const seen = new Set<string>();
  const out: EntityMention[] = [];
  for (const c of candidates) {
    if (seen.has(c.name)) continue;
    seen.add(c.name);
    out.push({ name: c.name, score: c.score, start: c.start, end: c.end });
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
