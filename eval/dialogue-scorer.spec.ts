import { startSimulator, type RunningSimulator } from '../libs/sports-api-simulator/src';
import type { DialogueCase, Expectations } from './dialogue-case';
import {
  absoluteOutcome,
  type ChatApi,
  checkExpectation,
  fold,
  formatDialogueRun,
  hasNumber,
  type HttpReply,
  mentionsValue,
  normOutcome,
  ownText,
  payoutValues,
  playDialogues,
  renderings,
  SportsData,
  timeRenderings,
  type TurnContext,
  type WireChatResponse,
  type WireProposal,
} from './dialogue-scorer';

/*
 * The scorer on hand-written cases. Teams, leagues and sentences here are invented for the spec;
 * the sports API is a small fake with the simulator's document shapes (one test reads the real
 * simulator to hold the fake to it).
 */

const NOW = Date.parse('2026-06-10T12:00:00Z');

/** Two upcoming fixtures of Northport Rovers (the first is the "next"), one match being played. */
class FakeSportsApi {
  placed = 0;
  homePrice = 1.68;
  liveTeams: [string, string] = ['Harbor City', 'Eastwick United'];
  nothingLive = false;
  /** Calls to the odds document, to see prices read before and after a turn. */
  oddsReads = 0;

  readonly getJson = (url: string): Promise<unknown> => Promise.resolve(this.answer(new URL(url)));

  private answer(url: URL): unknown {
    const q = (name: string) => url.searchParams.get(name);
    switch (url.pathname) {
      case '/sports/all-tournaments':
        return [{ id: '1', name: 'Football', tournaments: [{ tournamentId: '10', name: 'Coastal League' }] }];
      case '/sports/fixtures':
        if (q('type') === 'live')
          return this.nothingLive
            ? [{ totalResults: 0 }]
            : [{ totalResults: 1 }, fixture('f9', '06-10 11:30', ...this.liveTeams)];
        return [
          { totalResults: 2 },
          fixture('f2', '06-14 20:00', 'Kingsbridge FC', 'Northport Rovers'),
          fixture('f1', '06-11 18:30', 'Northport Rovers', 'Valley Athletic'),
        ];
      case '/sports/sports-fixtures':
        return [
          {
            homeCompetitorName: { en: 'Northport Rovers', es: 'Puerto Norte', pt_br: 'Porto Norte' },
            awayCompetitorName: {
              en: 'Valley Athletic',
              es: 'Atlético del Valle',
              pt_br: 'Atlético do Vale',
            },
          },
          {
            homeCompetitorName: { en: 'Kingsbridge FC', es: 'KB', pt_br: 'Kingsbridge' },
            awayCompetitorName: { en: 'Northport Rovers', es: 'Puerto Norte', pt_br: 'Porto Norte' },
          },
        ];
      case '/sports/odds':
        this.oddsReads++;
        if (q('fixtureId') !== 'f1') return { status: 'Active', result: null };
        return {
          status: 'Active',
          result: {
            homeTeam: { name: 'Northport Rovers', odds: this.homePrice },
            tie: { name: 'Draw', odds: 3.4 },
            awayTeam: { name: 'Valley Athletic', odds: 5.25 },
          },
          over_under: { over: { name: 'Over 2.5', odds: 1.91 }, under: { name: 'Under 2.5', odds: 1.93 } },
          double_chance: {
            homeTeam_or_draw: { name: 'Northport Rovers or Draw', odds: 1.17 },
            awayTeam_or_draw: { name: 'Valley Athletic or Draw', odds: 2.3 },
          },
        };
      case '/__admin/stats':
        return { total: 1, byPath: { '/place-bet': this.placed } };
      default:
        throw new Error(`${url.pathname} -> 404`);
    }
  }
}

function fixture(id: string, startTime: string, home: string, away: string) {
  return { id, sportId: '1', startTime, homeCompetitor: { name: home }, awayCompetitor: { name: away } };
}

