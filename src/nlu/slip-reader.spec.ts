import { AmountExtractor } from './amount-extractor';
import { CatalogueResolver } from './catalogue/catalogue-resolver';
import { seedCatalogue } from './catalogue/seed-catalogue';
import { expandSlang } from './chat-slang';
import { readSlip, type SlipReading } from './slip-reader';

/**
 * Reads a message the way NluService does before it calls readSlip: team and tournament names
 * blanked, chat slang spelled out, and the stakes the amount extractor found.
 */
const resolver = CatalogueResolver.fromCatalogue(seedCatalogue());
const amounts = new AmountExtractor();

function read(text: string): SlipReading {
  const found = resolver.find(text);
  let residue = text;
  for (const mention of [...found.teams, ...found.tournaments])
    residue =
      residue.slice(0, mention.start) + ' '.repeat(mention.end - mention.start) + residue.slice(mention.end);
  return readSlip(expandSlang(residue), amounts.extract(residue));
}

type Case = [text: string, expected: SlipReading, absent?: Array<keyof SlipReading>];

/** Each case: the fields the reading must hold, and the fields it must not hold. */
function check([text, expected, absent = []]: Case): void {
  const reading = read(text);
  expect(reading).toMatchObject(expected);
  for (const key of absent) expect(reading[key]).toBeUndefined();
}

const NOT_A_STAKE_CHANGE: Array<keyof SlipReading> = ['stake', 'stakeFactor', 'stakeIssue'];
const NO_ACT: Array<keyof SlipReading> = ['act', 'stakeIssue', 'addsLeg', 'removesLeg'];

const ENGLISH: Case[] = [
  ['what would 12 on the yes pay', { outcome: 'yes', stake: 12 }],
  // acts
  ['actually, scrap that slip', { act: 'cancel' }, NOT_A_STAKE_CHANGE],
  ['nah, call it off', { act: 'cancel' }],
  ['never mind, I changed my mind', { act: 'cancel' }],
  ['nope, forget it', { act: 'cancel' }],
  ['lock it in', { act: 'confirm' }, NOT_A_STAKE_CHANGE],
  ['yep, go ahead', { act: 'confirm' }],
  ['sure', { act: 'confirm' }],
  ["alright let's do this", { act: 'confirm' }],
  // stake changes and short replies
  ['raise it to 120 please', { act: 'change', stake: 120 }, ['stakeIssue', 'stakeFactor', 'amountOnly']],
  ['make it 75', { act: 'change', stake: 75, amountOnly: true }],
  ['make that 45 quid', { act: 'change', stake: 45 }],
  ['65 then', { stake: 65, amountOnly: true }, ['act', 'stakeIssue']],
  ['ninety bucks then', { stake: 90 }, ['act', 'stakeIssue']],
  ['just 30', { stake: 30, amountOnly: true }],
  // stake factors
  ['double it', { act: 'change', stakeFactor: 2 }, ['stake']],
  ['triple it', { act: 'change', stakeFactor: 3 }],
  ['halve the stake', { act: 'change', stakeFactor: 0.5 }],
  ['half of that', { act: 'change', stakeFactor: 0.5 }],
  // outcomes
  ['the draw instead', { act: 'change', outcome: 'draw' }, NOT_A_STAKE_CHANGE],
  ['go with the other side', { act: 'change', outcome: 'opponent' }],
  ["I'd rather back their opponent", { act: 'change', outcome: 'opponent' }],
  ['switch to under 3.5 instead', { act: 'change', outcome: 'under', line: 3.5 }, NOT_A_STAKE_CHANGE],
  ['make it over 1.5 goals', { act: 'change', outcome: 'over', line: 1.5 }, NOT_A_STAKE_CHANGE],
  ['change it to both teams score', { act: 'change', outcome: 'yes' }],
  ['make it btts no', { act: 'change', outcome: 'no' }],
  ['under 2.5 goals in the Ajax match', { outcome: 'under', line: 2.5 }, ['stakeIssue', 'stake']],
  // legs
  ['add Napoli too', { addsLeg: true }, ['act', 'removesLeg']],
  ['also throw in Benfica', { addsLeg: true }],
  ['remove Porto', { removesLeg: true }, ['act', 'addsLeg']],
  ['take out the Lille leg', { removesLeg: true }, ['act']],
  // stake issues
  ['put 0 on Arsenal', { stakeIssue: 'zero' }, ['stake']],
  ['place a bet of 0.00 on Villarreal', { stakeIssue: 'zero', wantsBet: true }],
  ['bet -25 on Chelsea', { stakeIssue: 'negative', wantsBet: true }],
  ['minus 40 on Ajax', { stakeIssue: 'negative' }],
  ['stake NaN on Inter', { stakeIssue: 'unreadable' }],
  ['bet 1e9999 on Lazio', { stakeIssue: 'unreadable' }],
  ['bet infinity on Porto', { stakeIssue: 'unreadable' }],
  ['put everything on Liverpool', { stakeIssue: 'everything' }],
  ['all in on Juventus', { stakeIssue: 'everything' }],
  ['go all-in on Benfica', { stakeIssue: 'everything' }],
  ['all my money on Girona', { stakeIssue: 'everything' }],
  // asking for a bet
  ['I want to put a bet on Villarreal', { wantsBet: true }, NO_ACT],
];

