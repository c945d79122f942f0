import { Injectable } from '@nestjs/common';
import { type Entities, type Intent, type Language, type MarketKey, marketOfOutcome, type PickStyle } from '../common/protocol';
import { foldAccents } from '../common/text';
import { type AmbiguousMention, CatalogueResolver } from './catalogue/catalogue-resolver';
import { seedCatalogue } from './catalogue/seed-catalogue';
import type { Catalogue } from '../sports-api/domain';
import { AmountExtractor } from './amount-extractor';
import { EN_CORPUS } from './corpus/corpus.en';
import { ES_CORPUS } from './corpus/corpus.es';
import { PT_CORPUS } from './corpus/corpus.pt';
import type { IntentCorpus } from './corpus/corpus.types';
import { expandSlang } from './chat-slang';
import { DateExtractor } from './date-extractor';
import { applyFollowUp, askedOnAnotherClock } from './follow-up';
import { IntentClassifier, type LabelledFeatures } from './intent-classifier';
import { type EntitySignals, intentFeatures, visitFeatures, words } from './intent-features';
import { ruleIntent } from './intent-rules';
import { LanguageDetector } from './language-detector';
import { asksForMarkets, MarketExtractor } from './market-extractor';
import { LanguageUnderstanding, type NluContext, type NluResult } from './nlu.types';
import { answerWhichTeam, pointAtFocus, pointAtListing, pointAtMatch } from './pointing';
import { type GateScan, WordGate } from './word-gate';
import { readSlip, type SlipReading } from './slip-reader';
import { clockSpans, keptUserZone, readZones } from './zone-extractor';
import { facingTeam, readUnknown, readUnofferedMarket } from './coverage-reader';

/**
 * How far ahead a message's language must score to override the language the client prefers (its
 * UI's): a short "50 al Barça" from an English page stays Spanish only when it says so clearly.
 */
const CLEARLY_ANOTHER_LANGUAGE = 2;
/** How far back a namesake is looked up in the conversation ("madrid" three messages after "Real Madrid"). */
const RECENT_MESSAGES = 3;
/** Below this the classifier's answer is not trusted and the message is UNCLEAR. */
const MIN_CONFIDENCE = 0.3;
/** Messages whose words the classifier has mostly never seen ("qzxv plomk") are gibberish. */
const MIN_FAMILIARITY = 0.34;
/** Intents about concepts, not bets: "how does double chance work?" names a market but asks for no price. */
const NO_BET_ENTITIES = new Set<Intent>(['GENERAL_SPORTS_QUERY', 'HELP_REQUEST', 'GREETING', 'UNCLEAR']);

interface Reading {
  language: Language;
  residue: string;
  entities: Entities;
  ambiguous: AmbiguousMention[];
  /** Well-known clubs the book does not offer, as the catalogue resolver names them. */
  elsewhere: string[];
  /** The offered team a "vs" may set against something not offered ("PSV vs Feyenoord", "Boca vs Belgrano"). */
  facing?: string;
}

/**
 * Local language understanding (DESIGN §2 step 4): language, intent with a calibrated
 * confidence, entities resolved against the sports API's catalogue, follow-up carry-over.
 * Synchronous and sub-millisecond on a warm process; the classifier trains at construction.
 */
@Injectable()
export class NluService extends LanguageUnderstanding {
  /** The seed catalogue until the sports API's own has loaded (NluModule), so the first messages resolve names too. */
  private resolver = CatalogueResolver.fromCatalogue(seedCatalogue());
  private readonly languages = new LanguageDetector();
  private readonly amounts = new AmountExtractor();
  private readonly markets = new MarketExtractor();
  private readonly dates = new DateExtractor();
  private readonly classifier: IntentClassifier;

  constructor() {
    super();
    this.classifier = this.train([
      ['en', EN_CORPUS],
      ['es', ES_CORPUS],
      ['pt_br', PT_CORPUS],
    ]);
  }

  /** Rebuilds the team/tournament resolver from the sports API's catalogue (called at startup). */
  useCatalogue(catalogue: Catalogue): void {
    this.resolver = CatalogueResolver.fromCatalogue(catalogue);
  }

  /** The teams an earlier message names, for follow-ups ("both home teams"); one function for every turn. */
  private readonly teamsOf = (message: string): string[] => this.resolver.findTeams(message).map((m) => m.name);