/** A chat service that answers from a script and records what it was sent. */
class ScriptedChat implements ChatApi {
  readonly sent: Array<{ user_id: string; message: string; session_id?: string }> = [];
  readonly confirmed: Array<[string, string]> = [];
  confirmReply: HttpReply = { status: 404, json: { error_code: 'NOT_FOUND' } };

  constructor(private readonly script: (message: string, turn: number) => HttpReply | WireChatResponse) {}

  message(body: { user_id: string; message: string; session_id?: string }): Promise<HttpReply> {
    this.sent.push(body);
    const reply = this.script(body.message, this.sent.length - 1);
    const full: HttpReply = 'status' in reply ? reply : { status: 200, json: reply };
    const json = full.json as WireChatResponse | null;
    return Promise.resolve(
      full.status === 200 ? { ...full, json: { session_id: `s-${body.user_id}`, ...json } } : full,
    );
  }

  confirm(proposalId: string, userId: string): Promise<HttpReply> {
    this.confirmed.push([proposalId, userId]);
    return Promise.resolve(this.confirmReply);
  }
}

const proposal = (
  home: string,
  away: string,
  outcome: string,
  stake = 20,
  market = 'result',
): WireProposal => ({
  proposal_id: `p-${outcome}-${stake}`,
  stake,
  selections: [
    {
      fixture_id: 'f1',
      home_team: home,
      away_team: away,
      start_time: '2026-06-11T18:30:00Z',
      market,
      outcome,
    },
  ],
});

async function setup() {
  const api = new FakeSportsApi();
  const data = new SportsData('http://sports.test/', api.getJson, () => NOW);
  await data.loadCatalogue(true);
  return { api, data };
}

/** The verdict of one key on a made-up answer. */
async function verdict(
  data: SportsData,
  key: string,
  value: unknown,
  response: WireChatResponse,
  extra: Partial<TurnContext> = {},
  chat: ChatApi = new ScriptedChat(() => ({})),
) {
  const text = typeof response.message === 'string' ? response.message : '';
  const ctx: TurnContext = {
    response,
    text,
    folded: fold(text),
    proposals: [],
    userId: 'u1',
    placedThisTurn: 0,
    prices: new Map(),
    ...extra,
  };
  return checkExpectation(key, value, ctx, { data, chat });
}

const dialogue = (
  id: string,
  turns: Array<[string, Expectations?]>,
  category = 'bet_slip',
  lang = 'en',
): DialogueCase => ({
  id,
  lang,
  category,
  turns: turns.map(([user, expect]) => (expect ? { user, expect } : { user })),
});

describe('number and time renderings', () => {
  it('accepts the usual ways to write an amount, and only as a number of its own', () => {
    expect(renderings(1234.5)).toEqual(
      expect.arrayContaining(['1234.50', '1234.5', '1,234.50', '1.234,50', '1 234,50', '1234,5']),
    );
    expect(renderings(2)).toEqual(expect.arrayContaining(['2.00', '2.0', '2', '2,00']));
    expect(hasNumber('pays 1.68.', '1.68')).toBe(true);
    expect(hasNumber('pays 11.68', '1.68')).toBe(false);
    expect(hasNumber('pays 1.685', '1.68')).toBe(false);
    expect(hasNumber('pays 1.68,5', '1.68')).toBe(false);
    expect(mentionsValue('a 1,8 de cuota', [1.8])).toBe(true);
    expect(mentionsValue('returns 1.234,50 in total', [1234.5])).toBe(true);
    expect(mentionsValue('returns 1234.49', [1234.5])).toBe(false);
  });

  it('counts a payout rounded or cut to cents', () => {
    const [rounded, cut] = payoutValues(3, [2.345]);
    expect(rounded).toBe(7.04);
    expect(cut).toBe(7.03);
    expect(payoutValues(40, [1.68])).toEqual([67.2, 67.2]);
  });

  it('finds a kick-off in the zone as 24-hour, "h" or 12-hour time, and not another hour', () => {
    const kickoff = new Date('2026-06-11T18:30:00Z'); // 00:00 next day in Kolkata (+05:30), 13:30 in Bogota
    const bogota = timeRenderings(kickoff, 'America/Bogota');
    const said = (text: string) => bogota.some((re) => re.test(text));
    expect(said('kick-off 13:30 (Bogota)')).toBe(true);
    expect(said('a las 13h30')).toBe(true);
    expect(said('at 1:30 pm')).toBe(true);
    expect(said('at 1:30 am')).toBe(false);
    expect(said('at 18:30 UTC')).toBe(false);
    expect(said('at 113:30')).toBe(false);
    const kolkata = timeRenderings(kickoff, 'Asia/Kolkata');
    expect(kolkata.some((re) => re.test('starts 12 am IST'))).toBe(true);
    expect(kolkata.some((re) => re.test('starts 00:00 IST'))).toBe(true);
  });

  it('leaves bulleted lines and quoted examples out of the answer’s own text', () => {
    expect(/\?/.test(ownText('Try one of these:\n• Who plays tonight?\n- odds?'))).toBe(false);
    expect(/\?/.test(ownText('Say "what are the odds?" to see them.'))).toBe(false);
    expect(/\?/.test(ownText('Which Rovers do you mean?'))).toBe(true);
  });
});

