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
