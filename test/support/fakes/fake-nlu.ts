import { emptyEntities, type Intent, type Language } from '../../../src/common/protocol';
import { LanguageUnderstanding, type NluContext, type NluResult } from '../../../src/nlu/nlu.types';

const TEAMS = ['Arsenal', 'Chelsea', 'Barcelona', 'Real Madrid', 'Atletico Madrid', 'Liverpool'];

/** A tiny deterministic NLU fake that records its calls (so tests can see the follow-up context). */
export class FakeNlu extends LanguageUnderstanding {
  readonly calls: Array<{ text: string; context: NluContext }> = [];

  analyze(text: string, context: NluContext): NluResult {
    this.calls.push({ text, context: structuredClone(context) });
    const lower = text.toLowerCase();
    const language: Language = /\b(hola|cuándo|cuotas|apuesta|y para)\b/.test(lower)
      ? 'es'
      : /\b(olá|quando|jogo)\b/.test(lower)
        ? 'pt_br'
        : (context.preferredLanguage ?? 'en');
    let teams = TEAMS.filter((team) => lower.includes(team.toLowerCase()));
    const inherited = teams.length === 0 && !!context.previous && /^(and|y|e)\b/.test(lower);
    if (inherited) teams = context.previous!.entities.teams;
    const intent: Intent = /odds|cuotas/.test(lower)
      ? 'ODDS_INFORMATION_QUERY'
      : /balance|saldo/.test(lower)
        ? 'USER_BALANCE_QUERY'
        : /\bbet\b|apuesta/.test(lower)
          ? 'BET_SIMULATION'
          : /^(hi|hello|hola)\b/.test(lower)
            ? 'GREETING'
            : teams.length
              ? 'MATCH_SCHEDULE_QUERY'
              : 'UNCLEAR';
    return {
      language,
      intent,
      confidence: intent === 'UNCLEAR' ? 0.3 : 0.9,
      entities: { ...emptyEntities(), teams },
      inherited,
    };
  }
}