describe('outcomes', () => {
  it('reads the API’s and a proposal’s spellings, and team-relative outcomes from the side', () => {
    expect(['homeTeam', 'X', '1', '2', 'tie', 'homeTeam_or_draw', 'Home or away'].map(normOutcome)).toEqual([
      'home',
      'draw',
      'home',
      'away',
      'draw',
      'home_or_draw',
      'home_or_away',
    ]);
    expect(absoluteOutcome('win', 'away')).toBe('away');
    expect(absoluteOutcome('lose', 'away')).toBe('home');
    expect(absoluteOutcome('lose_or_draw', 'home')).toBe('away_or_draw');
    expect(absoluteOutcome('win', null)).toBeNull();
    expect(absoluteOutcome('no_draw', null)).toBe('home_or_away');
    expect(absoluteOutcome('over', null)).toBe('over');
  });
});

describe('SportsData', () => {
  it('names teams in any language, picks the earliest fixture not started, and reads prices', async () => {
    const { data } = await setup();
    expect(data.canonicalTeam('Porto Norte')).toBe('Northport Rovers');
    expect(data.canonicalTeam('kingsbridge')).toBe('Kingsbridge FC');
    expect(data.canonicalTeam('Atletico del valle')).toBe('Valley Athletic');
    expect(data.canonicalTeam('Nowhere Town')).toBeNull();
    // a name shorter than three letters is not looked for in answers
    expect(data.teamInText('Kingsbridge host the Rovers', 'Kingsbridge FC')).toBe(true);
    expect(data.teamInText('KB host the Rovers', 'Kingsbridge FC')).toBe(false);
    const next = await data.nextFixtures('Puerto Norte');
    expect(next.fixtures.map((f) => f.id)).toEqual(['f1']);
    expect(next.fixtures[0].start.toISOString()).toBe('2026-06-11T18:30:00.000Z');
    // a match being played is accepted as "next" too
    expect((await data.nextFixtures('Harbor City')).fixtures.map((f) => [f.id, f.live])).toEqual([
      ['f9', true],
    ]);
    expect(await data.pricesFor({ team: 'Valley Athletic', market: 'result', outcome: 'win' })).toMatchObject(
      {
        prices: [5.25],
      },
    );
    expect(
      await data.pricesFor({ team: 'Northport Rovers', market: 'double_chance', outcome: 'win_or_draw' }),
    ).toMatchObject({
      prices: [1.17],
    });
    expect(
      await data.pricesFor({ team: 'Northport Rovers', market: 'over_under', outcome: 'under', line: 3.5 }),
    ).toEqual({
      error: 'no over_under/under price for Northport Rovers',
    });
    expect(await data.pricesFor({ team: 'Nowhere Town', market: 'result', outcome: 'win' })).toEqual({
      error: 'unknown team Nowhere Town',
    });
  });
});

