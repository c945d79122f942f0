import {
  type BetProposal,
  type BetProposalSelection,
  emptyEntities,
  type Entities,
  type Intent,
  type Language,
} from '../../common/protocol';
import type { SlipReading } from '../../nlu/slip-reader';
import { writeAnswer } from './answer-writer';
import type { ToolOutcome, TurnView } from './conversation';
import { pickLabel, slipSections } from './slip-writer';

const TODAY = '2026-11-25';

const LEG: BetProposalSelection = {
  fixture_id: 'f-31',
  tournament_id: '8',
  sport_id: '1',
  home_team: 'Fluminense',
  away_team: 'Botafogo',
  start_time: '2026-11-26T22:00:00.000Z',
  market: 'over_under',
  line: 2.5,
  outcome: 'under',
  odd: 1.85,
  bet_id: 'b-1',
};

/** 1234.50 at 1.85 returns 2283.83. */
const PROPOSAL: BetProposal = {
  proposal_id: 'slip-2',
  expires_at: '2026-11-25T12:10:00.000Z',
  stake: 1234.5,
  currency: 'USD',
  selections: [LEG],
  combined_odd: 1.85,
  potential_win: 2283.83,
};

function slipTurn(
  language: Language,
  outcomes: ToolOutcome[],
  options: { intent?: Intent; entities?: Partial<Entities>; slip?: SlipReading } = {},
): TurnView {
  return {
    hints: {
      language,
      intent: options.intent ?? 'UNCLEAR',
      confidence: 0.8,
      entities: { ...emptyEntities(), ...options.entities },
      today: TODAY,
      ...(options.slip ? { slip: options.slip } : {}),
    },
    userText: 'x',
    outcomes,
    steps: outcomes.length > 0 ? 1 : 0,
  };
}

function sections(turn: TurnView): string {
  const lang = turn.hints!.language;
  const written = slipSections(turn, { lang, today: TODAY, hints: turn.hints });
  expect(written).toBeDefined();
  return written!.join('\n');
}

const ok = (name: string, result: Record<string, unknown>): ToolOutcome => ({
  name,
  args: {},
  ok: true,
  result,
});
const failed = (name: string, result: Record<string, unknown>): ToolOutcome => ({
  name,
  args: {},
  ok: false,
  result,
});

/** What each language must show for the same slip. */
const EXPECTED: Record<
  Language,
  {
    stake: string;
    returns: string;
    price: string;
    under: RegExp;
    confirm: RegExp;
    changed: RegExp;
    withdrawn: RegExp;
    cannotPlace: RegExp;
    placedClaim: RegExp;
    cancelled: RegExp;
    nothingToCancel: RegExp;
    nothingToConfirm: RegExp;
    alreadyPlaced: RegExp;
    askStake: RegExp;
    positive: RegExp;
    unreadable: RegExp;
    everything: RegExp;
    aboveBalance: RegExp;
  }
> = {
  en: {
    stake: '$1,234.50',
    returns: '$2,283.83',
    price: '1.85',
    under: /Under 2\.5 goals/,
    confirm: /Press Confirm/,
    changed: /updated your slip/,
    withdrawn: /previous slip is withdrawn/,
    cannotPlace: /cannot place bets from the chat/,
    placedClaim: /\b(?:bet|slip) (?:is|has been|was) placed\b|\bI (?:have )?placed\b|\bplaced your bet\b/i,
    cancelled: /^Cancelled: .*Nothing was placed\.$/,
    nothingToCancel: /no open bet slip to cancel/,
    nothingToConfirm: /no open bet slip to place/,
    alreadyPlaced: /already being placed/,
    askStake: /How much would you like to stake\?/,
    positive: /positive amount/,
    unreadable: /could not read that stake/,
    everything: /won't stake your whole balance/,
    aboveBalance: /more than your playable balance/,
  },
  es: {
    stake: '$1.234,50',
    returns: '$2.283,83',
    price: '1,85',
    under: /Menos de 2[.,]5 goles/,
    confirm: /Pulsa Confirmar/,
    changed: /actualicé tu boleto/,
    withdrawn: /boleto anterior quedó retirado/,
    cancelled: /^Cancelado: .*No se hizo ninguna apuesta\.$/,
    cannotPlace: /No puedo hacer apuestas desde el chat/,
    placedClaim:
      /apuesta (?:fue |quedó )?(?:realizada|hecha|confirmada)|ya apost[eé]|hice (?:la|tu) apuesta/i,
    nothingToCancel: /ningún boleto abierto que cancelar/,
    nothingToConfirm: /ningún boleto abierto para confirmar/,
    alreadyPlaced: /ya se está confirmando/,
    askStake: /¿Cuánto quieres apostar\?/,
    positive: /tiene que ser positivo/,
    unreadable: /No pude leer ese monto/,
    everything: /No voy a apostar todo tu saldo/,
    aboveBalance: /supera tu saldo disponible/,
  },
  pt_br: {
    stake: '$1.234,50',
    returns: '$2.283,83',
    price: '1,85',
    under: /Menos de 2[.,]5 gols/,
    confirm: /Toque em Confirmar/,
    changed: /atualizei o seu bilhete/,
    withdrawn: /bilhete anterior foi retirado/,
    cancelled: /^Cancelado: .*Nenhuma aposta foi feita\.$/,
    cannotPlace: /Não consigo fazer apostas pelo chat/,
    placedClaim:
      /aposta (?:foi )?(?:feita|realizada|confirmada) com sucesso|já apostei|fiz a (?:sua )?aposta/i,
    nothingToCancel: /nenhum bilhete aberto para cancelar/,
    nothingToConfirm: /nenhum bilhete aberto para confirmar/,
    alreadyPlaced: /já está sendo confirmado/,
    askStake: /Quanto você quer apostar\?/,
    positive: /precisa ser positivo/,
    unreadable: /Não consegui ler esse valor/,
    everything: /Não vou apostar todo o seu saldo/,
    aboveBalance: /passa do seu saldo disponível/,
  },
};

