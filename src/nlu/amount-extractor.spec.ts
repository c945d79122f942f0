import { AmountExtractor } from './amount-extractor';

describe('AmountExtractor', () => {
  const amounts = new AmountExtractor();

  it.each([
    ['$50 on Arsenal', [50]],
    ['50 bucks on the draw', [50]],
    ['apuesto 20 dólares al Barça', [20]],
    ['R$ 30 no Flamengo', [30]],
    ['€10 on PSG', [10]],
    ['£5 on Spurs', [5]],
    ['10 reais no Timão', [10]],
    ['1k on Bayern', [1000]],
    ['2.5k on the favourite', [2500]],
    ['1,000 dollars', [1000]],
    ['R$ 1.000 no Verdão', [1000]],
    ['$12.50 on Lazio', [12.5]],
  ])('currency: %s → %j', (text, expected) => {
    expect(amounts.extract(text)).toEqual(expected);
  });

  it.each([
    ['put fifty on Chelsea', [50]],
    ['bet twenty five on Milan', [25]],
    ['a hundred bucks on Liverpool', [100]],
    ['veinte dólares al Madrid', [20]],
    ['apuesta de veinticinco euros', [25]],
    ['cien pesos al América', [100]],
    ['cinquenta reais no Palmeiras', [50]],
    ['aposta vinte e cinco reais no Flamengo', [25]],
    ['quinhentos reais', [500]],
  ])('words: %s → %j', (text, expected) => {
    expect(amounts.extract(text)).toEqual(expected);
  });

  it.each([
    ['simulate 45 on Monaco', [45]],
    ['tell me the payout on 250 on napoli', [250]],
    ['what would 80 pay if the visitors win?', [80]],
    ['practice bet: btts no in Benfica vs Porto, 25', [25]],
    ['simulate a double chance bet on Sociedad for 15', [15]],
    ['stake 40 on the home win', [40]],
    ['si apuesto 15 al Betis cuánto gano', [15]],
  ])('bare numbers in a stake position: %s → %j', (text, expected) => {
    expect(amounts.extract(text)).toEqual(expected);
  });

  it.each([
    'odds for over 2.5 goals',
    'under 3.5 in the Porto match',
    'build a 3-leg parlay',
    'Ajax -1 handicap price',
    'kick-off at 20:00',
    'what happened in the 90th minute',
    'top 5 teams in Serie A',
    'the game on 12/05',
    'which one would you put your money on tonight?',
    'los dos equipos juegan hoy',
    'gana 2 a 1',
    'best team in 2024',
    'next 2 weeks of fixtures',
    'the Ligue 1 table',
  ])('no stake in: %s', (text) => {
    expect(amounts.extract(text)).toEqual([]);
  });

  it.each([
    ['apuesto 3 mil al empate', [3000]],
    ['mete 2 mil no empate', [2000]],
    ['€4 mil no Benfica', [4000]],
    ['coloca 2 milhões no Grêmio', [2_000_000]],
    ['apuesta 2 millones al Sevilla', [2_000_000]],
    ['1.5 million on Leeds', [1_500_000]],
    ['2.01k on the draw', [2010]],
    ['2 grand on the away side', [2000]],
    ['make it 3k', [3000]],
    ['tres mil pesos al Cruz Azul', [3000]],
    ['un millón de pesos al Cruz Azul', [1_000_000]],
    ['um milhão de reais no Vasco', [1_000_000]],
    ['three grand on the draw', [3000]],
    ['bet a thousand on Roma', [1000]],
    ['two hundred fifty thousand bucks', [250_000]],
    ['dos mil quinientos pesos', [2500]],
  ])('a figure or words times a multiplier: %s → %j', (text, expected) => {
    expect(amounts.extract(text)).toEqual(expected);
  });

  it('reads "mil" before English as a million, and as a thousand in Spanish and Portuguese', () => {
    expect(amounts.extract('stick 2 mil on the draw')).toEqual([2_000_000]);
    expect(amounts.extract('two mil on the draw')).toEqual([2_000_000]);
    expect(amounts.extract('2 mil al empate')).toEqual([2000]);
    expect(amounts.extract('2 mil no empate')).toEqual([2000]);
  });

  it.each([
    ['metele 2 lucas al Racing', [2000]],
    ['dos lucas al local', [2000]],
    ['tres lucas', [3000]],
    ['una luca al empate', [1000]],
  ])('"lucas" are thousands (Río de la Plata slang): %s → %j', (text, expected) => {
    expect(amounts.extract(text)).toEqual(expected);
  });

  it('reads Lucas the player as no money', () => {
    expect(amounts.extract('Lucas Moura marca hoy?')).toEqual([]);
  });

  it.each([
    ['lump a fiver on the draw', [5]],
    ['a tenner on Villa please', [10]],
    ['two tenners on Everton', [20]],
    ['a pony on the home side', [25]],
    ['stick a score on Wolves', [20]],
    ['a grand on the away win', [1000]],
    ['half a grand on the home side', [500]],
    ['8 pila no Santos', [8]],
  ])('slang for money: %s → %j', (text, expected) => {
    expect(amounts.extract(text)).toEqual(expected);
  });

  it.each([
    ['1999 on Lazio to win', [1999]],
    ['put 2010 on the draw', [2010]],
    ['bota 15 nela', [15]],
    ['e se eu colocar 40 nisso', [40]],
    ['mete 35', [35]],
    ['poe 25 nessa', [25]],
    ['bet 25 then', [25]],
    ['the return on a 15 stake on Porto', [15]],
    ['bájalo a doce', [12]],
    ['súbele a cuarenta', [40]],
    ['que sean treinta entonces', [30]],
    ['make it forty', [40]],
    ['passa pra trinta', [30]],
    ['bump it up to sixty', [60]],
    ['change the stake from 15 to 45', [45]],
    ['cámbialo de 30 a 60', [60]],
    ['muda de 10 pra 25', [25]],
  ])('stakes placed by the words around them: %s → %j', (text, expected) => {
    expect(amounts.extract(text)).toEqual(expected);
  });

  it.each([
    'who won the league in 2019 on goal difference',
    'bet on the 2030 world cup',
    'what if the Nuggets win by more than 15',
    'can the Bucks win by over 9 on the road',
    'less than 4 on the handicap',
    'bet 3x1 on the home side',
    'aposta no 3 x 1 pro Corinthians',
    'apuesta al 2-0',
    'quedó cuatro a tres',
    'put it on 3 to 1 for the hosts',
    'apuesto a las 9',
    'aposta às 4',
    'a las cuatro juega el Betis',
    'what was the score on saturday',
    'is that a score on the board already',
    'the grand final is on sunday',
    'the stadium holds 60 mil fans',
  ])('no stake in: %s', (text) => {
    expect(amounts.extract(text)).toEqual([]);
  });

  it.each([
    ['cuarenta', 40],
    ['trinta e cinco', 35],
    ['sixty then', 60],
    ['treinta nomás', 30],
    ['uns quarenta reais', 40],
    ['a fiver', 5],
    ['dos mil', 2000],
  ])('a reply that is only a stake in words: %s → %d', (text, expected) => {
    expect(amounts.extract(text)).toEqual([expected]);
  });

  it.each(['two', 'los dos', 'forty minutes', 'quince de mayo', 'cinco a uno', 'fifty or sixty'])(
    'no stake-only reply in: %s',
    (text) => {
      expect(amounts.extract(text)).toEqual([]);
    },
  );

  it('reads "constructor" as a plain word, not a number word', () => {
    // Looked up in an object literal it found Object.prototype's constructor and swallowed the stake before it.
    expect(amounts.extract('bet twenty constructor dollars on Arsenal')).toEqual([20]);
  });

  it('keeps the stake and drops the line when both appear', () => {
    expect(amounts.extract('stick a dummy 200 on Porto with the -1 handicap')).toEqual([200]);
    expect(amounts.extract('run a simulation: 50 on over 2.5 goals')).toEqual([50]);
    expect(amounts.extract('3-leg parlay, $10 stake')).toEqual([10]);
  });
});