  /** Which of the teams a "which one?" offered a reply names; one function for every turn. */
  private readonly pickAmong = (reply: string, candidates: string[]): string | undefined =>
    this.resolver.pickAmong(reply, candidates);

  /** The resolver in use, for tools that resolve a single name ("barca" → "Barcelona"). */
  get catalogue(): CatalogueResolver {
    return this.resolver;
  }

  analyze(text: string, context: NluContext): NluResult {
    const fallbackLanguage = context.preferredLanguage ?? context.previous?.language ?? 'en';
    // "and in Tokyo?" right after a kick-off question asks that kick-off on Tokyo's clock.
    const afterATimeQuestion = context.previous?.intent === 'MATCH_SCHEDULE_QUERY' || context.previous?.timezone !== undefined;
    const reading = this.read(
      text,
      this.resolver,
      fallbackLanguage,
      context.referenceDate ?? new Date(),
      context.preferredLanguage ? CLEARLY_ANOTHER_LANGUAGE : 0,
      afterATimeQuestion,
    );
    this.settleFromContext(reading, context);
    const { intent, confidence } = this.classify(text, reading);
    const followed = applyFollowUp(text, { intent, confidence, entities: reading.entities }, context, this.teamsOf);
    const slip = readSlip(reading.residue, reading.entities.amounts, reading.entities.markets.length > 0);
    // "10 on Madrid" names a team, only not which one: it is no bare amount.
    if (reading.ambiguous.length) delete slip.amountOnly;
    const zones = readZones(reading.residue, text, afterATimeQuestion);
    const timezone = zones.zone;
    const betting = this.bettingTurn(text, slip, followed, context);
    const unknownRead = readUnknown(reading.residue, {
      teams: reading.entities.teams.length,
      tournaments: reading.entities.tournaments,
      ambiguous: reading.ambiguous.length,
      elsewhere: reading.elsewhere,
      facing: reading.facing,
    }, text);
    // "any basketball tonight?", "e basquete?", "partidos de baloncesto": the sport's own word (read
    // as no unknown name), with no team or league of the message's own. "la Euroliga de basket" is
    // still a league not offered.
    const named = reading.entities.teams.length + reading.entities.tournaments.length > 0;
    const sportLeagues =
      named || (unknownRead && this.resolver.sportLeagues(unknownRead.name).length === 0)
        ? NO_NAMES
        : this.resolver.sportLeagues(reading.residue);
    const unknown = sportLeagues.length ? undefined : unknownRead;
    if (unknown?.kind === 'team' && !reading.elsewhere.length) {
      const suggestion = this.resolver.closestTeam(unknown.name);
      if (suggestion) unknown.suggestion = suggestion;
    }
    const unofferedMarket = readUnofferedMarket(text);
    // The advice, pick and question patterns behind one gate: most messages hold none of their words.
    const cues = CUE_WORDS.scan(reading.residue);
    const advice = this.adviceTurn(text, cues, slip, followed.intent, context, named);
    // A market or an outcome of a named team ("Porto or the draw, double chance", "btts roma", "and
    // the draw?" after a kick-off) asks for its price, not for a definition or the kick-off again.
    const pickNamed =
      followed.entities.markets.length > 0 || slip.outcome !== undefined || cues.test(WIN_ASKED) || cues.test(ODDS_ASKED);
    // (a name that still needs "which one?" counts: the question asked stays the price once it is answered)
    const priceAsked =
      pickNamed &&
      (followed.entities.teams.length > 0 || reading.ambiguous.length > 0) &&
      (followed.intent === 'GENERAL_SPORTS_QUERY' ||
        followed.intent === 'UNCLEAR' ||
        (followed.intent === 'MATCH_SCHEDULE_QUERY' && !cues.test(TIME_ASKED)));
    // "knicks pra ganhar, quanto volta com 50?": what a stake on a team pays is asked of its prices.
    const payoutAsked =
      followed.entities.teams.length > 0 &&
      followed.entities.amounts.length > 0 &&
      !PAYOUT_INTENTS.has(followed.intent) &&
      cues.test(PAYOUT_ASKED);
    // "what else can I bet on in that game?", "quais tem então?" after corners: the markets of that match.
    const marketsOf = unknown ? [] : this.marketsAskedOf(text, reading.entities.teams, context);
    const finalIntent = marketsOf.length
      ? 'ODDS_INFORMATION_QUERY'
      : (advice?.intent ?? betting?.intent ?? (priceAsked || payoutAsked ? 'ODDS_INFORMATION_QUERY' : followed.intent));
    // Asked about something not offered: nothing carried over from earlier turns answers it (the
    // offered side of "PSV vs Feyenoord" is the message's own).
    const base = unknown
      ? { ...followed.entities, teams: unknown.facing ? [unknown.facing] : [], tournaments: [] }
      : marketsOf.length
        ? { ...followed.entities, teams: marketsOf, markets: [], amounts: [] }
        : (advice?.entities ?? betting?.entities ?? followed.entities);
    // A change to the slip keeps the market it names ("cámbiala a que marcan los dos"), whatever the intent.
    let entities =
      NO_BET_ENTITIES.has(finalIntent) && slip.act !== 'change' ? { ...base, markets: [] as MarketKey[], amounts: [] } : base;
    // The sport's leagues are the scope of a schedule, a price, a pick or a coverage question, over
    // names carried from earlier turns ("and in basketball?" after football tips).
    if (sportLeagues.length && !unknown && SPORT_SCOPED.has(finalIntent)) entities = { ...entities, teams: [], tournaments: [...sportLeagues] };
    // "20 on the yes", "y el menos?": the outcome names its market, over one carried from an earlier turn.
    const outcomeMarket = marketOfOutcome(slip.outcome);
    if (outcomeMarket && reading.entities.markets.length === 0 && entities.markets[0] !== outcomeMarket && !NO_BET_ENTITIES.has(finalIntent))
      entities = { ...entities, markets: [outcomeMarket] };
    const result: NluResult = {
      language: reading.language,
      intent: finalIntent,
      confidence: betting ? Math.max(followed.confidence, 0.8) : followed.confidence,
      entities,
      inherited: followed.inherited || !!betting?.inherited,
    };
    // Set rather than spread in (a spread builds an object per field), in the order the hints' JSON shows.
    if (hasSlipSignal(slip)) result.slip = slip;
    if (timezone) result.timezone = timezone;
    const userZone = keptUserZone(zones, context.previous?.userZone);
    if (userZone) result.userZone = userZone;
    if (unknown) result.unknown = unknown;
    if (unofferedMarket) result.unofferedMarket = unofferedMarket;
    if (marketsOf.length) result.asksMarkets = true;
    if (advice?.why) result.asksWhy = true;
    if (advice?.style) result.pickStyle = advice.style;
    if (advice?.count) result.pickCount = advice.count;
    if (reading.ambiguous.length) result.ambiguous = reading.ambiguous;
    // "what's that on Denver time", "tô em Recife" right after a kick-off: that kick-off on the clock named.
    if (timezone && afterATimeQuestion) askedOnAnotherClock(result, reading.entities, context);
    if (!advice?.why) {
      // "City or United?" → "el City": read against the names asked, before it is a question of its own.
      if (answerWhichTeam(text, result, reading.entities, context, this.pickAmong)) {
        delete result.unknown;
        delete result.ambiguous;
      } else if (!reading.ambiguous.length) {
        // "odds for the second one": the place in the list is no unknown team called "Second".
        if (pointAtListing(text, result, reading.entities, context)) delete result.unknown;
        else if (!unknown && !pointAtFocus(text, result, reading.entities, context)) pointAtMatch(result, reading.entities, context);
      }
    }
    return result;
  }