const LANGUAGES: Language[] = ['en', 'es', 'pt_br'];

describe.each(LANGUAGES)('slip writer (%s)', (language) => {
  const e = EXPECTED[language];

  it('shows a changed slip: the leg, the new stake and returns, the withdrawn slip and the Confirm line', () => {
    const text = sections(
      slipTurn(language, [
        ok('update_bet_slip', {
          proposal: PROPOSAL,
          placed: false,
          note: 'n',
          withdrawn_proposal_id: 'slip-1',
        }),
      ]),
    );
    expect(text).toMatch(e.changed);
    expect(text).toMatch(e.under);
    expect(text).toContain('Fluminense');
    expect(text).toContain('Botafogo');
    expect(text).toContain(e.stake);
    expect(text).toContain(e.returns);
    expect(text).toContain(e.price);
    expect(text).toMatch(e.withdrawn);
    expect(text).toMatch(e.confirm);
    expect(text).not.toMatch(e.placedClaim);
    // The Confirm line comes last: the user reads the slip before being told how to place it.
    expect(text.split('\n').pop()).toMatch(e.confirm);
  });

  it('passes on the note of a line the match does not offer', () => {
    const note = 'Line 3.75 is not offered; the slip has 3.5.';
    const text = sections(
      slipTurn(language, [
        ok('update_bet_slip', {
          proposal: PROPOSAL,
          placed: false,
          note: 'n',
          withdrawn_proposal_id: 'slip-1',
          line_note: note,
        }),
      ]),
    );
    expect(text).toContain(note);
  });

  it('offers the same slip again, saying chat cannot place it and never that it was placed', () => {
    const turn = slipTurn(language, [
      ok('show_bet_slip', { proposal: PROPOSAL, placed: false, note: 'n', reoffered: true }),
    ]);
    const text = sections(turn);
    expect(text).toMatch(e.cannotPlace);
    expect(text).toContain(e.stake);
    expect(text).toContain(e.returns);
    expect(text).toMatch(e.confirm);
    expect(text).not.toMatch(e.placedClaim);
    expect(text).not.toMatch(e.withdrawn);
    // The full answer adds the responsible-gambling line, and still claims nothing.
    const answer = writeAnswer(turn);
    expect(answer.startsWith(text.split('\n')[0])).toBe(true);
    expect(answer).not.toMatch(e.placedClaim);
  });

  it('says what was cancelled, with its stake and pick, and that nothing was placed', () => {
    const [line, ...rest] = slipSections(
      slipTurn(language, [
        ok('cancel_bet_slip', { withdrawn_proposal_id: 'slip-2', cancelled: PROPOSAL, placed: false }),
      ]),
      { lang: language, today: TODAY },
    )!;
    expect(rest).toEqual([]);
    expect(line).toMatch(e.cancelled);
    expect(line).toContain(e.stake);
    expect(line).toMatch(e.under);
  });

  it('joins the picks of a cancelled parlay', () => {
    const parlay: BetProposal = {
      ...PROPOSAL,
      selections: [
        LEG,
        {
          ...LEG,
          fixture_id: 'f-32',
          home_team: 'Gremio',
          away_team: 'Corinthians',
          market: 'result',
          outcome: 'away',
        },
      ],
    };
    const text = sections(
      slipTurn(language, [
        ok('cancel_bet_slip', { withdrawn_proposal_id: 'slip-2', cancelled: parlay, placed: false }),
      ]),
    );
    expect(text).toContain(` + ${pickLabel(parlay.selections[1], language)}`);
    expect(text).toContain('Corinthians');
  });

  it('says there is nothing to cancel, or nothing to confirm, when no slip is open', () => {
    const noSlip = { error: 'no_open_slip', message: 'none' };
    const cancel = sections(slipTurn(language, [failed('cancel_bet_slip', noSlip)]));
    expect(cancel).toMatch(e.nothingToCancel);
    expect(cancel).not.toMatch(e.cannotPlace);
    const confirm = sections(slipTurn(language, [failed('show_bet_slip', noSlip)]));
    expect(confirm).toMatch(e.nothingToConfirm);
    expect(confirm).not.toMatch(e.placedClaim);
    // A change with nothing open says there is nothing to confirm, not that it changed.
    const change = sections(slipTurn(language, [failed('update_bet_slip', noSlip)]));
    expect(change).toMatch(e.nothingToConfirm);
    expect(change).not.toMatch(e.changed);
  });

  it('says a slip already being placed cannot be changed', () => {
    const text = sections(
      slipTurn(language, [failed('cancel_bet_slip', { error: 'slip_already_placed', message: 'x' })]),
    );
    expect(text).toMatch(e.alreadyPlaced);
  });

  it('asks for the stake with the price of the asked pick when none was given', () => {
    const odds = ok('get_odds', {
      fixture: {
        fixture_id: 'f-31',
        tournament_id: '8',
        sport_id: '1',
        tournament: 'Brasileirao',
        home_team: 'Fluminense',
        away_team: 'Botafogo',
        start_time: '2026-11-26T22:00:00.000Z',
        status: 'upcoming',
      },
      markets: [
        {
          market: 'result',
          margin_pct: 5,
          selections: [
            { outcome: 'home', name: 'Fluminense', odd: 2.4, implied_probability_pct: 41.7 },
            { outcome: 'draw', name: 'Draw', odd: 3.15, implied_probability_pct: 31.7 },
            { outcome: 'away', name: 'Botafogo', odd: 3.05, implied_probability_pct: 32.8 },
          ],
        },
      ],
      payout_examples: [],
    });
    const asked = (team: string, slip?: SlipReading) =>
      sections(slipTurn(language, [odds], { intent: 'BET_SIMULATION', entities: { teams: [team] }, slip }));

    const home = asked('Fluminense');
    expect(home).toMatch(e.askStake);
    expect(home).toContain(language === 'en' ? '2.40' : '2,40');
    expect(home).toContain(pickLabel({ ...LEG, market: 'result', outcome: 'home' }, language));

    const away = asked('Botafogo');
    expect(away).toContain(language === 'en' ? '3.05' : '3,05');
    expect(away).not.toContain(language === 'en' ? '2.40' : '2,40');

    const draw = asked('Botafogo', { outcome: 'draw' });
    expect(draw).toContain(language === 'en' ? '3.15' : '3,15');
  });

  it('asks for the stake without a price when the match could not be priced', () => {
    const text = sections(
      slipTurn(language, [failed('get_odds', { error: 'match_not_found', message: 'x' })], {
        intent: 'BET_SIMULATION',
        entities: { teams: ['Gremio'] },
      }),
    );
    expect(text).toContain('Gremio');
    expect(text).toMatch(/\?$/);
  });

  it.each<[SlipReading['stakeIssue'], 'positive' | 'unreadable']>([
    ['zero', 'positive'],
    ['negative', 'positive'],
    ['unreadable', 'unreadable'],
  ])('answers a %s stake by asking for a usable one, naming the team', (issue, key) => {
    const text = sections(
      slipTurn(language, [], {
        intent: 'BET_SIMULATION',
        entities: { teams: ['Corinthians'], amounts: [20] },
        slip: { stakeIssue: issue },
      }),
    );
    expect(text).toMatch(e[key]);
    expect(text).toContain('Corinthians');
    expect(text).not.toContain('20');
  });

  it('answers an all-in with the balance, in the language’s number format', () => {
    const balance = ok('get_user_balance', {
      balance: 1300,
      playable_balance: 1234.5,
      withdrawable_balance: 1200,
      currency: 'BRL',
    });
    const text = sections(
      slipTurn(language, [balance], {
        intent: 'BET_SIMULATION',
        entities: { teams: ['Palmeiras'] },
        slip: { stakeIssue: 'everything' },
      }),
    );
    expect(text).toMatch(e.everything);
    expect(text).toContain(language === 'en' ? 'R$1,234.50' : 'R$1.234,50');
    expect(text).toContain('Palmeiras');
  });

  it('refuses a stake above the balance, showing the balance', () => {
    const text = sections(
      slipTurn(
        language,
        [
          failed('propose_bet', {
            error: 'stake_above_balance',
            message: 'x',
            balance: 1234.5,
            currency: 'USD',
          }),
        ],
        { intent: 'BET_SIMULATION', entities: { teams: ['Fluminense'], amounts: [5000] } },
      ),
    );
    expect(text).toMatch(e.aboveBalance);
    expect(text).toContain(e.stake);
  });

  it('writes nothing of its own for a turn not about the slip', () => {
    const payout = ok('calculate_payout', {
      stake: 10,
      odds: [2],
      combined_odd: 2,
      potential_return: 20,
      profit: 10,
      kind: 'single',
    });
    const turn = slipTurn(language, [payout], {
      intent: 'BET_SIMULATION',
      entities: { teams: ['Gremio'], amounts: [10] },
    });
    expect(slipSections(turn, { lang: language, today: TODAY, hints: turn.hints })).toBeUndefined();
    const question = slipTurn(language, [], {
      intent: 'MATCH_SCHEDULE_QUERY',
      entities: { teams: ['Gremio'] },
    });
    expect(slipSections(question, { lang: language, today: TODAY, hints: question.hints })).toBeUndefined();
  });
});

