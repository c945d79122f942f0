import { Injectable } from '@nestjs/common';
import { type Entities, type Intent, type Language, type MarketKey } from '../common/protocol';
import { CatalogueResolver } from './catalogue/catalogue-resolver';
import { seedCatalogue } from './catalogue/seed-catalogue';
import type { Catalogue } from '../sports-api/domain';
import { AmountExtractor } from './amount-extractor';
import { EN_CORPUS } from './corpus/corpus.en';
import { ES_CORPUS } from './corpus/corpus.es';
import { PT_CORPUS } from './corpus/corpus.pt';
import type { IntentCorpus } from './corpus/corpus.types';
import { expandSlang } from './chat-slang';
import { DateExtractor } from './date-extractor';
import { applyFollowUp } from './follow-up';
import { IntentClassifier, type LabelledFeatures } from './intent-classifier';
import { type EntitySignals, intentFeatures } from './intent-features';
import { ruleIntent } from './intent-rules';
import { LanguageDetector } from './language-detector';
import { MarketExtractor } from './market-extractor';
import { LanguageUnderstanding, type NluContext, type NluResult } from './nlu.types';

/** Below this the classifier's answer is not trusted and the message is UNCLEAR. */
const MIN_CONFIDENCE = 0.3;
/** Messages whose words the classifier has mostly never seen ("lkjhg poiu") are gibberish. */
const MIN_FAMILIARITY = 0.34;
/** Intents about concepts, not bets: "what does btts mean?" names a market but asks for no price. */
const NO_BET_ENTITIES = new Set<Intent>(['GENERAL_SPORTS_QUERY', 'HELP_REQUEST', 'GREETING', 'UNCLEAR']);

interface Reading {
  language: Language;
  residue: string;
  entities: Entities;
}

/**
 * Local language understanding (DESIGN §2 step 4): language, intent with a calibrated
 * confidence, entities resolved against the sports API's catalogue, follow-up carry-over.
 * Synchronous and sub-millisecond on a warm process; the classifier trains at construction.
 */
@Injectable()
export class NluService extends LanguageUnderstanding {
  private resolver = CatalogueResolver.empty();
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

  /** The resolver in use, for tools that resolve a single name ("barca" → "Barcelona"). */
  get catalogue(): CatalogueResolver {
    return this.resolver;
  }

  analyze(text: string, context: NluContext): NluResult {
    const fallbackLanguage = context.previous?.language ?? 'en';
    const reading = this.read(text, this.resolver, fallbackLanguage, context.referenceDate ?? new Date());
    const { intent, confidence } = this.classify(text, reading);
    const followed = applyFollowUp(
      text,
      { intent, confidence, entities: reading.entities },
      context,
      (message) => this.resolver.findTeams(message).map((m) => m.name),
    );
    const entities = NO_BET_ENTITIES.has(followed.intent)
      ? { ...followed.entities, markets: [] as MarketKey[], amounts: [] }
      : followed.entities;
    return {
      language: reading.language,
      intent: followed.intent,
      confidence: followed.confidence,
      entities,
      inherited: followed.inherited,
    };
  }

  /** `residue` is the message without its team/tournament names, slang spelled out, accents folded. */
  private read(text: string, resolver: CatalogueResolver, fallbackLanguage: Language, now: Date): Reading {
    const found = resolver.find(text);
    // Names are blanked before anything else reads the text: "Ligue 1" holds no stake and "São Paulo" no Portuguese.
    let residue = text;
    for (const mention of [...found.teams, ...found.tournaments]) {
      residue =
        residue.slice(0, mention.start) +
        ' '.repeat(mention.end - mention.start) +
        residue.slice(mention.end);
    }
    const spelledOut = expandSlang(residue);
    const language = this.languages.detect(residue, fallbackLanguage, spelledOut).language;
    return {
      language,
      residue: spelledOut,
      entities: {
        teams: found.teams.map((m) => m.name),
        tournaments: found.tournaments.map((m) => m.name),
        dates: this.dates.extract(spelledOut, language, now),
        amounts: this.amounts.extract(residue),
        markets: this.markets.extract(residue),
      },
    };
  }

  private classify(text: string, reading: Reading): { intent: Intent; confidence: number } {
    const { entities } = reading;
    const hasEntities = entities.teams.length + entities.tournaments.length > 0;
    const ruled = ruleIntent(text, reading.residue, hasEntities);
    if (ruled) return ruled;
    const scored = this.classifier.classify(
      intentFeatures(reading.residue, reading.language, signals(entities)),
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
