import type { Language, PickStyle } from '../../common/protocol';

/** Every sentence the offline engine writes, per language. Numbers are passed in already formatted. */
export interface Phrases {
  rg: string;
  /** The stake was named in another currency than the account's. */
  stakeCurrency: (currency: string) => string;
  staleNote: string;
  live: string;
  vs: string;
  draw: string;
  yes: string;
  no: string;
  over: (line: string) => string;
  under: (line: string) => string;
  orDraw: (team: string) => string;
  homeOrAway: (home: string, away: string) => string;
  markets: Record<string, string>;
  overUnderTitle: (line: string) => string;
  /** Over/under title for sports other than football (points, not goals). */
  overUnderTotalTitle: (line: string) => string;
  margin: (m: string) => string;
  implied: string;
  // schedule
  fixturesIntro: (filter: string) => string;
  noFixtures: (filter: string) => string;
  forTeam: (team: string) => string;
  inTournament: (t: string) => string;
  onDays: (days: string) => string;
  nextMatch: (
    team: string,
    when: string,
    opponent: string,
    tournament: string,
    venue: 'home' | 'away',
  ) => string;
  afterThat: string;
  moreFixtures: (shown: number, total: number) => string;
  matchFound: (home: string, away: string, when: string, tournament: string) => string;
  // odds
  returnsLine: (stake: string, parts: string[]) => string;
  /** A follow-up about one outcome of the match just shown ("and the draw?"): that price alone. */
  focused: (label: string, price: string, implied: string, market: string) => string;
  /** What a stake returns on one selection: a side winning the match, the draw, or a selection of another market. */
  returnsPart: (amount: string, label: string, kind: 'side' | 'draw' | 'other') => string;
  goals: string;
  oddsFor: (home: string, away: string) => string;
  noHeadToHead: (a: string, b: string) => string;
  // comparison
  compareHeadToHead: (
    strong: string,
    strongOdd: string,
    strongPct: string,
    weak: string,
    weakOdd: string,
    weakPct: string,
    draw: string,
  ) => string;
  compareEven: (a: string, b: string, odd: string) => string;
  compareSeparate: (team: string, odd: string, p: string, opponent: string, when: string) => string;
  compareVerdict: (team: string) => string;
  compareCaveat: string;
  /** A comparison asked about a match that has no winner market to read strength from. */
  compareNoWinnerMarket: (a: string, b: string) => string;
  // payouts
  singlePayout: (stake: string, oddText: string, returns: string, profit: string) => string;
  parlayPayout: (
    legs: number,
    product: string,
    combined: string,
    stake: string,
    returns: string,
    profit: string,
  ) => string;
  parlayRule: string;
  legLine: (pick: string, home: string, away: string, when: string, oddText: string) => string;
  marketNotOffered: (market: string, home: string, away: string) => string;
  /** The goals line asked is not the one priced (the asked one is not repeated: only priced figures are written). */
  lineNotOffered: (over: string, under: string) => string;
  /** The draw asked of a basketball game, which has none: said before its winner prices. */
  noDrawInBasketball: string;
  /** Said before every market of a match, when the user asked what they can bet on. */
  marketsOffered: (home: string, away: string) => string;
  whyPicks: string;
  toWin: (team: string) => string;
  theDraw: string;
  proposal: string;
  proposalLowBalance: (balance: string) => string;
  noStakeAssumed: (stake: string) => string;
  /** After the payout of a stake only imagined: the open slip keeps its own, and how to change it. */
  slipUnchanged: (kept: string, imagined: string) => string;
  askSelection: string;
  /** The stake is known, the selection is not: "Which team should I put $20 on?". */
  askSelectionFor: (stake: string) => string;
  /** The match and the stake are known, not the outcome: asked after its prices. */
  whichPick: (stake: string) => string;
  // recommendations
  picksIntro: string;
  /** The opening of one pick, when one was asked for, and of its reason. */
  topPick: string;
  whyTopPick: string;
  /** The opening of picks of one kind, which says what kind they are. */
  picksOf: Record<PickStyle, string>;
  /** Said before picks when the asked window had no matches and the next ones were used instead. */
  widenedPicks: string;
  pickFavourite: (p: string, m: string) => string;
  pickLowMargin: (m: string, p: string) => string;
  pickValue: (fav: string, favOdd: string, p: string) => string;
  pickSafe: (p: string, m: string) => string;
  pickUnderdog: (fav: string, favOdd: string, p: string) => string;
  pickReturns: (stake: string, returns: string) => string;
  // balance, catalogue
  balance: (total: string) => string;
  balanceDetail: (playable: string, withdrawable: string) => string;
  tournaments: (count: number, names: string) => string;
  tournamentFixtures: (t: string) => string;
  sports: (names: string) => string;
  // failures
  errors: Record<string, string>;
  // fixed texts
  greeting: string;
  help: string;
  unclear: string;
  generalIntro: string;
  /** For sports questions outside betting terms (results history, rules trivia): no data to answer from. */
  noFacts: string;
  glossary: Record<string, string>;
}