  /**
   * Advice asked for, whatever the classifier made of the words: "what would you bet on in…",
   * "un consejo para…", "palpite pro jogo…", "a low-risk bet"; and "why?" right after picks,
   * which asks for the reasons of those picks (same scope, carried over).
   */
  private adviceTurn(
    text: string,
    /** CUE_WORDS read over the message as the NLU reads it: names blanked, slang spelled out. */
    cues: GateScan,
    slip: SlipReading,
    intent: Intent,
    context: NluContext,
    /** The message names teams or competitions of its own. */
    named: boolean,
  ): { intent: Intent; entities?: Entities; why?: boolean; style?: PickStyle; count?: number } | undefined {
    const folded = foldAccents(text);
    const previous = context.previous;
    if (previous?.intent === 'BETTING_RECOMMENDATION' && cues.test(WHY) && folded.split(/\s+/).length <= 6) {
      // The reasons of the picks just given: as many as were asked for then.
      return {
        intent: 'BETTING_RECOMMENDATION',
        entities: previous.entities,
        why: true,
        ...(previous.pickCount ? { count: previous.pickCount } : {}),
        // The reasons of those very picks: an underdog's, not the favourite's.
        ...(previous.pickStyle ? { style: previous.pickStyle } : {}),
      };
    }
    if (slip.act || slip.stake !== undefined) return undefined;
    const style = pickStyleOf(cues);
    const count = pickCountOf(cues);
    const asked = { ...(style ? { style } : {}), ...(count ? { count } : {}) };
    // "an underdog for Sunday?" asks for a pick even when the classifier heard a schedule question;
    // chat slang is spelled out first ("what would u back…").
    // "and a safer one?", "which is the safest of those": right after picks, the same scope, another kind of pick.
    if (previous?.intent === 'BETTING_RECOMMENDATION' && (style || count) && !named && folded.split(/\s+/).length <= 6)
      return { intent: 'BETTING_RECOMMENDATION', entities: previous.entities, ...asked };
    if (style === 'underdog' || cues.test(ADVICE_ASK)) return { intent: 'BETTING_RECOMMENDATION', ...asked };
    // "recomiéndame algo de la NBA", "me fala uma pro jogo do Lakers": about a team or a league, a pick
    // (about a hotel, off topic).
    if (named && cues.test(SUGGEST_ONE)) return { intent: 'BETTING_RECOMMENDATION', ...asked };
    if (intent === 'BETTING_RECOMMENDATION' && (style || count)) return { intent, ...asked };
    return undefined;
  }

