import type { Intent, Language } from '../../common/protocol';
import type { NluResult } from '../../nlu/nlu.types';

type Phrases = Record<Language, (team?: string, tournament?: string) => string[]>;

const DEFAULT_TEAM = 'Barcelona';

/** Follow-ups that make sense after each kind of question, filled with the names in play. */
const BY_INTENT: Record<Intent, Phrases> = {
  MATCH_SCHEDULE_QUERY: {
    en: (t = DEFAULT_TEAM) => [
      `Odds for ${t}'s next match`,
      `What would $50 on ${t} pay?`,
      "Today's matches",
    ],
    es: (t = DEFAULT_TEAM) => [
      `Cuotas del próximo partido de ${t}`,
      `¿Cuánto pagan $50 a ${t}?`,
      'Partidos de hoy',
    ],
    pt_br: (t = DEFAULT_TEAM) => [
      `Odds do próximo jogo do ${t}`,
      `Quanto pagam R$50 no ${t}?`,
      'Jogos de hoje',
    ],
  },
  ODDS_INFORMATION_QUERY: {
    en: (t = DEFAULT_TEAM) => [
      `What would $100 on ${t} pay?`,
      'Over/under odds for this match',
      'Any recommendations?',
    ],
    es: (t = DEFAULT_TEAM) => [
      `¿Cuánto pagan $100 a ${t}?`,
      'Cuotas de más/menos goles',
      '¿Alguna recomendación?',
    ],
    pt_br: (t = DEFAULT_TEAM) => [
      `Quanto pagam R$100 no ${t}?`,
      'Odds de mais/menos gols',
      'Alguma recomendação?',
    ],
  },
  BETTING_RECOMMENDATION: {
    en: () => ['Show the odds of the first pick', 'Build a parlay with these picks', 'What is my balance?'],
    es: () => [
      'Muéstrame las cuotas del primer pick',
      'Arma una combinada con estos picks',
      '¿Cuál es mi saldo?',
    ],
    pt_br: () => [
      'Mostre as odds do primeiro palpite',
      'Monte uma múltipla com esses palpites',
      'Ver meu saldo',
    ],
  },
  TEAM_COMPARISON: {
    en: (t = DEFAULT_TEAM) => [
      `Odds for ${t}'s next match`,
      'Any recommendations?',
      'Upcoming matches this week',
    ],
    es: (t = DEFAULT_TEAM) => [
      `Cuotas del próximo partido de ${t}`,
      '¿Alguna recomendación?',
      'Partidos de esta semana',
    ],
    pt_br: (t = DEFAULT_TEAM) => [
      `Odds do próximo jogo do ${t}`,
      'Alguma recomendação?',
      'Jogos desta semana',
    ],
  },
  TOURNAMENT_INFO: {
    en: (_t, c = 'Premier League') => [
      `${c} matches this week`,
      `Best odds in the ${c}`,
      'Which sports are available?',
    ],
    es: (_t, c = 'La Liga') => [
      `Partidos de ${c} esta semana`,
      `Mejores cuotas de ${c}`,
      '¿Qué deportes hay?',
    ],
    pt_br: (_t, c = 'Brasileirão') => [
      `Jogos do ${c} esta semana`,
      `Melhores odds do ${c}`,
      'Quais esportes estão disponíveis?',
    ],
  },
  USER_BALANCE_QUERY: {
    en: () => ['Any recommendations?', "Today's matches", 'What would $20 on the favourite pay?'],
    es: () => ['¿Alguna recomendación?', 'Partidos de hoy', '¿Cuánto pagan $20 al favorito?'],
    pt_br: () => ['Alguma recomendação?', 'Jogos de hoje', 'Quanto pagam R$20 no favorito?'],
  },
  BET_SIMULATION: {
    en: (t = DEFAULT_TEAM) => [
      `Odds for ${t}'s next match`,
      'Add another match to make a parlay',
      'What is my balance?',
    ],
    es: (t = DEFAULT_TEAM) => [
      `Cuotas del próximo partido de ${t}`,
      'Agrega otro partido para una combinada',
      '¿Cuál es mi saldo?',
    ],
    pt_br: (t = DEFAULT_TEAM) => [
      `Odds do próximo jogo do ${t}`,
      'Adicione outro jogo para uma múltipla',
      'Ver meu saldo',
    ],
  },
  GENERAL_SPORTS_QUERY: {
    en: () => ["Today's matches", 'Odds for Real Madrid vs Barcelona', 'What is a parlay?'],
    es: () => ['Partidos de hoy', 'Cuotas del Real Madrid vs Barcelona', '¿Qué es una combinada?'],
    pt_br: () => ['Jogos de hoje', 'Odds de Flamengo x Palmeiras', 'O que é uma múltipla?'],
  },
  GREETING: {
    en: () => ["Today's matches", 'Odds for the next Premier League games', 'What is my balance?'],
    es: () => ['Partidos de hoy', 'Cuotas de La Liga', '¿Cuál es mi saldo?'],
    pt_br: () => ['Jogos de hoje', 'Odds do Brasileirão', 'Ver meu saldo'],
  },
  HELP_REQUEST: {
    en: () => ["Today's matches", 'Odds for Arsenal vs Chelsea', 'What would $50 on Liverpool pay?'],
    es: () => ['Partidos de hoy', 'Cuotas del Real Madrid vs Barcelona', '¿Cuánto pagan $50 al Barcelona?'],
    pt_br: () => ['Jogos de hoje', 'Odds de Flamengo x Palmeiras', 'Quanto pagam R$50 no Flamengo?'],
  },
  UNCLEAR: {
    en: () => ["Today's matches", 'Odds for Arsenal vs Chelsea', 'What can you do?'],
    es: () => ['Partidos de hoy', 'Cuotas del Real Madrid vs Barcelona', '¿Qué puedes hacer?'],
    pt_br: () => ['Jogos de hoje', 'Odds de Flamengo x Palmeiras', 'O que você pode fazer?'],
  },
};

/** Two to four short prompts the user can tap next, in their language. */
export function suggestedActions(nlu: NluResult, language: Language): string[] {
  const phrases = BY_INTENT[nlu.intent][language];
  return phrases(nlu.entities.teams[0], nlu.entities.tournaments[0]).slice(0, 4);
}
