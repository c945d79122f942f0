import { asksForMarkets, MarketExtractor } from './market-extractor';

describe('MarketExtractor', () => {
  const markets = new MarketExtractor();

  it.each([
    ['1X2 price for Pumas vs Toluca', ['result']],
    ['match result price', ['result']],
    ['moneyline Lakers', ['result']],
    ['resultado final del clásico', ['result']],
    ['over 2.5 goals', ['over_under']],
    ['under 3.5 in the Porto match', ['over_under']],
    ['best over/under pick', ['over_under']],
    ['más de 2.5 goles', ['over_under']],
    ['mais de 2,5 gols', ['over_under']],
    ['total goals line', ['over_under']],
    ['btts price', ['both_teams_to_score']],
    ['both teams to score?', ['both_teams_to_score']],
    ['ambos marcan en el clásico', ['both_teams_to_score']],
    ['and if both score?', ['both_teams_to_score']],
    ['¿ambos equipos anotan en el de Lyon?', ['both_teams_to_score']],
    ['e se os dois nao marcarem?', ['both_teams_to_score']],
    ['cuota del Lille al entretiempo', ['half_time_result']],
    ['que el Betis gana o empata', ['double_chance']],
    // The team's name arrives blanked: Spanish "X o empate" is the double chance, Portuguese "paga o empate" the draw.
    ['¿y        o empate?', ['double_chance']],
    ['arriba de 2.5 en el de Napoli', ['over_under']],
    ['mejor a que anotan ambos', ['both_teams_to_score']],
    ['ambas marcam no jogo', ['both_teams_to_score']],
    ['double chance for Valencia', ['double_chance']],
    ['doble oportunidad', ['double_chance']],
    ['dupla chance do Palmeiras', ['double_chance']],
    ['1X on the home side', ['double_chance']],
    // A side and the draw together (the team name arrives blanked).
    ['10 reais no          ou empate', ['double_chance']],
    ['20 on       or the draw', ['double_chance']],
    ['empate o       , cuánto paga', ['double_chance']],
    ['asian handicap -1', ['handicap']],
    ['hándicap del Madrid', ['handicap']],
    ['half-time result odds', ['half_time_result']],
    ['leading at HT', ['half_time_result']],
    ['resultado al descanso', ['half_time_result']],
    ['primeiro tempo do jogo', ['half_time_result']],
    // Totals without "over 2.5": the overs and unders, a goal line, a basketball game's points.
    ['fancy the overs tonight', ['over_under']],
    ['unders look the safer side', ['over_under']],
    ['what goal line do they have for the derby', ['over_under']],
    ['points total in the Heat game', ['over_under']],
    ['over-under 220.5 for the Mavs', ['over_under']],
    ['a cuánto la línea de goles del clásico', ['over_under']],
    ['el total de puntos del Miami', ['over_under']],
    ['altas y bajas del América', ['over_under']],
    ['qual a linha de pontos dos Bucks', ['over_under']],
    ['total de pontos do jogo de hoje', ['over_under']],
    // The score at the break.
    ['a draw at the break', ['half_time_result']],
    ['quién gana la primera mitad', ['half_time_result']],
    ['quem vence o 1º tempo', ['half_time_result']],
  ])('%s → %j', (text, expected) => {
    expect(markets.extract(text)).toEqual(expected);
  });

  it('lists several markets in the order they appear', () => {
    expect(markets.extract('btts plus over 2.5 in the same game')).toEqual([
      'both_teams_to_score',
      'over_under',
    ]);
  });

  it.each([
    'quanto paga o empate no jogo',
    'odds on the draw',
    'Arsenal to win',
    'game over, we lost',
    'is it over yet',
    'más de 100 dólares',
    'cuotas altas para el sábado',
    'which team is the favourite',
    'what are the total odds of my slip',
    'points table of the NBA',
    'who is in the line up',
  ])('no market in: %s', (text) => {
    expect(markets.extract(text)).toEqual([]);
  });
});

describe('asksForMarkets', () => {
  const plain = { namesTeam: false, afterUnofferedMarket: false };

  it.each([
    'which markets does that game have?',
    'any other markets open for it?',
    '¿qué mercados tiene el partido?',
    'quais mercados tem nesse jogo?',
  ])('reads the markets asked for in so many words: %s', (text) => {
    expect(asksForMarkets(text, plain)).toBe(true);
  });

  it('reads what a match can be bet on when the match is named or pointed at', () => {
    expect(asksForMarkets('what else can I bet on in that match?', plain)).toBe(true);
    expect(asksForMarkets('¿a qué más le puedo apostar en ese partido?', plain)).toBe(true);
    expect(asksForMarkets('o que mais dá pra apostar no jogo do Grêmio', { ...plain, namesTeam: true })).toBe(true);
    // No match in sight: a question about the whole book, not one match's markets.
    expect(asksForMarkets('what can I bet on this weekend?', plain)).toBe(false);
  });

  it('reads "what is there?" as the markets only right after a market that is not offered', () => {
    const afterCorners = { ...plain, afterUnofferedMarket: true };
    expect(asksForMarkets('fine, what do you have then?', afterCorners)).toBe(true);
    expect(asksForMarkets('¿y cuáles hay?', afterCorners)).toBe(true);
    expect(asksForMarkets('beleza, o que tem?', afterCorners)).toBe(true);
    expect(asksForMarkets('fine, what do you have then?', plain)).toBe(false);
  });
});