  /**
   * A bet in the making, whatever the classifier made of the words: a bet asked for a team
   * ("stick a bet on Porto"), or the stake that completes one asked for in the previous turn (a bare
   * "40 then" after the bet was asked without a stake), which inherits that team.
   */
  private bettingTurn(
    text: string,
    slip: SlipReading,
    followed: { intent: Intent; entities: Entities },
    context: NluContext,
  ): { intent: Intent; entities: Entities; inherited: boolean } | undefined {
    const previous = context.previous;
    const betAsked = previous?.intent === 'BET_SIMULATION' && previous.entities.teams.length > 0 && !previous.slip?.act;
    const awaitingStake = betAsked && previous.entities.amounts.length === 0;
    // A bare amount after a bet also answers "that is more than your balance: how much instead?".
    if (
      betAsked &&
      slip.stake !== undefined &&
      // "300 then, and what would I get?": the new stake, with its payout asked, is still that bet.
      (slip.amountOnly ||
        (awaitingStake && followed.entities.teams.length === 0) ||
        (slip.asksPayout && followed.entities.teams.every((team) => previous.entities.teams.includes(team))))
    ) {
      slip.wantsBet = true;
      return {
        intent: 'BET_SIMULATION',
        entities: {
          ...followed.entities,
          teams: followed.entities.teams.length ? followed.entities.teams : previous.entities.teams,
          markets: followed.entities.markets.length ? followed.entities.markets : previous.entities.markets,
          amounts: [slip.stake],
        },
        inherited: true,
      };
    }
    // "0" or "minus 5" in answer to "how much?": the bet asked for still stands, the answer asks for a real stake.
    if (awaitingStake && slip.stakeIssue && followed.entities.teams.length === 0) {
      return { intent: 'BET_SIMULATION', entities: { ...followed.entities, teams: previous.entities.teams }, inherited: true };
    }
    // "put 20 on it" → "which team?" → "Porto": the stake named before still stands.
    const awaitingTeam =
      previous?.intent === 'BET_SIMULATION' &&
      previous.entities.teams.length === 0 &&
      previous.entities.amounts.length > 0 &&
      !previous.slip?.act;
    if (awaitingTeam && followed.entities.teams.length > 0 && slip.stake === undefined && !slip.act && !ADVICE.test(text)) {
      slip.wantsBet = true;
      return {
        intent: 'BET_SIMULATION',
        entities: { ...followed.entities, amounts: previous.entities.amounts },
        inherited: true,
      };
    }
    // "25 on the Sevilla game" → "which outcome?" → "the draw": the stake and the match still stand
    // (with a slip open, the same reply changes its pick instead).
    const pickAwaited =
      previous?.intent === 'BET_SIMULATION' && previous.entities.teams.length > 0 && previous.entities.amounts.length > 0;
    if (
      pickAwaited &&
      slip.aimsOnly &&
      slip.stake === undefined &&
      followed.entities.teams.every((team) => previous.entities.teams.includes(team))
    ) {
      return {
        intent: 'BET_SIMULATION',
        entities: { ...followed.entities, teams: previous.entities.teams, amounts: previous.entities.amounts },
        inherited: true,
      };
    }
    // "ok just 100 then on Madrid": little more than a stake and a team is a bet on that team.
    if (slip.amountOnly && slip.stake !== undefined && !slip.act && followed.entities.teams.length > 0 && followed.intent === 'UNCLEAR') {
      slip.wantsBet = true;
      return { intent: 'BET_SIMULATION', entities: { ...followed.entities, amounts: [slip.stake] }, inherited: false };
    }
    // "quiero jugarle 20": a bet with its stake and no team yet; the answer asks which.
    if (slip.wantsBet && slip.stake !== undefined && followed.intent === 'UNCLEAR' && followed.entities.teams.length === 0 && !slip.act) {
      return { intent: 'BET_SIMULATION', entities: { ...followed.entities, amounts: [slip.stake] }, inherited: false };
    }
    // "Should I back Newcastle?" asks for advice; "stick a bet on Porto for me" asks for one.
    // "¿cuándo le toca jugar al Betis?": "jugar" asks when, not for a bet, unless a stake is named.
    const asksWhen = slip.wantsBet === true && slip.stake === undefined && TIME_ASKED.test(foldAccents(text));
    const asksBet = slip.wantsBet && followed.entities.teams.length > 0 && !slip.act && !asksWhen && !asksAdvice(text, slip);
    // "menos de 2.5 no jogo do Palmeiras, bota 30": a stake verb before the amount asks for the bet too.
    const stakeFirst =
      followed.entities.amounts.length > 0 && (STAKE_FIRST.test(text) || STAKE_VERB.test(foldAccents(text)));
    if (asksBet && followed.intent !== 'BET_SIMULATION' && (followed.intent !== 'ODDS_INFORMATION_QUERY' || stakeFirst)) {
      // The stake the slip reader found ("botar mil no Newcastle") when the amount reader kept none.
      const amounts = followed.entities.amounts.length || slip.stake === undefined ? followed.entities.amounts : [slip.stake];
      return { intent: 'BET_SIMULATION', entities: { ...followed.entities, amounts }, inherited: false };
    }
    if (slip.stakeIssue && followed.entities.teams.length > 0) {
      return { intent: 'BET_SIMULATION', entities: followed.entities, inherited: false };
    }
    return undefined;
  }