export const PHRASES: Record<Language, Phrases> = {
  en: {
    rg: 'Remember: odds are not guarantees. Bet only what you can afford to lose.',
    stakeCurrency: (c) => `Stakes are in your account's currency, ${c}.`,
    staleNote: '(The live feed is slow right now, so these prices may be a little out of date.)',
    live: 'LIVE',
    vs: 'vs',
    draw: 'Draw',
    yes: 'Yes',
    no: 'No',
    over: (l) => `Over ${l}`,
    under: (l) => `Under ${l}`,
    orDraw: (t) => `${t} or draw`,
    homeOrAway: (h, a) => `${h} or ${a}`,
    markets: {
      result: 'Match result (1X2)',
      win: 'Winner (moneyline)',
      double_chance: 'Double chance',
      both_teams_to_score: 'Both teams to score',
      handicap: 'Handicap',
      half_time_result: 'Half-time result',
    },
    overUnderTitle: (l) => `Total goals over/under ${l}`,
    overUnderTotalTitle: (l) => `Total over/under ${l}`,
    margin: (m) => `bookmaker margin ${m}`,
    implied: 'implied',
    fixturesIntro: (f) => `Upcoming matches${f}:`,
    noFixtures: (f) => `I found no upcoming matches${f}.`,
    forTeam: (t) => ` for ${t}`,
    inTournament: (t) => ` in the ${t}`,
    onDays: (d) => ` for ${d}`,
    nextMatch: (team, when, opp, t, venue) =>
      `${possessive(team)} next match is ${when} against ${opp} (${t}, ${venue === 'home' ? 'at home' : 'away'}).`,
    afterThat: 'After that:',
    moreFixtures: (s, t) => `Showing ${s} of ${t} matches.`,
    matchFound: (h, a, when, t) => `${h} vs ${a} kicks off ${when} (${t}).`,
    returnsLine: (stake, parts) => `A ${stake} stake returns ${parts.join(', ')}.`,
    focused: (l, o, p, m) => `Same match — ${l}: ${o} (${p} implied), ${m}.`,
    returnsPart: (amount, label, kind) => `${amount} on ${kind === 'draw' ? 'the draw' : label}`,
    goals: 'goals',
    oddsFor: (h, a) => `${h} vs ${a}`,
    noHeadToHead: (a, b) => `${a} and ${b} don't play each other soon. Here are their next matches:`,
    compareHeadToHead: (s, so, sp, w, wo, wp, d) =>
      `On the odds, ${s} is the stronger side: ${so} to win (${sp} implied) against ${wo} for ${w} (${wp}); the draw is ${d}.`,
    compareEven: (a, b, o) => `The bookmaker rates ${a} and ${b} as level: both at ${o} to win.`,
    compareSeparate: (team, o, p, opp, when) => `${team} is ${o} to beat ${opp} (${p} implied, ${when}).`,
    compareVerdict: (team) => `On these prices ${team} is the more likely winner of its next game.`,
    compareCaveat: 'This is the strength the odds imply, not a prediction.',
    compareNoWinnerMarket: (a, b) =>
      `There is no winner market for ${a} vs ${b} yet, so the odds cannot say who is stronger. This is what is priced:`,
    singlePayout: (stake, o, r, p) => `A ${stake} stake at ${o} returns ${r} (profit ${p}).`,
    parlayPayout: (n, product, c, stake, r, p) =>
      `As a ${n}-leg parlay the odds multiply: ${product} = ${c}. A ${stake} stake returns ${r} (profit ${p}).`,
    parlayRule: 'Every selection must win for the parlay to pay.',
    legLine: (pick, h, a, when, o) => `${pick} — ${h} vs ${a}, ${when}, at ${o}`,
    marketNotOffered: (m, h, a) => `The ${m} market is not offered for ${h} vs ${a}. This is what is priced:`,
    lineNotOffered: (o, u) => `That goals line is not offered for this match, only ${o} / ${u}.`,
    noDrawInBasketball: 'Basketball has no draw: a game level at the end goes to overtime until one side wins. These are the winner prices:',
    marketsOffered: (h, a) => `These are the markets you can bet on for ${h} vs ${a}:`,
    whyPicks:
      'Why: I pick from the prices alone, because a lower price means a higher implied probability and a lower margin means fairer odds. The reason for each pick:',
    toWin: (t) => `${t} to win`,
    theDraw: 'The draw',
    proposal:
      'I have prepared this bet for you. It is not placed yet: press Confirm within 5 minutes to place it.',
    proposalLowBalance: (b) => `Heads-up: your balance (${b}) is lower than this stake.`,
    noStakeAssumed: (s) => `You didn't give a stake, so here it is for ${s}.`,
    slipUnchanged: (kept, imagined) => `Your slip is unchanged at ${kept}; say "make it ${imagined}" if you want that stake.`,
    askSelection:
      'Which team (or match) would you like to bet on, and how much? For example "50 on Barcelona": I will work out the payout with live odds.',
    askSelectionFor: (stake) => `Which team (or match) should I put ${stake} on? Name it and I will price it with live odds.`,
    whichPick: (stake) => `Which outcome should I put your ${stake} on?`,
    picksIntro: 'Here is what the current odds point to:',
    topPick: 'My top pick from the current odds:',
    whyTopPick: 'Why this one: I pick from the prices alone, because a lower price means a higher implied probability and a lower margin means fairer odds.',
    picksOf: {
      safe: 'The likeliest outcomes on the board right now:',
      value: 'Where the prices are fairest right now (lowest bookmaker margin):',
      underdog: "Sides the market doesn't favour, the most plausible first:",
    },
    widenedPicks: 'Nothing to pick from in that window, so these come from the next matches:',
    pickFavourite: (p, m) =>
      `clearest favourite on the board, ${p} implied probability (market margin ${m}).`,
    pickLowMargin: (m, p) =>
      `fairest-priced market I found (margin only ${m}); the most likely outcome there, ${p} implied.`,
    pickValue: (fav, fo, p) =>
      `a close game (${fav} only ${fo}), so double chance also covers the draw: ${p} implied.`,
    pickSafe: (p, m) => `the likeliest outcome of its market, ${p} implied probability (margin ${m}). Likely is not certain.`,
    pickUnderdog: (fav, fo, p) =>
      `the side the market does not favour (${fav} is at ${fo}): ${p} implied, so it loses more often than it wins, and pays more when it does not.`,
    pickReturns: (s, r) => `${s} returns ${r}.`,
    balance: (t) => `Your balance is ${t}.`,
    balanceDetail: (p, w) => `Playable: ${p} · withdrawable: ${w}.`,
    tournaments: (n, names) => `There are ${n} tournaments open for betting: ${names}.`,
    tournamentFixtures: (t) => `Next ${t} matches:`,
    sports: (names) => `Sports available: ${names}.`,
    errors: {
      match_not_found:
        'I could not find an upcoming match for that. Check the team names or ask for the schedule.',
      odds_unavailable: 'Odds for that match are not available right now.',
      unknown_tournament:
        'I don’t know that tournament. Ask me "which tournaments are there?" to see the list.',
      no_matches: 'There are no upcoming matches for that filter.',
      unknown_outcome: 'That outcome is not offered for this match.',
      market_not_offered: 'That market is not offered for this match.',
      same_match_twice: 'A parlay can take only one selection per match.',
      timeout:
        'The sportsbook took too long to answer, so I could not get that data. Please try again in a moment.',
      unavailable: 'Live sportsbook data is not available right now. Please try again in a moment.',
      default: 'I could not get that information right now.',
    },
    greeting:
      "Hi! I'm your ChatBet assistant. I can tell you when teams play, show live odds, work out what a stake would return, check your balance and prepare bets for you to confirm. What would you like to look at?",
    help: [
      'Here is what I can do:',
      '• Schedules: "When does Barcelona play?", "Premier League matches this weekend"',
      '• Odds: "Odds for Arsenal vs Chelsea", "over/under for the Liverpool game"',
      '• Payouts: "What would a bet on PSG pay?", "Parlay of Bayern and Inter"',
      '• Picks: "Any recommendations for today?" — explained from the odds',
      '• Comparisons: "Real Madrid or Barcelona, who is stronger?"',
      '• Your account: "What is my balance?"',
      'I prepare bets, but only you can place them, by pressing Confirm.',
    ].join('\n'),
    unclear:
      'I’m not sure what you mean. I can help with match schedules, odds, payouts, recommendations and your balance. For example:',
    generalIntro: 'Quick explainer:',
    noFacts:
      "I don't have results history or rules trivia to answer that reliably: I work from the sportsbook's live data (fixtures, odds, payouts and your balance). Ask me for a team's next match or its odds, or for a betting term like BTTS or double chance.",
    glossary: {
      odds: 'Decimal odds show what each unit staked returns, stake included: returns = stake × odds. The higher the odds, the bigger the return and the less likely the outcome; 1 ÷ odds is the implied probability.',
      parlay:
        'A parlay (accumulator) joins several selections in one bet. The odds multiply, so the payout grows, but every selection must win.',
      over_under:
        'Over/under bets on the total goals against a line: "over" wins if the goals go above the line (3 or more for a line of two and a half), "under" if they stay below it.',
      handicap:
        'A handicap gives one team a virtual head start or deficit (e.g. -1) to even out a mismatch; the result is settled with it applied.',
      double_chance:
        'Double chance covers two of the three results (home or draw, away or draw, home or away): safer, so it pays less.',
      both_teams_to_score:
        'Both teams to score (BTTS) wins "yes" if each side scores at least once, whatever the final result.',
      margin:
        'The margin (overround) is the bookmaker’s edge: the implied probabilities of a market add up to more than 100%. Lower margin = fairer prices.',
      one_x_two: '1X2 is the match result market: 1 = home win, X = draw, 2 = away win.',
      stake: 'The stake is the amount you bet. Returns = stake × odds; profit = returns − stake.',
      clean_sheet: 'A clean sheet means a team concedes no goals in the match.',
      own_goal:
        'An own goal is scored by a player into their own net; it counts for the other team in every result and goals market.',
      fractional:
        'Fractional odds (5/2) show the profit per unit staked; decimal odds show the whole return, stake included, so decimal = fractional + 1. I quote decimal odds.',
    },
  },
  es: {
    rg: 'Recuerda: las cuotas no son garantías. Apuesta solo lo que puedas permitirte perder.',
    stakeCurrency: (c) => `Los montos van en la moneda de tu cuenta, ${c}.`,
    staleNote:
      '(Los datos en vivo van lentos ahora, así que estos precios pueden estar algo desactualizados.)',
    live: 'EN VIVO',
    vs: 'vs',
    draw: 'Empate',
    yes: 'Sí',
    no: 'No',
    over: (l) => `Más de ${l}`,
    under: (l) => `Menos de ${l}`,
    orDraw: (t) => `${t} o empate`,
    homeOrAway: (h, a) => `${h} o ${a}`,
    markets: {
      result: 'Resultado del partido (1X2)',
      win: 'Ganador (moneyline)',
      double_chance: 'Doble oportunidad',
      both_teams_to_score: 'Ambos equipos marcan',
      handicap: 'Hándicap',
      half_time_result: 'Resultado al descanso',
    },
    overUnderTitle: (l) => `Total de goles, más/menos de ${l}`,
    overUnderTotalTitle: (l) => `Total, más/menos de ${l}`,
    margin: (m) => `margen de la casa ${m}`,
    implied: 'implícita',
    focused: (l, o, p, m) => `Mismo partido — ${l}: ${o} (${p} implícita), ${m}.`,
    fixturesIntro: (f) => `Próximos partidos${f}:`,
    noFixtures: (f) => `No encontré próximos partidos${f}.`,
    forTeam: (t) => ` de ${t}`,
    inTournament: (t) => ` en ${t}`,
    onDays: (d) => ` para ${d}`,
    nextMatch: (team, when, opp, t, venue) =>
      `El próximo partido de ${team} es ${when} contra ${opp} (${t}, ${venue === 'home' ? 'de local' : 'de visitante'}).`,
    afterThat: 'Después:',
    moreFixtures: (s, t) => `Mostrando ${s} de ${t} partidos.`,
    matchFound: (h, a, when, t) => `${h} vs ${a} se juega ${when} (${t}).`,
    returnsLine: (stake, parts) => `Con ${stake} recibirías ${parts.join(', ')}.`,
    returnsPart: (amount, label, kind) =>
      kind === 'draw' ? `${amount} con el empate` : kind === 'side' ? `${amount} si gana ${label}` : `${amount} con ${label}`,
    goals: 'goles',
    oddsFor: (h, a) => `${h} vs ${a}`,
    noHeadToHead: (a, b) => `${a} y ${b} no se enfrentan próximamente. Estos son sus próximos partidos:`,
    compareHeadToHead: (s, so, sp, w, wo, wp, d) =>
      `Según las cuotas, ${s} es el favorito: ${so} a ganar (${sp} implícita) frente a ${wo} de ${w} (${wp}); el empate paga ${d}.`,
    compareEven: (a, b, o) => `La casa ve a ${a} y ${b} parejos: ambos a ${o} para ganar.`,
    compareSeparate: (team, o, p, opp, when) =>
      `${team} paga ${o} por ganarle a ${opp} (${p} implícita, ${when}).`,
    compareVerdict: (team) =>
      `Con estos precios, ${team} es quien tiene más probabilidades de ganar su próximo partido.`,
    compareCaveat: 'Es la fuerza que implican las cuotas, no un pronóstico.',
    compareNoWinnerMarket: (a, b) =>
      `Todavía no hay mercado de ganador para ${a} vs ${b}, así que las cuotas no dicen quién es más fuerte. Esto es lo que está en oferta:`,
    singlePayout: (stake, o, r, p) => `Con ${stake} a cuota ${o} recibirías ${r} (ganancia ${p}).`,
    parlayPayout: (n, product, c, stake, r, p) =>
      `En una combinada de ${n} selecciones las cuotas se multiplican: ${product} = ${c}. Con ${stake} recibirías ${r} (ganancia ${p}).`,
    parlayRule: 'Para cobrar la combinada deben acertarse todas las selecciones.',
    legLine: (pick, h, a, when, o) => `${pick} — ${h} vs ${a}, ${when}, a ${o}`,
    marketNotOffered: (m, h, a) => `El mercado de ${m} no está disponible para ${h} vs ${a}. Esto es lo que hay:`,
    lineNotOffered: (o, u) => `Esa línea de goles no se ofrece para este partido, solo ${o} / ${u}.`,
    noDrawInBasketball: 'En el baloncesto no hay empate: si el partido termina igualado se juega prórroga hasta que gane uno. Estas son las cuotas al ganador:',
    marketsOffered: (h, a) => `Estos son los mercados en los que puedes apostar para ${h} vs ${a}:`,
    whyPicks:
      'Por qué: elijo solo a partir de las cuotas, porque una cuota más baja implica más probabilidad y un margen menor significa precios más justos. La razón de cada selección:',
    toWin: (t) => `Gana ${t}`,
    theDraw: 'Empate',
    proposal:
      'Te dejé preparada esta apuesta. Todavía no está hecha: pulsa Confirmar en los próximos 5 minutos para realizarla.',
    proposalLowBalance: (b) => `Ojo: tu saldo (${b}) es menor que este monto.`,
    noStakeAssumed: (s) => `No indicaste monto, así que lo calculo con ${s}.`,
    slipUnchanged: (kept, imagined) => `Tu boleto sigue en ${kept}; di «ponlo en ${imagined}» si quieres ese monto.`,
    askSelection:
      '¿A qué equipo (o partido) quieres apostar, y cuánto? Por ejemplo "50 al Barcelona": calculo el pago con cuotas en vivo.',
    askSelectionFor: (stake) => `¿A qué equipo (o partido) le pongo los ${stake}? Dímelo y lo calculo con cuotas en vivo.`,
    whichPick: (stake) => `¿A qué resultado le pongo tus ${stake}?`,
    picksIntro: 'Esto es lo que señalan las cuotas actuales:',
    topPick: 'Mi selección principal según las cuotas actuales:',
    whyTopPick: 'Por qué esta: elijo solo a partir de las cuotas, porque una cuota más baja implica más probabilidad y un margen menor significa precios más justos.',
    picksOf: {
      safe: 'Los resultados más probables ahora mismo:',
      value: 'Donde los precios son más justos ahora mismo (menor margen de la casa):',
      underdog: 'Los equipos que el mercado no favorece, el más plausible primero:',
    },
    widenedPicks:
      'No hay nada que recomendar en ese periodo, así que estas opciones son de los próximos partidos:',
    pickFavourite: (p, m) =>
      `el favorito más claro de la jornada, probabilidad implícita ${p} (margen ${m}).`,
    pickLowMargin: (m, p) =>
      `el mercado con el precio más justo que encontré (margen de solo ${m}); su resultado más probable, ${p} implícita.`,
    pickValue: (fav, fo, p) =>
      `partido parejo (${fav} apenas a ${fo}), así que la doble oportunidad cubre también el empate: ${p} implícita.`,
    pickSafe: (p, m) => `el resultado más probable de su mercado, probabilidad implícita ${p} (margen ${m}). Probable no es seguro.`,
    pickUnderdog: (fav, fo, p) =>
      `el lado que el mercado no favorece (${fav} está a ${fo}): ${p} implícita, así que pierde más veces de las que gana, y paga más cuando no.`,
    pickReturns: (s, r) => `${s} devuelven ${r}.`,
    balance: (t) => `Tu saldo es ${t}.`,
    balanceDetail: (p, w) => `Disponible para apostar: ${p} · retirable: ${w}.`,
    tournaments: (n, names) => `Hay ${n} torneos abiertos para apostar: ${names}.`,
    tournamentFixtures: (t) => `Próximos partidos de ${t}:`,
    sports: (names) => `Deportes disponibles: ${names}.`,
    errors: {
      match_not_found:
        'No encontré un próximo partido para eso. Revisa los nombres de los equipos o pídeme el calendario.',
      odds_unavailable: 'Las cuotas de ese partido no están disponibles ahora.',
      unknown_tournament: 'No conozco ese torneo. Pregúntame "¿qué torneos hay?" para ver la lista.',
      no_matches: 'No hay próximos partidos con ese filtro.',
      unknown_outcome: 'Ese resultado no se ofrece para este partido.',
      market_not_offered: 'Ese mercado no se ofrece para este partido.',
      same_match_twice: 'Una combinada admite una sola selección por partido.',
      timeout:
        'La casa de apuestas tardó demasiado en responder y no pude obtener esos datos. Inténtalo de nuevo en un momento.',
      unavailable:
        'Los datos de la casa de apuestas no están disponibles ahora. Inténtalo de nuevo en un momento.',
      default: 'No pude obtener esa información ahora.',
    },
    greeting:
      '¡Hola! Soy tu asistente de ChatBet. Puedo decirte cuándo juegan los equipos, mostrarte cuotas en vivo, calcular cuánto pagaría una apuesta, consultar tu saldo y prepararte apuestas para que las confirmes. ¿Qué quieres ver?',
    help: [
      'Esto es lo que puedo hacer:',
      '• Calendario: "¿Cuándo juega el Barcelona?", "partidos de La Liga este fin de semana"',
      '• Cuotas: "cuotas del Real Madrid vs Barcelona", "más/menos goles del partido del Sevilla"',
      '• Pagos: "¿cuánto paga una apuesta al PSG?", "combinada de Bayern e Inter"',
      '• Recomendaciones: "¿qué me recomiendas hoy?", explicadas con las cuotas',
      '• Comparaciones: "¿Real Madrid o Barcelona, quién es mejor?"',
      '• Tu cuenta: "¿cuál es mi saldo?"',
      'Yo preparo las apuestas, pero solo tú las realizas, pulsando Confirmar.',
    ].join('\n'),
    unclear:
      'No estoy seguro de qué necesitas. Puedo ayudarte con calendario, cuotas, pagos, recomendaciones y tu saldo. Por ejemplo:',
    generalIntro: 'Te lo explico rápido:',
    noFacts:
      'No tengo historial de resultados ni datos de reglamento para responder eso con seguridad: trabajo con los datos en vivo de la casa de apuestas (partidos, cuotas, pagos y tu saldo). Pregúntame por el próximo partido de un equipo o sus cuotas, o por un término como ambos marcan o doble oportunidad.',
    glossary: {
      odds: 'La cuota decimal indica lo que devuelve cada unidad apostada, incluida la apuesta: pago = monto × cuota. Cuanto más alta la cuota, mayor el pago y menos probable el resultado; 1 ÷ cuota es la probabilidad implícita.',
      parlay:
        'Una combinada (parlay) junta varias selecciones en una apuesta. Las cuotas se multiplican, así que el pago crece, pero deben acertarse todas.',
      over_under:
        'Más/menos (over/under) apuesta al total de goles frente a una línea: "más" gana si los goles la superan (3 o más con una línea de dos y medio), "menos" si quedan por debajo.',
      handicap:
        'El hándicap da a un equipo una ventaja o desventaja virtual (p. ej. -1) para equilibrar el partido; se liquida aplicándola al resultado.',
      double_chance:
        'La doble oportunidad cubre dos de los tres resultados (local o empate, visitante o empate, local o visitante): más segura, paga menos.',
      both_teams_to_score:
        'Ambos equipos marcan gana con "sí" si cada equipo anota al menos un gol, sea cual sea el resultado.',
      margin:
        'El margen es la ventaja de la casa: las probabilidades implícitas de un mercado suman más de 100%. Menos margen = precios más justos.',
      one_x_two: '1X2 es el mercado de resultado: 1 = gana el local, X = empate, 2 = gana el visitante.',
      stake: 'El monto es lo que apuestas. Pago = monto × cuota; ganancia = pago − monto.',
      clean_sheet: 'Portería a cero (valla invicta) significa que un equipo no recibe goles en el partido.',
      own_goal:
        'Un gol en contra (autogol) lo marca un jugador en su propia portería; cuenta para el rival en todos los mercados de resultado y goles.',
      fractional:
        'Las cuotas fraccionarias (5/2) muestran la ganancia por unidad apostada; las decimales, el pago total con la apuesta incluida, así que decimal = fraccionaria + 1. Yo uso cuotas decimales.',
    },
  },
  pt_br: {
    rg: 'Lembre-se: odds não são garantia. Aposte só o que você pode perder.',
    stakeCurrency: (c) => `Os valores são na moeda da sua conta, ${c}.`,
    staleNote:
      '(Os dados ao vivo estão lentos agora, então esses preços podem estar um pouco desatualizados.)',
    live: 'AO VIVO',
    vs: 'x',
    draw: 'Empate',
    yes: 'Sim',
    no: 'Não',
    over: (l) => `Mais de ${l}`,
    under: (l) => `Menos de ${l}`,
    orDraw: (t) => `${t} ou empate`,
    homeOrAway: (h, a) => `${h} ou ${a}`,
    markets: {
      result: 'Resultado final (1X2)',
      win: 'Vencedor (moneyline)',
      double_chance: 'Dupla chance',
      both_teams_to_score: 'Ambas marcam',
      handicap: 'Handicap',
      half_time_result: 'Resultado do 1º tempo',
    },
    overUnderTitle: (l) => `Total de gols, mais/menos de ${l}`,
    overUnderTotalTitle: (l) => `Total, mais/menos de ${l}`,
    margin: (m) => `margem da casa ${m}`,
    implied: 'implícita',
    focused: (l, o, p, m) => `Mesmo jogo — ${l}: ${o} (${p} implícita), ${m}.`,
    fixturesIntro: (f) => `Próximos jogos${f}:`,
    noFixtures: (f) => `Não encontrei próximos jogos${f}.`,
    forTeam: (t) => ` do ${t}`,
    inTournament: (t) => ` (${t})`,
    onDays: (d) => ` para ${d}`,
    nextMatch: (team, when, opp, t, venue) =>
      `O próximo jogo do ${team} é ${when} contra o ${opp} (${t}, ${venue === 'home' ? 'em casa' : 'fora de casa'}).`,
    afterThat: 'Depois:',
    moreFixtures: (s, t) => `Mostrando ${s} de ${t} jogos.`,
    matchFound: (h, a, when, t) => `${h} x ${a} começa ${when} (${t}).`,
    returnsLine: (stake, parts) => `Com ${stake} você receberia ${parts.join(', ')}.`,
    returnsPart: (amount, label, kind) =>
      kind === 'draw' ? `${amount} se der empate` : kind === 'side' ? `${amount} se o ${label} vencer` : `${amount} com ${label}`,
    goals: 'gols',
    oddsFor: (h, a) => `${h} x ${a}`,
    noHeadToHead: (a, b) => `${a} e ${b} não se enfrentam em breve. Estes são os próximos jogos de cada um:`,
    compareHeadToHead: (s, so, sp, w, wo, wp, d) =>
      `Pelas odds, o ${s} é o favorito: ${so} para vencer (${sp} implícita) contra ${wo} do ${w} (${wp}); o empate paga ${d}.`,
    compareEven: (a, b, o) => `A casa vê ${a} e ${b} equilibrados: ambos a ${o} para vencer.`,
    compareSeparate: (team, o, p, opp, when) =>
      `${team} paga ${o} para vencer o ${opp} (${p} implícita, ${when}).`,
    compareVerdict: (team) => `Por esses preços, o ${team} tem mais chance de vencer o próximo jogo.`,
    compareCaveat: 'É a força que as odds indicam, não um palpite certo.',
    compareNoWinnerMarket: (a, b) =>
      `Ainda não há mercado de vencedor para ${a} x ${b}, então as odds não dizem quem é mais forte. Isto é o que está disponível:`,
    singlePayout: (stake, o, r, p) => `Com ${stake} a odd ${o} você receberia ${r} (lucro de ${p}).`,
    parlayPayout: (n, product, c, stake, r, p) =>
      `Numa múltipla de ${n} seleções as odds se multiplicam: ${product} = ${c}. Com ${stake} você receberia ${r} (lucro de ${p}).`,
    parlayRule: 'Todas as seleções precisam acertar para a múltipla pagar.',
    legLine: (pick, h, a, when, o) => `${pick} — ${h} x ${a}, ${when}, a ${o}`,
    marketNotOffered: (m, h, a) => `O mercado de ${m} não está disponível para ${h} x ${a}. Veja o que há:`,
    lineNotOffered: (o, u) => `Essa linha de gols não é oferecida para este jogo, só ${o} / ${u}.`,
    noDrawInBasketball: 'No basquete não existe empate: se o jogo termina igual, vai para a prorrogação até um time vencer. Estas são as odds de vencedor:',
    marketsOffered: (h, a) => `Estes são os mercados em que você pode apostar em ${h} x ${a}:`,
    whyPicks:
      'Por quê: escolho só pelas odds, porque uma odd menor indica mais probabilidade e uma margem menor significa preços mais justos. O motivo de cada palpite:',
    toWin: (t) => `Vitória do ${t}`,
    theDraw: 'Empate',
    proposal:
      'Deixei esta aposta preparada para você. Ela ainda não foi feita: toque em Confirmar em até 5 minutos para apostar.',
    proposalLowBalance: (b) => `Atenção: seu saldo (${b}) é menor que este valor.`,
    noStakeAssumed: (s) => `Você não informou o valor, então calculei com ${s}.`,
    slipUnchanged: (kept, imagined) => `Seu bilhete continua em ${kept}; diga "muda pra ${imagined}" se quiser esse valor.`,
    askSelection:
      'Em qual time (ou jogo) você quer apostar, e quanto? Por exemplo "50 no Flamengo": eu calculo o retorno com as odds ao vivo.',
    askSelectionFor: (stake) => `Em qual time (ou jogo) eu coloco os ${stake}? Me diga e eu calculo com as odds ao vivo.`,
    whichPick: (stake) => `Em qual resultado eu coloco seus ${stake}?`,
    picksIntro: 'Isto é o que as odds atuais indicam:',
    topPick: 'Meu principal palpite pelas odds atuais:',
    whyTopPick: 'Por que este: escolho só pelas odds, porque uma odd menor indica mais probabilidade e uma margem menor significa preços mais justos.',
    picksOf: {
      safe: 'Os resultados mais prováveis agora:',
      value: 'Onde os preços estão mais justos agora (menor margem da casa):',
      underdog: 'Os times que o mercado não favorece, o mais plausível primeiro:',
    },
    widenedPicks: 'Não há nada para indicar nesse período, então estas opções são dos próximos jogos:',
    pickFavourite: (p, m) =>
      `o favorito mais claro da rodada, probabilidade implícita de ${p} (margem ${m}).`,
    pickLowMargin: (m, p) =>
      `o mercado com o preço mais justo que encontrei (margem de só ${m}); o resultado mais provável ali, ${p} implícita.`,
    pickValue: (fav, fo, p) =>
      `jogo equilibrado (${fav} só a ${fo}), então a dupla chance cobre também o empate: ${p} implícita.`,
    pickSafe: (p, m) => `o resultado mais provável do seu mercado, probabilidade implícita de ${p} (margem ${m}). Provável não é garantido.`,
    pickUnderdog: (fav, fo, p) =>
      `o lado que o mercado não favorece (${fav} está a ${fo}): ${p} implícita, então perde mais vezes do que ganha, e paga mais quando não perde.`,
    pickReturns: (s, r) => `${s} retornam ${r}.`,
    balance: (t) => `Seu saldo é ${t}.`,
    balanceDetail: (p, w) => `Disponível para apostar: ${p} · sacável: ${w}.`,
    tournaments: (n, names) => `Há ${n} torneios abertos para apostas: ${names}.`,
    tournamentFixtures: (t) => `Próximos jogos (${t}):`,
    sports: (names) => `Esportes disponíveis: ${names}.`,
    errors: {
      match_not_found:
        'Não encontrei um próximo jogo para isso. Confira os nomes dos times ou peça a agenda.',
      odds_unavailable: 'As odds desse jogo não estão disponíveis agora.',
      unknown_tournament: 'Não conheço esse torneio. Pergunte "quais torneios existem?" para ver a lista.',
      no_matches: 'Não há próximos jogos com esse filtro.',
      unknown_outcome: 'Esse resultado não é oferecido para este jogo.',
      market_not_offered: 'Esse mercado não é oferecido para este jogo.',
      same_match_twice: 'Uma múltipla aceita só uma seleção por jogo.',
      timeout:
        'A casa de apostas demorou demais para responder e não consegui esses dados. Tente novamente em instantes.',
      unavailable: 'Os dados da casa de apostas estão indisponíveis agora. Tente novamente em instantes.',
      default: 'Não consegui essa informação agora.',
    },
    greeting:
      'Olá! Sou seu assistente ChatBet. Posso dizer quando os times jogam, mostrar odds ao vivo, calcular quanto uma aposta pagaria, consultar seu saldo e preparar apostas para você confirmar. O que você quer ver?',
    help: [
      'Veja o que eu posso fazer:',
      '• Agenda: "Quando joga o Flamengo?", "jogos do Brasileirão neste fim de semana"',
      '• Odds: "odds de Flamengo x Palmeiras", "mais/menos gols do jogo do Corinthians"',
      '• Retornos: "quanto paga uma aposta no PSG?", "múltipla de Bayern e Inter"',
      '• Palpites: "alguma recomendação para hoje?", explicados pelas odds',
      '• Comparações: "Flamengo ou Palmeiras, quem é mais forte?"',
      '• Sua conta: "quanto tenho na conta?"',
      'Eu preparo as apostas, mas só você as faz, tocando em Confirmar.',
    ].join('\n'),
    unclear:
      'Não entendi bem o que você precisa. Posso ajudar com agenda, odds, retornos, palpites e seu saldo. Por exemplo:',
    generalIntro: 'Explicando rapidinho:',
    noFacts:
      'Não tenho histórico de resultados nem dados de regras para responder isso com segurança: trabalho com os dados ao vivo da casa de apostas (jogos, odds, retornos e seu saldo). Pergunte pelo próximo jogo de um time ou pelas odds dele, ou por um termo como ambas marcam ou dupla chance.',
    glossary: {
      odds: 'A odd decimal mostra quanto cada unidade apostada retorna, já com a aposta: retorno = valor × odd. Quanto maior a odd, maior o retorno e menor a chance; 1 ÷ odd é a probabilidade implícita.',
      parlay:
        'Uma múltipla junta várias seleções numa aposta só. As odds se multiplicam, o retorno cresce, mas todas precisam acertar.',
      over_under:
        'Mais/menos (over/under) aposta no total de gols contra uma linha: "mais" ganha se os gols passarem da linha (3 ou mais numa linha de dois e meio), "menos" se ficarem abaixo.',
      handicap:
        'O handicap dá a um time uma vantagem ou desvantagem virtual (ex.: -1) para equilibrar o jogo; o resultado é apurado com ela aplicada.',
      double_chance:
        'A dupla chance cobre dois dos três resultados (casa ou empate, fora ou empate, casa ou fora): mais segura, paga menos.',
      both_teams_to_score:
        'Ambas marcam ganha no "sim" se cada time fizer pelo menos um gol, qualquer que seja o placar.',
      margin:
        'A margem é a vantagem da casa: as probabilidades implícitas de um mercado somam mais de 100%. Margem menor = preços mais justos.',
      one_x_two:
        '1X2 é o mercado de resultado: 1 = vitória do mandante, X = empate, 2 = vitória do visitante.',
      stake: 'O valor apostado é a sua entrada. Retorno = valor × odd; lucro = retorno − valor.',
      clean_sheet: 'Não sofrer gols (clean sheet) significa que o time termina o jogo sem levar gol.',
      own_goal:
        'Gol contra é o gol que um jogador marca na própria rede; conta para o adversário em todos os mercados de resultado e gols.',
      fractional:
        'Odds fracionárias (5/2) mostram o lucro por unidade apostada; as decimais mostram o retorno total, com a aposta incluída, então decimal = fracionária + 1. Eu uso odds decimais.',
    },
  },
};