const SPANISH: Case[] = [
  ['y cuánto me dan con 12 al sí', { outcome: 'yes', stake: 12 }],
  // acts
  ['cancélala porfa', { act: 'cancel' }, NOT_A_STAKE_CHANGE],
  ['olvídalo, mejor no', { act: 'cancel' }],
  ['anula esa apuesta', { act: 'cancel' }],
  ['me arrepentí, bórrala', { act: 'cancel' }],
  ['cambié de opinión', { act: 'cancel' }],
  ['dale, hazla', { act: 'confirm' }, NOT_A_STAKE_CHANGE],
  ['confírmala', { act: 'confirm' }],
  ['listo', { act: 'confirm' }],
  ['de una, métela', { act: 'confirm' }],
  ['mándala ya', { act: 'confirm' }],
  // stake changes and short replies
  ['súbelo a 70', { act: 'change', stake: 70 }, ['stakeIssue', 'stakeFactor']],
  ['bájalo a 12', { act: 'change', stake: 12 }, ['stakeIssue', 'outcome']],
  ['ponle 35', { act: 'change', stake: 35, amountOnly: true }],
  ['mejor ponlo en 90', { act: 'change', stake: 90 }],
  ['solo 25', { stake: 25, amountOnly: true }, ['act']],
  // stake factors
  ['dóblalo', { act: 'change', stakeFactor: 2 }],
  ['duplica el monto', { act: 'change', stakeFactor: 2 }],
  ['la mitad', { act: 'change', stakeFactor: 0.5 }],
  // outcomes
  ['mejor al empate', { act: 'change', outcome: 'draw' }, NOT_A_STAKE_CHANGE],
  ['cámbialo al rival', { act: 'change', outcome: 'opponent' }],
  ['en vez de eso, al otro equipo', { act: 'change', outcome: 'opponent' }],
  ['cambia a más de 3.5 goles', { act: 'change', outcome: 'over', line: 3.5 }],
  ['ponlo en ambos marcan sí', { act: 'change', outcome: 'yes' }],
  ['cámbialo a ambos marcan no', { act: 'change', outcome: 'no' }],
  // "menos de 2.5" is an under line, never a negative stake
  ['menos de 2.5 goles en el Betis', { outcome: 'under', line: 2.5 }, ['stakeIssue', 'stake', 'act']],
  ['cambia a menos de 1,5', { act: 'change', outcome: 'under', line: 1.5 }, ['stakeIssue']],
  // legs
  ['agrega al Sevilla también', { addsLeg: true }, ['act', 'removesLeg']],
  ['añade el Betis', { addsLeg: true }],
  ['saca al Valencia', { removesLeg: true }, ['act']],
  ['sin el Villarreal', { removesLeg: true }, ['act']],
  // stake issues
  ['apuéstale 0 al Barcelona', { stakeIssue: 'zero' }],
  ['apuesta menos 20 al Real Madrid', { stakeIssue: 'negative' }, ['outcome', 'line']],
  ['apuesta -15 al Sevilla', { stakeIssue: 'negative' }],
  ['pon NaN al Betis', { stakeIssue: 'unreadable' }],
  ['apuesta infinito al Sevilla', { stakeIssue: 'unreadable' }],
  ['apuesta todo lo que tengo al Valencia', { stakeIssue: 'everything' }],
  ['todo mi saldo al Girona', { stakeIssue: 'everything' }],
  // asking for a bet
  ['quiero apostarle al Atlético de Madrid', { wantsBet: true }, NO_ACT],
];