  /** The teams of the match whose markets the message asks for (its own, else the previous turn's); none when it asks no such thing. */
  private marketsAskedOf(text: string, own: string[], context: NluContext): string[] {
    const previous = context.previous;
    const asked = asksForMarkets(text, { namesTeam: own.length > 0, afterUnofferedMarket: previous?.unofferedMarket !== undefined });
    return !asked ? [] : own.length ? own : (previous?.entities.teams ?? []);
  }

  /**
   * A namesake the conversation has just been about is that team ("100 on Madrid" after Real
   * Madrid's odds, "o tricolor" after São Paulo's kick-off); one said after a question about a team
   * of the same league is that league's ("and for Atletico?").
   */
  private settleFromContext(reading: Reading, context: NluContext): void {
    if (reading.ambiguous.length === 0) return;
    const previousTeams = context.previous?.entities.teams ?? [];
    reading.ambiguous = reading.ambiguous.filter((a) => {
      const settled =
        a.candidates.find((name) => previousTeams.includes(name)) ??
        this.recentlyNamed(a.candidates, context.previousUserMessages) ??
        this.resolver.namesakeOf(a.candidates, previousTeams);
      if (settled) reading.entities.teams.push(settled);
      return !settled;
    });
  }

  /** The candidate the last few messages named ("real madrid", then the balance, then "100 on madrid"). */
  private recentlyNamed(candidates: string[], messages: string[]): string | undefined {
    for (const message of messages.slice(-RECENT_MESSAGES).reverse()) {
      const named = this.teamsOf(message).filter((team) => candidates.includes(team));
      if (named.length > 0) return named.length === 1 ? named[0] : undefined;
    }
    return undefined;
  }