/** Which glossary entries a general question is about. */
export const GLOSSARY_CUES: Array<[string, RegExp]> = [
  ['parlay', /\b(parlay|accumulator|acca|combinad[ao]s?|m[uú]ltiplas?|combo)\b/i],
  ['over_under', /\b(over|under|m[aá]s\s*\/?\s*menos|mais\s*\/?\s*menos|total de goles|total de gols)\b/i],
  ['handicap', /\b(h[aá]ndicap|handicap|spread)\b/i],
  ['double_chance', /\b(double chance|doble oportunidad|dupla chance)\b/i],
  ['both_teams_to_score', /\b(btts|both teams|ambos equipos|ambas marcam)\b/i],
  ['margin', /\b(margin|overround|vig|juice|margen|margem)\b/i],
  ['one_x_two', /\b1x2\b/i],
  ['stake', /\b(stake|monto|valor apostado|bankroll)\b/i],
  [
    'clean_sheet',
    /\b(clean sheets?|porter[ií]a a cero|valla invicta|sem sofrer gols?|n[aã]o sofrer gols?)\b/i,
  ],
  ['own_goal', /\b(own goals?|autogol(es)?|gol(es)? en contra|gols? contra)\b/i],
  ['fractional', /\b(fractional|fraccionari[ao]s?|fracion[aá]ri[ao]s?)\b/i],
  ['odds', /\b(odds?|cuotas?|momios?|probabilit|probabilidad|probabilidade)\w*/i],
];

/** A question about betting in general ("how does betting work?"): the core glossary answers it. */
export const BETTING_TALK =
  /\b(bet|bets|betting|wager\w*|bookmaker\w*|sportsbook|apuesta\w*|apostar|aposta\w*|casa de apuestas|casa de apostas)\b/i;

/** "Arsenal's", "Boston Celtics'": English possessive of a name. */
function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}