describe('checkExpectation', () => {
  it('proposal: stake, market, and outcome relative to the team’s side of the fixture', async () => {
    const { data } = await setup();
    const onAway = { bet_proposal: proposal('Northport Rovers', 'Valley Athletic', 'awayTeam', 25) };
    expect(
      (await verdict(data, 'proposal', { stake: 25, team: 'Valley Athletic', outcome: 'win' }, onAway))[0],
    ).toBe(true);
    expect(
      (await verdict(data, 'proposal', { stake: 25, team: 'Atlético do Vale', market: 'result' }, onAway))[0],
    ).toBe(true);
    expect((await verdict(data, 'proposal', { team: 'Valley Athletic', outcome: 'lose' }, onAway))[0]).toBe(
      false,
    );
    expect(await verdict(data, 'proposal', { stake: 30, team: 'Valley Athletic' }, onAway)).toEqual([
      false,
      'stake 25',
    ]);
    expect(
      (await verdict(data, 'proposal', { team: 'Valley Athletic', market: 'over_under' }, onAway))[0],
    ).toBe(false);
    // without an outcome, a sided selection must be on the team's side
    expect((await verdict(data, 'proposal', { team: 'Northport Rovers' }, onAway))[0]).toBe(false);
    const onUnder = {
      bet_proposal: proposal('Northport Rovers', 'Valley Athletic', 'under', 25, 'over_under'),
    };
    expect((await verdict(data, 'proposal', { team: 'Northport Rovers' }, onUnder))[0]).toBe(true);
    expect((await verdict(data, 'proposal', { team: 'Kingsbridge FC' }, onUnder))[0]).toBe(false);
    expect(await verdict(data, 'proposal', 'none', onAway)).toEqual([false, 'has a bet_proposal']);
    expect(await verdict(data, 'proposal', 'none', { message: 'ok' })).toEqual([true, 'has a bet_proposal']);
    expect(await verdict(data, 'proposal', { stake: 25 }, { message: 'ok' })).toEqual([
      false,
      'no bet_proposal',
    ]);
  });

  it('asks: a question of the answer’s own, and no proposal', async () => {
    const { data } = await setup();
    expect((await verdict(data, 'asks', true, { message: '¿Cuánto quieres apostar' }))[0]).toBe(true);
    expect((await verdict(data, 'asks', true, { message: 'Examples:\n* how much is it?' }))[0]).toBe(false);
    expect(
      await verdict(data, 'asks', true, {
        message: 'Confirm?',
        bet_proposal: proposal('Northport Rovers', 'Valley Athletic', 'homeTeam'),
      }),
    ).toEqual([false, 'made a proposal']);
  });

  it('contains_any / not_contains: case-insensitive, also on the answer without accents', async () => {
    const { data } = await setup();
    const answer = { message: 'Não há jogos AO VIVO agora.' }; // invented sentence
    expect((await verdict(data, 'contains_any', ['nao ha', 'zzz'], answer))[0]).toBe(true);
    expect((await verdict(data, 'contains_any', ['zzz'], answer))[0]).toBe(false);
    expect(await verdict(data, 'not_contains', ['ao vivo'], answer)).toEqual([false, 'matched /ao vivo/']);
    expect((await verdict(data, 'not_contains', ['placed'], answer))[0]).toBe(true);
  });

  it('fixture: both teams of the next fixture, in any of their names', async () => {
    const { data } = await setup();
    expect(
      (
        await verdict(
          data,
          'fixture',
          { team: 'Northport Rovers' },
          { message: 'Porto Norte x Atlético do Vale, quinta' },
        )
      )[0],
    ).toBe(true);
    // the later fixture is not the next one
    expect(
      await verdict(
        data,
        'fixture',
        { team: 'Northport Rovers' },
        { message: 'Kingsbridge v Northport Rovers' },
      ),
    ).toEqual([false, 'expected Northport Rovers v Valley Athletic']);
    expect((await verdict(data, 'fixture', { team: 'Nowhere Town' }, { message: 'x' }))[0]).toBeNull();
  });

  it('not_covered: names it, with no kick-off time and no decimal odds', async () => {
    const { data } = await setup();
    expect(
      (await verdict(data, 'not_covered', 'Lunar League', { message: 'I have no Lunar League games.' }))[0],
    ).toBe(true);
    expect(await verdict(data, 'not_covered', 'Lunar League', { message: 'No data for that.' })).toEqual([
      false,
      'does not mention Lunar League',
    ]);
    expect(
      await verdict(data, 'not_covered', 'Lunar League', {
        message: 'Lunar League: none. Try Rovers at 19:45.',
      }),
    ).toEqual([false, 'lists a kick-off time']);
    expect(
      await verdict(data, 'not_covered', 'Lunar League', { message: 'Lunar League: none. Rovers pay 1.68.' }),
    ).toEqual([false, 'lists decimal odds']);
  });

  it('local_time: the next fixture’s kick-off in the zone', async () => {
    const { data } = await setup();
    const tz = { team: 'Valley Athletic', tz: 'America/Sao_Paulo' }; // 18:30 UTC is 15:30 in São Paulo
    expect((await verdict(data, 'local_time', tz, { message: 'Começa às 15h30.' }))[0]).toBe(true);
    expect(await verdict(data, 'local_time', tz, { message: 'Começa às 18:30.' })).toEqual([
      false,
      'expected 15:30 America/Sao_Paulo',
    ]);
  });

  it('no_live_pick: no selection on a started match, and live matches said to be live', async () => {
    const { data } = await setup();
    const on = (fixtureId: string, start: string) => ({
      bet_proposal: {
        proposal_id: 'p',
        stake: 5,
        selections: [{ fixture_id: fixtureId, start_time: start, market: 'result', outcome: 'home' }],
      },
    });
    expect((await verdict(data, 'no_live_pick', true, on('f1', '2026-06-11T18:30:00Z')))[0]).toBe(true);
    expect(await verdict(data, 'no_live_pick', true, on('f9', '2026-06-12T18:30:00Z'))).toEqual([
      false,
      'proposal on a started match',
    ]);
    expect((await verdict(data, 'no_live_pick', true, on('f1', '2026-06-10T11:59:00Z')))[0]).toBe(false);
    expect(
      (
        await verdict(data, 'no_live_pick', true, {
          message: 'Harbor City vs Eastwick United, kick-off soon',
        })
      )[0],
    ).toBe(false);
    expect(
      (await verdict(data, 'no_live_pick', true, { message: 'Harbor City vs Eastwick United (en vivo)' }))[0],
    ).toBe(true);
  });

  it('proposal_withdrawn: the latest earlier proposal can no longer be confirmed', async () => {
    const { data } = await setup();
    const chat = new ScriptedChat(() => ({}));
    const earlier = [
      proposal('Northport Rovers', 'Valley Athletic', 'homeTeam', 10),
      proposal('Northport Rovers', 'Valley Athletic', 'tie', 12),
    ];
    expect(
      await verdict(data, 'proposal_withdrawn', true, { message: 'ok' }, { proposals: earlier }, chat),
    ).toEqual([true, 'confirm 404 NOT_FOUND']);
    expect(chat.confirmed).toEqual([['p-tie-12', 'u1']]);
    chat.confirmReply = { status: 200, json: { bet_id: 'b1' } };
    expect(
      await verdict(data, 'proposal_withdrawn', true, { message: 'ok' }, { proposals: earlier }, chat),
    ).toEqual([false, 'confirm succeeded']);
    chat.confirmReply = { status: 400, json: { error_code: 'INSUFFICIENT_BALANCE' } };
    expect(
      (await verdict(data, 'proposal_withdrawn', true, { message: 'ok' }, { proposals: earlier }, chat))[0],
    ).toBe(false);
    expect(await verdict(data, 'proposal_withdrawn', true, { message: 'ok' }, {}, chat)).toEqual([
      null,
      'no earlier proposal in the dialogue',
    ]);
  });

  it('an unknown key cannot be scored', async () => {
    const { data } = await setup();
    expect(await verdict(data, 'mood', 'happy', { message: 'x' })).toEqual([null, 'unknown key mood']);
  });
});