  /** `residue` is the message without its team/tournament names, slang spelled out, accents folded. */
  /** `clearEvidence`: how much the message must say for its language to beat the fallback. */
  private read(
    text: string,
    resolver: CatalogueResolver,
    fallbackLanguage: Language,
    now: Date,
    clearEvidence = 0,
    afterATimeQuestion = false,
  ): Reading {
    const found = resolver.find(text);
    // "New York time" is a clock: a name there ("New York", shared by New York City FC and the
    // Knicks, or read as one of them beside an MLS team) is the place, not a team.
    if (found.ambiguous.length + found.teams.length + found.elsewhere.length > 0) {
      const clocks = clockSpans(text, afterATimeQuestion);
      if (clocks.length > 0) {
        const onClock = (m: { start: number; end: number }) => clocks.some(([s, e]) => m.start >= s && m.end <= e);
        found.ambiguous = found.ambiguous.filter((m) => !onClock(m));
        found.teams = found.teams.filter((m) => !onClock(m));
        found.elsewhere = found.elsewhere.filter((m) => !onClock(m));
      }
    }
    // Names are blanked before anything else reads the text: "Ligue 1" holds no stake and "São Paulo" no Portuguese.
    let residue = text;
    for (const mention of [...found.teams, ...found.tournaments, ...found.ambiguous, ...found.elsewhere]) {
      residue =
        residue.slice(0, mention.start) +
        ' '.repeat(mention.end - mention.start) +
        residue.slice(mention.end);
    }
    const spelledOut = expandSlang(residue);
    const guess = this.languages.detect(residue, fallbackLanguage, spelledOut);
    const language = guess.evidence >= clearEvidence ? guess.language : fallbackLanguage;
    const facing = found.teams.length > 0 && found.ambiguous.length === 0 ? facingTeam(text, found.teams, found.elsewhere) : undefined;
    return {
      // Always present (undefined when none): one shape for every reading, as a spread of it would give two.
      facing,
      language,
      residue: spelledOut,
      entities: {
        teams: found.teams.map((m) => m.name),
        tournaments: found.tournaments.map((m) => m.name),
        dates: this.dates.extract(spelledOut, language, now),
        amounts: this.amounts.extract(residue),
        markets: this.markets.extract(residue),
      },
      ambiguous: found.ambiguous.map(({ mention, candidates }) => ({ mention, candidates })),
      elsewhere: found.elsewhere.map((m) => m.name),
    };
  }

  private classify(text: string, reading: Reading): { intent: Intent; confidence: number } {
    const { entities } = reading;
    const hasEntities = entities.teams.length + entities.tournaments.length > 0;
    const tokens = words(reading.residue);
    const ruled = ruleIntent(text, reading.residue, hasEntities, tokens);
    if (ruled) return ruled;
    const scored = this.classifier.classifyVisited((sink) =>
      visitFeatures(reading.residue, reading.language, signals(entities), tokens, sink),
    );
    const familiar = scored.familiarity >= MIN_FAMILIARITY || hasEntities;
    if (!familiar || scored.confidence < MIN_CONFIDENCE) {
      return { intent: 'UNCLEAR', confidence: round(1 - scored.confidence) };
    }
    return { intent: scored.intent, confidence: scored.confidence };
  }

  /** Training reads every phrase exactly as a live message is read, with the seed catalogue the phrases name. */
  private train(corpora: Array<[Language, IntentCorpus]>): IntentClassifier {
    const resolver = CatalogueResolver.fromCatalogue(seedCatalogue());
    const now = new Date();
    const samples: LabelledFeatures[] = [];
    for (const [language, corpus] of corpora) {
      for (const [intent, phrases] of Object.entries(corpus) as Array<[Intent, string[]]>) {
        for (const phrase of phrases) {
          const reading = this.read(phrase, resolver, language, now);
          samples.push({
            intent,
            features: intentFeatures(reading.residue, language, signals(reading.entities)),
          });
        }
      }
    }
    return new IntentClassifier(samples);
  }
}