const PORTUGUESE: Case[] = [
  ['e quanto volta com 12 no sim', { outcome: 'yes', stake: 12 }],
  // acts
  ['cancela essa aposta', { act: 'cancel' }, NOT_A_STAKE_CHANGE],
  ['esquece, mudei de ideia', { act: 'cancel' }],
  ['deixa pra lá', { act: 'cancel' }],
  ['desisti', { act: 'cancel' }],
  ['não quero mais', { act: 'cancel' }],
  ['apaga isso', { act: 'cancel' }],
  ['pode confirmar', { act: 'confirm' }, NOT_A_STAKE_CHANGE],
  ['fechado, manda bala', { act: 'confirm' }],
  ['bora', { act: 'confirm' }],
  ['sim', { act: 'confirm' }],
  ['beleza', { act: 'confirm' }],
  // stake changes and short replies
  ['sobe pra 80', { act: 'change', stake: 80 }, ['stakeIssue', 'outcome']],
  ['aumenta pra 100', { act: 'change', stake: 100 }],
  ['diminui pra 10', { act: 'change', stake: 10 }, ['outcome']],
  ['uns 25 reais', { stake: 25, amountOnly: true }, ['act']],
  ['só 40', { stake: 40, amountOnly: true }],
  ['põe 45', { stake: 45, amountOnly: true }],
  // stake factors
  ['dobra a aposta', { act: 'change', stakeFactor: 2 }],
  ['metade', { act: 'change', stakeFactor: 0.5 }],
  // outcomes
  ['troca pro empate', { act: 'change', outcome: 'draw' }, NOT_A_STAKE_CHANGE],
  ['em vez disso, o adversário', { act: 'change', outcome: 'opponent' }],
  ['muda pra menos de 2.5', { act: 'change', outcome: 'under', line: 2.5 }, ['stakeIssue']],
  ['troca pra mais de 1.5 gols', { act: 'change', outcome: 'over', line: 1.5 }],
  ['muda pra ambas marcam não', { act: 'change', outcome: 'no' }],
  ['quero o menos de 3.5 gols no clássico', { outcome: 'under', line: 3.5 }, ['stakeIssue', 'act']],
  // legs
  ['adiciona o Botafogo', { addsLeg: true }, ['act', 'removesLeg']],
  ['coloca também o Grêmio', { addsLeg: true }],
  ['tira o Fluminense', { removesLeg: true }, ['act']],
  ['sem o Corinthians', { removesLeg: true }, ['act']],
  // stake issues
  ['aposta 0 no Flamengo', { stakeIssue: 'zero', wantsBet: true }],
  ['aposta menos 30 no Palmeiras', { stakeIssue: 'negative' }, ['outcome']],
  ['aposta -10 no Grêmio', { stakeIssue: 'negative' }],
  ['aposta NaN no Botafogo', { stakeIssue: 'unreadable' }],
  ['aposta infinito no Grêmio', { stakeIssue: 'unreadable' }],
  ['aposta tudo que eu tenho no Corinthians', { stakeIssue: 'everything' }],
  ['meu saldo todo no São Paulo', { stakeIssue: 'everything' }],
  // asking for a bet
  ['quero apostar no Atlético Mineiro', { wantsBet: true }, NO_ACT],
];