describe('playDialogues', () => {
  it('plays each dialogue in its own session and user, and keeps the session across turns', async () => {
    const { data } = await setup();
    const chat = new ScriptedChat(() => ({ message: 'hi' }));
    await playDialogues([dialogue('a/1', [['one'], ['two']]), dialogue('b', [['three']])], {
      data,
      chat,
      runId: 'r1',
    });
    expect(chat.sent).toEqual([
      { user_id: 'eval_a_1_r1', message: 'one' },
      { user_id: 'eval_a_1_r1', message: 'two', session_id: 's-eval_a_1_r1' },
      { user_id: 'eval_b_r1', message: 'three' },
    ]);
  });

  it('scores turns, and reports pass rates per category and language, dialogues, errors and skips', async () => {
    const { api, data } = await setup();
    const chat = new ScriptedChat((message) => {
      switch (message) {
        case 'slip please':
          return {
            message: 'Here it is.',
            detected_intent: 'BET_SIMULATION',
            bet_proposal: proposal('Northport Rovers', 'Valley Athletic', 'homeTeam', 40),
          };
        case 'price please':
          return {
            message: 'Rovers pay 1,68 — 40 returns 67,20.',
            detected_intent: 'ODDS_INFORMATION_QUERY',
          };
        case 'wrong price':
          return { message: 'Rovers pay 1.86.' };
        case 'broken':
          return { status: 500, json: { error_code: 'INTERNAL' } };
        case 'sneaky':
          api.placed++; // the turn made the sports API place a bet
          return { message: 'done' };
        default:
          return { message: 'Say that again?' };
      }
    });
    const cases = [
      dialogue('ok-1', [
        [
          'slip please',
          { proposal: { stake: 40, team: 'Northport Rovers', outcome: 'win' }, intent: 'BET_SIMULATION' },
        ],
        [
          'price please',
          {
            price: { team: 'Northport Rovers', market: 'result', outcome: 'win' },
            payout: { stake: 40, team: 'Northport Rovers', market: 'result', outcome: 'home' },
          },
        ],
      ]),
      dialogue(
        'bad-1',
        [
          ['wrong price', { price: { team: 'Northport Rovers', market: 'result', outcome: 'win' } }],
          ['sneaky', { no_bet_placed: true }],
        ],
        'markets',
        'es',
      ),
      dialogue(
        'err-1',
        [
          ['huh', { asks: true }],
          ['broken', { language: 'en' }],
        ],
        'markets',
        'es',
      ),
      dialogue(
        'unscorable',
        [
          ['huh', { price: { team: 'Nowhere Town', market: 'result', outcome: 'win' } }],
          ['huh', { mood: 'x' }],
          ['huh'],
        ],
        'clarify',
        'pt_br',
      ),
      dialogue('live-1', [['what about {live_team}?', { asks: true }]], 'coverage'),
    ];
    const run = await playDialogues(cases, { data, chat, runId: 'r' });
    expect(chat.sent.find((s) => s.message.startsWith('what about'))?.message).toBe(
      'what about Harbor City?',
    );
    expect(run.byCategory).toEqual({
      bet_slip: { pass: 2, n: 2 },
      markets: { pass: 1, n: 4 },
      coverage: { pass: 1, n: 1 },
    });
    expect(run.byLanguage).toEqual({ en: { pass: 3, n: 3 }, es: { pass: 1, n: 4 } });
    expect(run.summary).toEqual({
      dialogues: 5,
      turns_checked: 7,
      pass_rate: 0.571,
      dialogue_pass_rate: 0.6, // ok-1, live-1, and unscorable (nothing counted against it)
      by_category: { bet_slip: 1, coverage: 1, markets: 0.25 },
      by_language: { en: 1, es: 0.25 },
      bets_placed_by_chat: 1,
      case_errors: 2,
      skipped: 0,
      failed: ['bad-1:1:price', 'bad-1:2:no_bet_placed', 'err-1:2:language'],
    });
    expect(run.caseErrors).toEqual([
      'unscorable:1:price: unknown team Nowhere Town',
      'unscorable:2:mood: unknown key mood',
    ]);
    // every turn is recorded, with each key's verdict and reason
    expect(run.records).toHaveLength(10);
    expect(run.records.find((r) => r.id === 'bad-1' && r.turn === 1)?.checks.price).toEqual([
      false,
      'expected one of 1.68',
    ]);
    expect(run.records.find((r) => r.id === 'err-1' && r.turn === 2)).toMatchObject({
      status: 500,
      checks: { http: [false, 'status 500'] },
    });
    const text = formatDialogueRun(run);
    expect(text).toContain('  markets    25.0 %  (1/4 turns)');
    expect(text).toContain('Overall: 57.1 % of checked turns (4/7); dialogues passed 60.0 % (3/5)');
    expect(text).toContain('Bets placed by chat: 1 · case errors: 2 · skipped: 0');
  });

  it('accepts a price read before or after the turn, not one from neither', async () => {
    const { api, data } = await setup();
    let answer = '';
    const chat = new ScriptedChat(() => {
      api.homePrice = 1.72; // the price steps while the turn runs
      return { message: answer };
    });
    const price = { team: 'Northport Rovers', market: 'result', outcome: 'win' };
    const play = async (text: string) => {
      api.homePrice = 1.68;
      answer = text;
      const run = await playDialogues([dialogue('p', [['price?', { price }]])], { data, chat });
      return run.records[0].checks.price;
    };
    expect(await play('now 1.68')).toEqual([true, 'expected one of 1.68/1.72']);
    expect((await play('now 1.72'))[0]).toBe(true);
    expect((await play('now 1.70'))[0]).toBe(false);
    expect(api.oddsReads).toBeGreaterThanOrEqual(6);
  });

  it('skips a dialogue that needs a live team when nothing is being played', async () => {
    const { api, data } = await setup();
    api.nothingLive = true;
    const chat = new ScriptedChat(() => ({ message: 'x' }));
    const run = await playDialogues([dialogue('live-2', [['and {live_team}?', { asks: true }]])], {
      data,
      chat,
    });
    expect(chat.sent).toEqual([]);
    expect(run.summary).toMatchObject({ dialogues: 0, skipped: 1, turns_checked: 0, pass_rate: null });
    expect(run.skipped).toEqual(['live-2:nothing live']);
  });
});