describe('pickLabel', () => {
  const leg = (market: BetProposalSelection['market'], outcome: string, line?: number) => ({
    market,
    outcome,
    home_team: 'Gremio',
    away_team: 'Corinthians',
    ...(line !== undefined ? { line } : {}),
  });

  it.each<[BetProposalSelection['market'], string, number | undefined, Record<Language, string | RegExp>]>([
    ['result', 'home', undefined, { en: 'Gremio to win', es: 'Gana Gremio', pt_br: 'Vitória do Gremio' }],
    [
      'result',
      'away',
      undefined,
      { en: 'Corinthians to win', es: 'Gana Corinthians', pt_br: 'Vitória do Corinthians' },
    ],
    ['result', 'draw', undefined, { en: 'The draw', es: 'Empate', pt_br: 'Empate' }],
    [
      'over_under',
      'over',
      3.5,
      { en: 'Over 3.5 goals', es: /^Más de 3[.,]5 goles$/, pt_br: /^Mais de 3[.,]5 gols$/ },
    ],
    [
      'over_under',
      'under',
      1.5,
      { en: 'Under 1.5 goals', es: /^Menos de 1[.,]5 goles$/, pt_br: /^Menos de 1[.,]5 gols$/ },
    ],
    [
      'both_teams_to_score',
      'yes',
      undefined,
      { en: 'Both teams to score', es: 'Ambos equipos marcan', pt_br: 'Ambas marcam' },
    ],
    [
      'both_teams_to_score',
      'no',
      undefined,
      { en: 'Not both teams to score', es: 'No marcan ambos', pt_br: 'Ambas não marcam' },
    ],
    [
      'double_chance',
      'home_or_draw',
      undefined,
      { en: 'Gremio or the draw', es: 'Gremio o empate', pt_br: 'Gremio ou empate' },
    ],
    [
      'double_chance',
      'away_or_draw',
      undefined,
      { en: 'Corinthians or the draw', es: 'Corinthians o empate', pt_br: 'Corinthians ou empate' },
    ],
    [
      'double_chance',
      'home_or_away',
      undefined,
      {
        en: 'Gremio or Corinthians (no draw)',
        es: 'Gremio o Corinthians (sin empate)',
        pt_br: 'Gremio ou Corinthians (sem empate)',
      },
    ],
    ['handicap', 'home', -1.5, { en: /^Gremio -1[.,]5$/, es: /^Gremio -1[.,]5$/, pt_br: /^Gremio -1[.,]5$/ }],
    [
      'handicap',
      'away',
      1.5,
      { en: /^Corinthians \+1[.,]5$/, es: /^Corinthians \+1[.,]5$/, pt_br: /^Corinthians \+1[.,]5$/ },
    ],
    [
      'half_time_result',
      'away',
      undefined,
      {
        en: 'Corinthians to win at half time',
        es: 'Gana Corinthians al descanso',
        pt_br: 'Vitória do Corinthians no intervalo',
      },
    ],
    [
      'half_time_result',
      'draw',
      undefined,
      { en: 'The draw at half time', es: 'Empate al descanso', pt_br: 'Empate no intervalo' },
    ],
  ])('%s / %s', (market, outcome, line, expected) => {
    for (const language of LANGUAGES) {
      const label = pickLabel(leg(market, outcome, line), language);
      const want = expected[language];
      if (typeof want === 'string') expect(label).toBe(want);
      else expect(label).toMatch(want);
    }
  });
});