/** Ordinary questions: nothing done to a slip, no stake said. */
const QUESTIONS: string[] = [
  'what time is kick-off?',
  'is Arsenal playing this Saturday?',
  'which games are on tonight?',
  'how much do I have?',
  'can you show me the odds for Chelsea',
  'who will win, Lazio or Roma?',
  '¿a qué hora es el partido?',
  '¿y el Villarreal cuándo vuelve a jugar?',
  '¿qué partidos hay hoy?',
  '¿cuánto saldo tengo?',
  '¿quién gana, Sevilla o Betis?',
  'que horas começa o jogo?',
  'quais jogos tem hoje',
  'quanto eu tenho de saldo?',
  'qual o próximo jogo do Fluminense?',
];

describe('readSlip', () => {
  it('has at least 15 cases per language', () => {
    for (const cases of [ENGLISH, SPANISH, PORTUGUESE]) expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  describe('English', () => {
    it.each(ENGLISH)('%s', (...c) => check(c));
  });

  describe('Spanish', () => {
    it.each(SPANISH)('%s', (...c) => check(c));
  });

  describe('Brazilian Portuguese', () => {
    it.each(PORTUGUESE)('%s', (...c) => check(c));
  });

  describe('everyday replies to a proposed slip', () => {
    it.each<Case>([
      // cancels said in passing
      ['nah i dont want that bet anymore', { act: 'cancel' }],
      ['not anymore, thanks', { act: 'cancel' }],
      ['bórralo todo, ya fue', { act: 'cancel' }],
      ['no lo quiero, gracias', { act: 'cancel' }],
      ['ya no apuesto nada hoy', { act: 'cancel' }],
      ['não quero essa aposta', { act: 'cancel' }],
      // confirms written as the whole message
      ['listo, apuéstala', { act: 'confirm' }],
      ['ok métele nomás', { act: 'confirm' }],
      ['fecha aí', { act: 'confirm' }],
      // a stake said with a filler is a stake change
      ['no, que sean 18', { act: 'change', stake: 18 }],
      ['mejor 22', { stake: 22, amountOnly: true }],
      ['13 nomás', { stake: 13, amountOnly: true }],
      ['na verdade 35', { stake: 35, amountOnly: true }],
      // a short reply naming only a pick is aimed at the slip
      ['the draw then', { outcome: 'draw', aimsOnly: true }],
      ['al visitante mejor', { act: 'change' }],
      ['entao no empate', { act: 'change', outcome: 'draw', aimsOnly: true }],
      ['bota no outro', { act: 'change', outcome: 'opponent' }],
      ['move it onto the under', { act: 'change', outcome: 'under' }],
      ['25 on the no', { outcome: 'no', stake: 25 }],
      ['$15 a menos de 2.5 goles', { wantsBet: true, outcome: 'under', line: 2.5 }],
    ])('%s', (...c) => check(c));

    it.each<Case>([
      ['agrégale el Lyon', { addsLeg: true }],
      ['mejor al visitante', { outcome: 'away', aimsOnly: true }],
      ['switch it to the home side', { act: 'change', outcome: 'home' }],
      ['súbele al doble', { stakeFactor: 2 }],
      ['nao pera, poe 75 ai', { stake: 75, amountOnly: true }],
      ['e se ambas nao marcarem?', { outcome: 'no' }],
      ['$10 arriba de 2.5 goles', { outcome: 'over', line: 2.5 }],
    ])('%s', (...c) => check(c));

    it('the double chance market is no doubled stake', () => {
      expect(read('explain the double chance market to me').stakeFactor).toBeUndefined();
      expect(read('y la doble oportunidad del Betis?').act).toBeUndefined();
      expect(read('double it').stakeFactor).toBe(2);
    });

    it('a market or a schedule question is no cancel nor change', () => {
      expect(read('what does draw no bet pay on Lille').act).toBeUndefined();
      expect(read('o Botafogo joga no sábado?').act).toBeUndefined();
    });

    it('a go-ahead word before a question is an acknowledgement, not a confirmation', () => {
      expect(read('dale, ¿y el visitante cuánto paga?').act).toBeUndefined();
      expect(read('ok and what does the draw pay?').act).toBeUndefined();
      expect(read('can you place it?').act).toBe('confirm');
    });

    it('a question or a longer sentence naming an outcome is not aimed at the slip', () => {
      expect(read('and the draw?').aimsOnly).toBeUndefined();
      expect(read('i reckon this one is going to end in a draw').aimsOnly).toBeUndefined();
    });

    it('reads a spread line as a handicap, not as a negative stake', () => {
      expect(read('knicks -4.5 spread price').stakeIssue).toBeUndefined();
    });
  });

  describe('ordinary questions do nothing to a slip', () => {
    it.each(QUESTIONS)('%s', (text) => {
      const reading = read(text);
      expect(reading.act).toBeUndefined();
      expect(reading.stakeIssue).toBeUndefined();
      expect(reading.stake).toBeUndefined();
      expect(reading.addsLeg).toBeUndefined();
      expect(reading.removesLeg).toBeUndefined();
    });
  });

  it.each([
    'so what are the combined odds on my slip?',
    'can I see my bet slip again',
    '¿cuál es la cuota total ahora?',
    'muéstrame el boleto',
    'qual a odd total agora?',
    'me mostra o bilhete',
  ])('reads asking to see the slip as showing it: %s', (text) => {
    expect(read(text).act).toBe('show');
  });

  it('reads "menos 20" as a negative stake but "menos de 2.5" as an under line', () => {
    expect(read('menos 20').stakeIssue).toBe('negative');
    expect(read('menos 20').outcome).toBeUndefined();
    const total = read('menos de 2.5');
    expect(total.stakeIssue).toBeUndefined();
    expect(total).toMatchObject({ outcome: 'under', line: 2.5 });
    // The line is not a stake, even when it is the only number.
    expect(total.stake).toBeUndefined();
  });

  it('reads a minus spelt out before an amount in words as a negative stake, but not "at least"', () => {
    expect(read('stake minus thirty on Porto').stakeIssue).toBe('negative');
    expect(read('pon menos diez al Betis').stakeIssue).toBe('negative');
    expect(read('coloca negativo vinte no Santos').stakeIssue).toBe('negative');
    expect(read('apuesta al menos diez al Betis').stakeIssue).toBeUndefined();
    expect(read('aposta pelo menos vinte no Santos').stakeIssue).toBeUndefined();
    // "menos de cinco goles" is a total, and a word that is not a number is no amount.
    expect(read('menos de cinco goles').stakeIssue).toBeUndefined();
    expect(read('menos goles').stakeIssue).toBeUndefined();
  });

  it('reads the draw as a verb too', () => {
    expect(read('what if they draw?').outcome).toBe('draw');
    expect(read('¿qué pasa si empatan el sábado?').outcome).toBe('draw');
    expect(read('e se empatar?').outcome).toBe('draw');
  });

  it('reads the over/under market named as a whole as no outcome of it', () => {
    expect(read('what about over/under for that one?').outcome).toBeUndefined();
    expect(read('y en más/menos de goles cómo está?').outcome).toBeUndefined();
    expect(read('e o mais ou menos de gols?').outcome).toBeUndefined();
    expect(read('and the under?').outcome).toBe('under');
    // Both sides written together, without a slash: still the market, neither side.
    expect(read('the over under on the Spurs game?').outcome).toBeUndefined();
    expect(read('y el over-under de puntos?').outcome).toBeUndefined();
    expect(read('what are the overs and unders like').outcome).toBeUndefined();
  });

  it('reads the overs and the unders as those sides of a total', () => {
    expect(read('15 on overs in the Spurs game').outcome).toBe('over');
    expect(read('give me the unders then').outcome).toBe('under');
  });

  it('reads an ordinal as no stake', () => {
    expect(read('e o empate no 1º tempo?').stake).toBeUndefined();
    expect(read('draw in the 1st half?').stake).toBeUndefined();
    expect(read('make it 40').stake).toBe(40);
  });

  it('reads a half of the match as no halved stake', () => {
    expect(read('half-time result for Lyon?').stakeFactor).toBeUndefined();
    expect(read('who leads at halftime').stakeFactor).toBeUndefined();
    expect(read('the first half winner').stakeFactor).toBeUndefined();
    expect(read('halve it').stakeFactor).toBe(0.5);
  });

  it('reads a short preference for a market as a change of the slip, only when a market is named', () => {
    expect(readSlip('rather on the spread', [], true).act).toBe('change');
    expect(readSlip('mejor con ambos marcan', [], true).act).toBe('change');
    expect(readSlip('prefiro a dupla chance', [], true).act).toBe('change');
    expect(readSlip('who plays better at home', [], false).act).toBeUndefined();
    // A longer sentence is a question about markets, not a reply to the slip.
    expect(readSlip('which is better value for me tonight, the handicap or the totals', [], true).act).toBeUndefined();
  });

  it('keeps the stake and the line apart when a change names both', () => {
    expect(read('make it 40 on over 2.5')).toMatchObject({
      act: 'change',
      stake: 40,
      outcome: 'over',
      line: 2.5,
    });
  });

  it('a cancel is never also a leg removal', () => {
    for (const text of ['delete that bet', 'cancel it, remove it all'])
      expect(read(text)).toMatchObject({ act: 'cancel' });
    expect(read('delete that bet').removesLeg).toBeUndefined();
  });

  it('a cancel wins over a change in the same message', () => {
    expect(read('forget it, don’t make it 50').act).toBe('cancel');
  });

  it('reads number-like nonsense as unreadable, not as a stake to use', () => {
    for (const text of ['NaN', 'infinity', '1e9999', '3e+45'])
      expect(read(text).stakeIssue).toBe('unreadable');
  });

  it('does not read a positive stake as an issue', () => {
    for (const text of [
      'put 10 on Chelsea',
      'ponle 0.50 al Betis',
      'aposta 100 reais no Flamengo',
      'bet $20.00',
    ])
      expect(read(text).stakeIssue).toBeUndefined();
  });
});

describe('readSlip: what a reply to an open slip asks of it', () => {
  it.each<Case>([
    ['what would that return?', { asksPayout: true }, ['hypothetical', 'act', 'stake']],
    ['cuánto cobraría con eso?', { asksPayout: true }, ['hypothetical', 'act']],
    ['quanto vou ganhar com isso?', { asksPayout: true }, ['hypothetical', 'act']],
  ])('a payout asked, nothing changed: %s', (...c) => check(c));

  it.each<Case>([
    ['what if I double it, how much would I win?', { asksPayout: true, hypothetical: true, stakeFactor: 2 }],
    ['y si le pongo 80, cuánto gano?', { asksPayout: true, hypothetical: true, stake: 80 }],
    ['y si lo doblo, cuánto me llevo?', { asksPayout: true, hypothetical: true, stakeFactor: 2 }],
    ['si la duplico cuánto gano?', { asksPayout: true, hypothetical: true, stakeFactor: 2 }],
    ['e se eu botar 50, quanto rende?', { asksPayout: true, hypothetical: true, stake: 50 }],
    ['e se eu dobrar, quanto eu levo?', { asksPayout: true, hypothetical: true, stakeFactor: 2 }],
    // The past and subjunctive forms an imagined stake is said in.
    ['if I tripled the stake what would I get?', { asksPayout: true, hypothetical: true, stakeFactor: 3 }],
    ['what would I win if I doubled it', { asksPayout: true, hypothetical: true, stakeFactor: 2 }],
    ['y si lo triplicara, cuánto me darían?', { asksPayout: true, hypothetical: true, stakeFactor: 3 }],
    ['e se eu dobrasse, quanto volta?', { asksPayout: true, hypothetical: true, stakeFactor: 2 }],
  ])('a stake imagined with its payout asked: %s', (...c) => check(c));

  it('reads no stake as imagined without a payout asked', () => {
    expect(read('what if I put 40 on it').hypothetical).toBeUndefined();
  });

  it.each<Case>([
    ['other side then', { outcome: 'opponent', aimsOnly: true }],
    ['mejor del otro lado', { outcome: 'opponent' }],
    ['e do outro lado, quanto paga?', { outcome: 'opponent', asksPayout: true }],
    // Their side losing is the other side winning.
    ['and if they lose?', { outcome: 'opponent' }],
    ['si pierden, ¿cuánto me pagan?', { outcome: 'opponent', asksPayout: true }],
    ['quanto paga se perderem?', { outcome: 'opponent', asksPayout: true }],
  ])('the other side, in other words: %s', (...c) => check(c));

  it.each<Case>([
    ['ponme 25 al Getafe', { wantsBet: true, stake: 25 }, NO_ACT],
    ['poneme 30 al Racing', { wantsBet: true, stake: 30 }, NO_ACT],
    ['meteme 15 al Celta', { wantsBet: true, stake: 15 }, NO_ACT],
    ['jugame 20 pesos al Valencia', { wantsBet: true, stake: 20 }, NO_ACT],
    ['clavame 10 al Osasuna', { wantsBet: true, stake: 10 }, NO_ACT],
    ['mandame 50 a River', { wantsBet: true, stake: 50 }, NO_ACT],
    ['vou botar 100 no Fluminense', { wantsBet: true, stake: 100 }, NO_ACT],
    ['colocar 60 no Vasco pra mim', { wantsBet: true, stake: 60 }, NO_ACT],
  ])('a bet asked with the stake’s receiver or a stake verb: %s', (...c) => check(c));

  it.each<Case>([
    ['faz 80', { act: 'change', stake: 80 }],
    ['deixa em 40', { act: 'change', stake: 40 }],
    ['melhor no Botafogo', { act: 'change' }, NOT_A_STAKE_CHANGE],
    ['passa os 20 pro Vasco', { act: 'change', stake: 20 }],
  ])('a change in Brazilian words: %s', (...c) => check(c));

  it.each<Case>([
    ['quero dobrar a aposta', { act: 'change', stakeFactor: 2 }],
    ['duplicar o valor', { act: 'change', stakeFactor: 2 }],
    ['coloca o dobro', { act: 'change', stakeFactor: 2 }],
    ['duplícalo entonces', { act: 'change', stakeFactor: 2 }],
  ])('the stake doubled: %s', (...c) => check(c));

  it.each<Case>([
    ['fine, 35', { stake: 35, amountOnly: true }],
    ['yeah 20', { stake: 20, amountOnly: true }],
    ['alright 60', { stake: 60, amountOnly: true }],
    ['vale, 30', { stake: 30, amountOnly: true }],
    ['bien 15', { stake: 15, amountOnly: true }],
    ['beleza 40', { stake: 40, amountOnly: true }],
    ['blz 50', { stake: 50, amountOnly: true }],
    ['tá bom 70', { stake: 70, amountOnly: true }],
  ])('an assent before a number leaves a bare stake: %s', (...c) => check(c));
});
