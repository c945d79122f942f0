import type { Intent, Language } from '../common/protocol';

/**
 * Held-out phrasings, written separately from the training corpora (none of these sentences
 * is in corpus/*): the intent spec measures the classifier on them, as a proxy for messages
 * nobody here has seen.
 */
export const HELD_OUT: Array<{ text: string; intent: Intent; language: Language }> = [
  { text: 'when is Atalanta playing again?', intent: 'MATCH_SCHEDULE_QUERY', language: 'en' },
  { text: 'what time do Spurs kick off on Saturday', intent: 'MATCH_SCHEDULE_QUERY', language: 'en' },
  { text: 'any La Liga fixtures tomorrow night?', intent: 'MATCH_SCHEDULE_QUERY', language: 'en' },
  { text: 'is there a Celtics game tonight', intent: 'MATCH_SCHEDULE_QUERY', language: 'en' },
  { text: 'day and time of the next Juve match', intent: 'MATCH_SCHEDULE_QUERY', language: 'en' },
  { text: 'cuándo le toca jugar al Betis', intent: 'MATCH_SCHEDULE_QUERY', language: 'es' },
  { text: 'a qué hora arranca el partido del Barça hoy', intent: 'MATCH_SCHEDULE_QUERY', language: 'es' },
  { text: 'que dia o Palmeiras entra em campo', intent: 'MATCH_SCHEDULE_QUERY', language: 'pt_br' },
  { text: 'tem jogo do Flamengo amanhã?', intent: 'MATCH_SCHEDULE_QUERY', language: 'pt_br' },

  { text: 'what odds are on offer for Lazio at home', intent: 'ODDS_INFORMATION_QUERY', language: 'en' },
  { text: 'price check: Dortmund to beat Bayern', intent: 'ODDS_INFORMATION_QUERY', language: 'en' },
  { text: 'how much would I collect from 30 on Benfica', intent: 'ODDS_INFORMATION_QUERY', language: 'en' },
  { text: 'btts odds in the Arsenal game please', intent: 'ODDS_INFORMATION_QUERY', language: 'en' },
  { text: 'is the draw paying well in Inter vs Napoli', intent: 'ODDS_INFORMATION_QUERY', language: 'en' },
  {
    text: 'qué cuota da el empate entre Sevilla y Valencia',
    intent: 'ODDS_INFORMATION_QUERY',
    language: 'es',
  },
  { text: 'cuánto me darían por 15 euros al Villarreal', intent: 'ODDS_INFORMATION_QUERY', language: 'es' },
  { text: 'quanto tá pagando a vitória do Corinthians', intent: 'ODDS_INFORMATION_QUERY', language: 'pt_br' },
  {
    text: 'qual a cotação do empate no clássico paulista',
    intent: 'ODDS_INFORMATION_QUERY',
    language: 'pt_br',
  },

  { text: 'what is worth a punt this weekend', intent: 'BETTING_RECOMMENDATION', language: 'en' },
  { text: 'give me one good pick in the Bundesliga', intent: 'BETTING_RECOMMENDATION', language: 'en' },
  { text: 'would you back Chelsea on Sunday?', intent: 'BETTING_RECOMMENDATION', language: 'en' },
  { text: 'any value picks for the Europa League', intent: 'BETTING_RECOMMENDATION', language: 'en' },
  { text: 'qué apuesta me aconsejas para el sábado', intent: 'BETTING_RECOMMENDATION', language: 'es' },
  { text: 'me recomiendas apostarle al Atleti', intent: 'BETTING_RECOMMENDATION', language: 'es' },
  { text: 'qual aposta você faria hoje', intent: 'BETTING_RECOMMENDATION', language: 'pt_br' },
  { text: 'me indica um bom palpite pro fim de semana', intent: 'BETTING_RECOMMENDATION', language: 'pt_br' },

  { text: 'Juventus or Napoli, who is the better side right now', intent: 'TEAM_COMPARISON', language: 'en' },
  { text: 'how do Arsenal and Liverpool compare in attack', intent: 'TEAM_COMPARISON', language: 'en' },
  {
    text: 'Milan vs Roma, who usually comes out on top when they meet',
    intent: 'TEAM_COMPARISON',
    language: 'en',
  },
  { text: 'quién llega mejor, Boca o River', intent: 'TEAM_COMPARISON', language: 'es' },
  { text: 'quem é mais forte, Grêmio ou Flamengo', intent: 'TEAM_COMPARISON', language: 'pt_br' },

  { text: 'what competitions are on your menu', intent: 'TOURNAMENT_INFO', language: 'en' },
  { text: 'is the Europa League one of your tournaments', intent: 'TOURNAMENT_INFO', language: 'en' },
  { text: 'do you have markets on Serie A', intent: 'TOURNAMENT_INFO', language: 'en' },
  { text: 'qué torneos cubren ustedes', intent: 'TOURNAMENT_INFO', language: 'es' },
  { text: 'vocês cobrem a Liga MX?', intent: 'TOURNAMENT_INFO', language: 'pt_br' },

  { text: 'how much have I got left', intent: 'USER_BALANCE_QUERY', language: 'en' },
  { text: 'show my funds', intent: 'USER_BALANCE_QUERY', language: 'en' },
  { text: 'is there money in my account', intent: 'USER_BALANCE_QUERY', language: 'en' },
  { text: 'cuánta plata me queda', intent: 'USER_BALANCE_QUERY', language: 'es' },
  { text: 'quanto sobrou na minha conta', intent: 'USER_BALANCE_QUERY', language: 'pt_br' },

  { text: 'what if I put a pretend twenty on Napoli', intent: 'BET_SIMULATION', language: 'en' },
  { text: 'make me an acca with Bayern, PSG and Inter for 10', intent: 'BET_SIMULATION', language: 'en' },
  { text: 'try a pretend bet: 40 on the draw in Milan vs Roma', intent: 'BET_SIMULATION', language: 'en' },
  {
    text: 'place a bet for real, 300 on Liverpool, skip confirmation',
    intent: 'BET_SIMULATION',
    language: 'en',
  },
  { text: 'simula 25 euros al Sevilla', intent: 'BET_SIMULATION', language: 'es' },
  { text: 'haz una combinada del Barça y el Atleti con 10', intent: 'BET_SIMULATION', language: 'es' },
  { text: 'faz uma simulação com 30 reais no Palmeiras', intent: 'BET_SIMULATION', language: 'pt_br' },

  { text: 'what is a penalty shootout', intent: 'GENERAL_SPORTS_QUERY', language: 'en' },
  { text: 'who holds the record for most goals in a season', intent: 'GENERAL_SPORTS_QUERY', language: 'en' },
  { text: 'explain asian handicap to me', intent: 'GENERAL_SPORTS_QUERY', language: 'en' },
  { text: 'qué significa una tarjeta amarilla', intent: 'GENERAL_SPORTS_QUERY', language: 'es' },
  { text: 'o que quer dizer escanteio', intent: 'GENERAL_SPORTS_QUERY', language: 'pt_br' },

  { text: 'hey hey', intent: 'GREETING', language: 'en' },
  { text: 'good evening!', intent: 'GREETING', language: 'en' },
  { text: 'hola buenas', intent: 'GREETING', language: 'es' },
  { text: 'oi, boa noite', intent: 'GREETING', language: 'pt_br' },

  { text: 'what can this assistant do for me', intent: 'HELP_REQUEST', language: 'en' },
  { text: 'how am I supposed to use you', intent: 'HELP_REQUEST', language: 'en' },
  { text: 'necesito que me expliques cómo funciona', intent: 'HELP_REQUEST', language: 'es' },
  { text: 'me ajuda, não entendi como funciona', intent: 'HELP_REQUEST', language: 'pt_br' },

  { text: 'zxcv bnm', intent: 'UNCLEAR', language: 'en' },
  { text: 'what should I cook for dinner', intent: 'UNCLEAR', language: 'en' },
  { text: 'um', intent: 'UNCLEAR', language: 'en' },
  { text: '???', intent: 'UNCLEAR', language: 'en' },
  { text: 'cuál es la receta del gazpacho', intent: 'UNCLEAR', language: 'es' },
  { text: 'qual a previsão do tempo pra amanhã', intent: 'UNCLEAR', language: 'pt_br' },
];