function signals(entities: Entities): EntitySignals {
  return {
    teams: entities.teams.length,
    tournaments: entities.tournaments.length,
    amounts: entities.amounts.length,
    markets: entities.markets.length,
    dates: entities.dates.length,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** "20 on the Lakers", "30 al Betis", "15 no Grêmio": a stake put on something. */
/** "Arsenal to win?", "Liverpool's chances", "pra ganhar": a side's price asked without a market. */
const WIN_ASKED =
  /\bto (?:win|beat|lose)\b|\b(?:chances?|how likely|likelihood|probability|para ganar|pra ganhar|para ganhar|probabilidad(?:es)?|probabilidade)\b/;
/** The prices asked in everyday words: "quanto tá o jogo do Santos", "¿a cuánto está el Betis?", "how are the odds on…". */
const ODDS_ASKED =
  /\b(?:quanto (?:ta|esta|tao|estao|paga|pagam) (?:o|a|os|as)|a cuanto (?:esta|estan|pagan|paga)|como (?:estan|esta) (?:las cuotas|la cuota|los momios)|how are the odds|what(?:'s| is| are) the (?:odds|price|line)s?)\b/;
/** What a stake pays, asked in so many words. */
const PAYOUT_ASKED =
  /\b(?:how much (?:would|will|do|could|does)|what (?:would|will|does) \S+ (?:pay|return)|pays?|payout|returns?|cuanto (?:paga|pagan|gano|ganaria|me dan|me da)|quanto (?:volta|da|paga|rende|ganho|ganharia|retorna))\b/;
/** Intents that already answer what a stake pays. */
const PAYOUT_INTENTS: ReadonlySet<Intent> = new Set(['BET_SIMULATION', 'ODDS_INFORMATION_QUERY', 'BETTING_RECOMMENDATION']);
/** The message asks when: a kick-off question, whatever market it also names. */
const TIME_ASKED = /\b(?:when|what time|kick ?off|cuando|a que hora|quando|que horas?|horario)\b/;
const STAKE_VERB = /(?:^|[,;.!]\s*)(?:bota|coloca|poe|aposta|put|stick|chuck|ponle|pon|metele|mete|juegale|apuesta)\s+(?:[$€£]|r\$)?\s*\d/;
const STAKE_FIRST = /^\s*[$€£]?\s*\d+(?:[.,]\d+)?\s*(?:\$|usd|dollars?|bucks|quid|reais|pesos|euros?)?\s+(?:on|no|na|al|a|en|em|pro|pra)\b/i;

/** Asking for a pick: "what should I bet on", "que apostarias", "um palpite", "low-risk bet". */
const ADVICE_ASK =
  /\b(?:what (?:should|would|do) (?:i|you) (?:bet|back|pick|play)|should i bet|what(?:'s| is) (?:the|your|a) (?:best|safest|smart) (?:bet|pick|play)|any (?:tips?|picks?) for|low[- ]risk|safe (?:bet|pick)|safest|value (?:bet|pick)|(?:que|a que) (?:le )?apostarias|que me recomiendas|un consejo|consejos? (?:para|de|sobre)|un tip|bajo riesgo|apuesta segura|no quiero arriesgar|algo seguro|(?:what|who) (?:do )?(?:you|u) (?:reckon|fancy)|(?:who|what) (?:would|do) you fancy|your (?:call|prediction|tip)|(?:a )?good bet|worth a (?:punt|bet)|predictions?|pronosticos?|a quien le (?:irias|vas)|por quien (?:vas|irias)|que (?:jugarias|harias|apostarias)|quien crees que gana|le entro o no|quem (?:voce acha|vc acha) que ganha|que le (?:juego|apuesto|meto)|(?:qual|que) aposta (?:voce|vc|tu) (?:faria|fazia|faz)|que apuesta (?:harias|haces|harias tu)|what bet would (?:you|u) (?:make|place|do|go for)|(?:what|which) (?:do|would) (?:you|u) (?:suggest|recommend)|any suggestions?|que (?:me )?(?:sugieres|sugeris|recomendas)|(?:o que|qual|que) (?:voce|vc) (?:indica|recomenda|sugere)|(?:who|what) (?:would|should|do) you back|who do you like|em quem (?:eu )?(?:aposto|apostaria|jogo)|nao quero arriscar|o que (?:voce|vc) apostaria|em que (?:voce )?apostaria|palpite|uma dica|dicas? (?:para|de|pra|pro|sobre)|baixo risco|aposta segura)\b/;
/** Asking to be suggested something, which is a pick when the message is about a team or a league. */
const SUGGEST_ONE =
  /\b(?:recomi?endame|recomi?enda(?:me)? algo|recommend (?:me )?(?:something|one)|suggest (?:something|one)|(?:me )?recomenda (?:algo|uma|um)|me (?:fala|da|passa|manda|indica) (?:uma|um|algo)\b)/;
/** The kind of pick asked for, in en, es and pt (accents folded). */
const PICK_STYLE_WORDS: Array<[PickStyle, RegExp]> = [
  ['underdog', /\b(?:underdogs?|long ?shots?|upsets?|outsiders?|batacazos?|sorpresas?|zebras?|azaroes|azarao|riskier|risky|arriscad[oa]s?|mais arriscad[oa]|mas arriesgad[oa]|arriesgad[oa]|arriscar mais|arriesgar mas|more risk|(?:bigger|higher|longer) (?:odds|price)|odds? (?:maior|mais alta|alta)|mais odd|cuota (?:mas )?alta|mas cuota|mayor cuota)\b/],
  ['safe', /\b(?:safe(?:st|r)?|surest|sure thing|low[- ]risk|segur[oa]s?|mas segur[oa]|bajo riesgo|baixo risco|confiables?|confiave(?:l|is))\b/],
  ['value', /\b(?:value|fairest|best price|mejor precio|(?:con|de) valor|melhor preco|valor)\b/],
];

function pickStyleOf(cues: GateScan): PickStyle | undefined {
  return PICK_STYLE_WORDS.find(([, words]) => cues.test(words))?.[0];
}

/** "only one", "a single pick", "solo uno", "una sola", "só uma", "apenas um": one pick. */
const ONE_PICK =
  /\b(?:(?:only|just) (?:the )?(?:one|1)|one (?:pick|tip|bet|selection) only|(?:a )?single (?:best )?(?:pick|tip|bet|selection)|(?:solo|solamente|nomas|nada mas que) (?:uno|una|1)|(?:un|una) (?:sol[oa]|unic[oa]) (?:pick|apuesta|consejo|seleccion|tip)|(?:una|uno) sol[oa]|(?:so|somente|apenas) (?:um|uma|1)|(?:um|uma) (?:so|unic[oa])|(?:um|uma) (?:palpite|aposta|dica) so)\b/;
/** "three picks", "dame dos apuestas", "2 palpites": that many (two to five). */
const SEVERAL_PICKS =
  /\b(2|3|4|5|two|three|four|five|dos|tres|cuatro|cinco|dois|duas|quatro)\s+(?:\w+\s+)?(?:picks?|tips?|bets?|selections?|apuestas?|consejos?|selecciones|palpites?|apostas?|dicas?)\b/;
const COUNT_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, dos: 2, tres: 3, cuatro: 4, cinco: 5, dois: 2, duas: 2, quatro: 4 };

function pickCountOf(cues: GateScan): number | undefined {
  if (cues.test(ONE_PICK)) return 1;
  const several = cues.exec(SEVERAL_PICKS);
  if (!several) return undefined;
  return COUNT_WORDS[several[1]] ?? Number(several[1]);
}

/** A short "why" after picks (en, es, pt): the reasons of what was just picked. */
const WHY = /\b(?:why|how come|por ?que|porque|pq|por que motivo|explain|explica(?:me)?)\b/;

/** Words that ask whether or what to bet: advice, not a bet. */
const ADVICE_WORDS =
  /\b(?:should|worth|would you|recommend|deberia|vale la pena|conviene|recomiendas|valdria|vale a pena|devo|deveria|compensa|recomenda)\b/i;
/** A question about whether or what to bet (any question counts, unless it names a stake). */
const ADVICE = new RegExp(`\\?|${ADVICE_WORDS.source}`, 'i');

/**
 * "can I put 1000 on Newcastle?", "¿puedo meterle 50 al Betis?": a question naming its stake asks
 * for the bet; one asking what that stake would return does not. A function, so that only a bet
 * asked on a team pays for the pattern.
 */
function asksAdvice(text: string, slip: SlipReading): boolean {
  return ADVICE_WORDS.test(text) || (text.includes('?') && (slip.stake === undefined || slip.asksPayout === true));
}

/** Questions a sport's leagues can scope (not trivia about the sport, not a bet or a balance). */
const SPORT_SCOPED: ReadonlySet<Intent> = new Set<Intent>(['MATCH_SCHEDULE_QUERY', 'BETTING_RECOMMENDATION', 'ODDS_INFORMATION_QUERY', 'TOURNAMENT_INFO']);
const NO_NAMES: readonly string[] = [];

function hasSlipSignal(slip: SlipReading): boolean {
  return Object.keys(slip).length > 0;
}

/** The patterns above that most messages hold no word of, read through one gate (word-gate.ts). */
const CUE_WORDS = new WordGate([
  ADVICE_ASK,
  SUGGEST_ONE,
  ...PICK_STYLE_WORDS.map(([, words]) => words),
  ONE_PICK,
  SEVERAL_PICKS,
  WHY,
  WIN_ASKED,
  ODDS_ASKED,
  PAYOUT_ASKED,
  TIME_ASKED,
]);