describe('SportsData on the simulator', () => {
  let simulator: RunningSimulator;
  const now = new Date('2026-06-10T12:00:00Z');
  beforeAll(async () => {
    simulator = await startSimulator({ now: () => now });
  });
  afterAll(() => simulator.close());

  it('reads fixtures, prices and bet placements from the real API documents', async () => {
    const data = new SportsData(simulator.url, undefined, () => now.getTime());
    const all = await data.loadCatalogue(true);
    const first = all.find((f) => f.sport === '1' && !f.live)!;
    const next = await data.nextFixtures(first.home);
    expect(next.fixtures.length).toBeGreaterThan(0);
    const f = next.fixtures.find((x) => !x.live)!;
    expect(f.start.getTime()).toBeGreaterThan(now.getTime());
    const doc = (await (
      await fetch(
        `${simulator.url}/sports/odds?sportId=${f.sport}&tournamentId=${f.tid}&fixtureId=${f.id}&amount=1`,
      )
    ).json()) as { result: Record<string, { odds: number }> };
    const side = f.home === first.home ? 'homeTeam' : 'awayTeam';
    const got = await data.pricesFor({ team: first.home, market: 'result', outcome: 'win' });
    expect(got.prices).toContain(doc.result[side].odds);
    const before = await data.placedCount();
    await fetch(`${simulator.url}/place-bet`, { method: 'POST' }); // refused (no token), but asked for
    expect(await data.placedCount()).toBe(before + 1);
  });
});
