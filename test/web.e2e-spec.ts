import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type WebSocketRoute } from 'playwright-core';
import request from 'supertest';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { PACED_ANSWER_TOKENS, PacedChatModel } from '../bench/lib/paced-chat-model';
import { money } from '../src/llm/offline/format';
import { SportsApiEndpoint } from '../src/sports-api/sports-api.endpoint';
import type { BetProposalSelection } from '../src/common/protocol';
import { startApp, startAppWith, type RunningApp } from './support/app';
import { eventually, morePolls, polledFixturesOf } from './support/live';
import { movePrice, waitForCatalogue } from './support/slip-app';

/** The few DOM globals the page functions below use: they run inside the browser, not in Node. */
interface PageElement {
  hidden: boolean;
  id: string;
  className: string;
  textContent: string | null;
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { length: number };
  getElementById(id: string): PageElement | null;
  activeElement: PageElement | null;
  documentElement: { scrollWidth: number };
};
declare const window: { innerWidth: number; localStorage: { getItem(key: string): string | null } };

/**
 * The web chat page in a real browser (Debian's Chromium driven by playwright-core) against the
 * real application: real gateway, real agent on the offline engine, embedded sports simulator.
 */
const CHROMIUM = '/usr/bin/chromium';
// Screenshots go to test-results/ (ignored by git) so a test run leaves the tree clean;
// UPDATE_SCREENSHOTS=1 npm test refreshes the ones committed under docs/ for the README.
const DOCS_DIR = process.env.UPDATE_SCREENSHOTS ? join(__dirname, '..', 'docs') : join(__dirname, '..', 'test-results');
/** The server refuses longer messages; small so the browser can hit the limit without the textarea's own cap. */
const MAX_MESSAGE_LENGTH = 400;
const TURN_TIMEOUT_MS = 45_000;
jest.setTimeout(120_000);

const EN_TOOL_LABELS = [
  'Looking up sports…',
  'Looking up tournaments…',
  'Checking the schedule…',
  'Finding the match…',
  'Checking odds…',
  'Calculating the payout…',
  'Checking your balance…',
  'Preparing your bet slip…',
  'Looking for value picks…',
];

interface SocketEvent {
  direction: 'sent' | 'received';
  name: string;
  data: Record<string, unknown>;
}

/** Socket.IO frames for the /chat namespace look like `42/chat,<ack id?>["event",{...}]`. */
function parseChatFrame(payload: string | Buffer, direction: SocketEvent['direction']): SocketEvent | null {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  const match = /^42\/chat,\d*(\[[\s\S]*\])$/.exec(text);
  if (!match) return null;
  const [name, data] = JSON.parse(match[1]) as [string, Record<string, unknown>];
  return { direction, name, data: data ?? {} };
}

/** One browser tab with everything a test wants to look at afterwards. */
interface Tab {
  page: Page;
  events: SocketEvent[];
  consoleErrors: string[];
}

/** `prepare` runs before the page loads (e.g. to route its WebSocket). */
async function openTab(context: BrowserContext, url: string, prepare?: (page: Page) => Promise<void>): Promise<Tab> {
  const page = await context.newPage();
  await prepare?.(page);
  const tab: Tab = { page, events: [], consoleErrors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') tab.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => tab.consoleErrors.push(`pageerror: ${error.message}`));
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => {
      const event = parseChatFrame(frame.payload, 'sent');
      if (event) tab.events.push(event);
    });
    socket.on('framereceived', (frame) => {
      const event = parseChatFrame(frame.payload, 'received');
      if (event) tab.events.push(event);
    });
  });
  await page.goto(url);
  await page.locator('#status[data-state="online"]').waitFor({ timeout: TURN_TIMEOUT_MS });
  return tab;
}

/** Waits until the answer being streamed shows at least `count` words. */
async function streamingWords(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => (document.querySelector('#messages > .is-streaming .rich')?.textContent ?? '').split(/\s+/).filter(Boolean).length >= n,
    count,
    { timeout: TURN_TIMEOUT_MS },
  );
}

function assistantMessages(page: Page) {
  return page.locator('#messages > .message-assistant');
}

/** Waits until a new assistant message exists and no answer is streaming; says what the wire saw if not. */
async function waitForAnswer(tab: Tab, assistantCountBefore: number): Promise<void> {
  try {
    await tab.page.waitForFunction(
      (count) =>
        document.querySelectorAll('#messages > .message-assistant').length > count &&
        !document.querySelector('#messages > .is-streaming'),
      assistantCountBefore,
      { timeout: TURN_TIMEOUT_MS },
    );
  } catch (error) {
    const recent = tab.events.slice(-6).map((e) => `${e.direction} ${e.name} ${JSON.stringify(e.data).slice(0, 160)}`);
    throw new Error(`${(error as Error).message}\nlast socket events:\n${recent.join('\n')}`);
  }
}

/** Types like a person (Enter sends) and waits until the answer is final. */
async function ask(tab: Tab, text: string): Promise<void> {
  const before = await assistantMessages(tab.page).count();
  await tab.page.locator('#composer-input').fill(text);
  await tab.page.locator('#composer-input').press('Enter');
  await waitForAnswer(tab, before);
}

function finalsOf(tab: Tab): Record<string, unknown>[] {
  return tab.events.filter((e) => e.name === 'assistant_response' && e.data.is_final === true).map((e) => e.data);
}

interface WireProposal {
  proposal_id: string;
  expires_at: string;
  stake: number;
  selections: Array<{ market: string; outcome: string; line?: number; odd: number; live?: boolean }>;
}

/** The last final's slip and the slip it withdrew, as the wire carried them. */
function lastSlipFinal(tab: Tab): { proposal?: WireProposal; withdrawn?: string } {
  const final = finalsOf(tab).at(-1)!;
  return { proposal: final.bet_proposal as WireProposal | undefined, withdrawn: final.withdrawn_proposal_id as string | undefined };
}

/** Cards whose Confirm can still be pressed: never more than one. */
function openSlipCards(page: Page) {
  return page.locator('#messages .bet-card:not(.is-settled)');
}

function slipCard(page: Page, proposalId: string) {
  return page.locator(`#messages .bet-card[data-proposal-id="${proposalId}"]`);
}

/** "Expires in 4:37" → 277. */
async function secondsLeftOn(card: ReturnType<typeof slipCard>): Promise<number> {
  const text = await card.locator('.bet-countdown').innerText();
  const match = /(\d+):(\d{2})/.exec(text);
  if (!match) throw new Error(`no countdown in "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Adds `live: true` to the selections of slips in server → browser Socket.IO frames. */
function markSlipsLive(frame: string): string {
  const match = /^(42\/chat,\d*)(\[[\s\S]*\])$/.exec(frame);
  if (!match) return frame;
  const [name, data] = JSON.parse(match[2]) as [string, { bet_proposal?: WireProposal }];
  if (name !== 'assistant_response' || !data?.bet_proposal) return frame;
  for (const selection of data.bet_proposal.selections) selection.live = true;
  return match[1] + JSON.stringify([name, data]);
}

describe('web chat page (real browser, real app)', () => {
  let running: RunningApp;
  let browser: Browser;
  /** The embedded simulator's address; its admin routes inject latency for the Stop test. */
  const simulatorUrl = () => running.app.get(SportsApiEndpoint).baseUrl;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} not found: the browser tests need Debian's Chromium (apt-get install chromium)`);
    }
    running = await startApp({
      LLM_PROVIDER: 'offline',
      CHATBET_API_BASE_URL: undefined,
      REDIS_URL: undefined,
      REDIS_HOST: undefined,
      API_KEYS: undefined,
      MAX_MESSAGE_LENGTH: String(MAX_MESSAGE_LENGTH),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    mkdirSync(DOCS_DIR, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  describe('static page', () => {
    it('serves the chat page at / with the app scripts and the Socket.IO client', async () => {
      const res = await request(running.url).get('/').expect(200).expect('content-type', /text\/html/);
      expect(res.text).toContain('<textarea');
      expect(res.text).toContain('src="/socket.io/socket.io.js"');
      expect(res.text).toContain('src="/app.js"');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      await request(running.url).get('/app.js').expect(200).expect('content-type', /javascript/);
      await request(running.url).get('/styles.css').expect(200).expect('content-type', /css/);
      await request(running.url).get('/favicon.svg').expect(200).expect('content-type', /svg/);
      await request(running.url).get('/socket.io/socket.io.js').expect(200).expect('content-type', /javascript/);
    });

    it('prints money on the slip exactly as the answers print it, in every language', async () => {
      const locales = { en: 'en-US', es: 'es-ES', pt_br: 'pt-BR' };
      const cases = (['en', 'es', 'pt_br'] as const).flatMap((language) =>
        ['USD', 'BRL', 'EUR', 'PEN'].flatMap((currency) =>
          [20, 1250.5, 0.5].map((amount) => ({ language, currency, amount, locale: locales[language] })),
        ),
      );
      const context = await browser.newContext();
      const { page } = await openTab(context, `${running.url}/`);
      type Format = { formatMoney(amount: number, currency: string, locale: string): string };
      const printed = await page.evaluate(
        (list) => list.map((c) => (window as unknown as { ChatBetFormat: Format }).ChatBetFormat.formatMoney(c.amount, c.currency, c.locale)),
        cases,
      );
      await context.close();
      expect(printed).toEqual(cases.map((c) => money(c.amount, c.currency, c.language)));
      expect(printed).toContain('$1.250,50');
      expect(printed).toContain('R$1.250,50');
    });

    it('redirects the original test page /ws/test to /, keeping the query', async () => {
      await request(running.url).get('/ws/test').expect(302).expect('location', '/');
      await request(running.url).get('/ws/test?api_key=k1').expect(302).expect('location', '/?api_key=k1');
    });

    it('keeps unknown paths on the JSON 404 contract', async () => {
      const res = await request(running.url).get('/no-such-page.html').expect(404);
      expect(res.body.error_code).toBe('NOT_FOUND');
    });
  });

  describe('conversation', () => {
    let context: BrowserContext;
    let tab: Tab;

    beforeAll(async () => {
      context = await browser.newContext({
        viewport: { width: 1200, height: 800 },
        colorScheme: 'light',
        locale: 'en-US',
        timezoneId: 'America/Bogota',
      });
      tab = await openTab(context, `${running.url}/`);
    }, 60_000);

    afterAll(async () => {
      await context?.close();
    });

    afterEach(() => {
      expect(tab.consoleErrors).toEqual([]);
    });

    it('holds no shared secret: it gets a development token for an anonymous user and acts as its subject', async () => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US' });
      try {
        const tab = await openTab(context, `${running.url}/`);
        const stored = await tab.page.evaluate(() => ({
          token: JSON.parse(window.localStorage.getItem('chatbet.user_token') ?? 'null') as { token: string; user_id: string } | null,
          user_id: window.localStorage.getItem('chatbet.user_id'),
          api_key: window.localStorage.getItem('chatbet.api_key'),
        }));
        expect(stored.token?.user_id).toMatch(/^anon-/);
        expect(stored.user_id).toBe(stored.token?.user_id);
        expect(stored.api_key).toBeNull();
        // The token is the page's identity: it reads its own history and nobody else's.
        const bearer = `Bearer ${stored.token!.token}`;
        await request(running.url).get(`/api/v1/chat/conversations/${stored.user_id}`).set('authorization', bearer).expect(200);
        const other = await request(running.url).get('/api/v1/chat/conversations/someone-else').set('authorization', bearer).expect(403);
        expect(other.body.error_code).toBe('FORBIDDEN');
        expect(tab.consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('streams an odds answer with prices into the message list', async () => {
      const { page } = tab;
      await page.locator('#welcome').waitFor({ state: 'visible' });
      await ask(tab, 'odds for Barcelona');

      // The offline engine writes its answer at once, so it arrives as one delta before the final.
      const deltas = tab.events.filter((e) => e.name === 'assistant_response' && e.data.is_final === false);
      expect(deltas.map((d) => d.data.index)).toEqual([0]);
      // The browser's zone goes with every message; the language is the server's to detect.
      const sent = tab.events.find((e) => e.direction === 'sent' && e.name === 'user_message');
      expect(sent?.data).toMatchObject({ content: 'odds for Barcelona', timezone: 'America/Bogota' });
      expect(sent?.data).not.toHaveProperty('language');

      const answer = assistantMessages(page).last().locator('.rich');
      const text = await answer.innerText();
      expect(text).toContain('Barcelona');
      expect(text).toMatch(/\b\d{1,3}\.\d{2}\b/);
      // The final text is what streamed: the page shows the server's final content.
      const final = finalsOf(tab).at(-1)!;
      expect(normalise(text)).toBe(normalise(stripMarkup(String(final.content))));
      await page.locator('#welcome').waitFor({ state: 'hidden' });
      expect(await page.locator('#send').isVisible()).toBe(true);
    });

    it('keeps Shift+Enter as a new line and sends only on Enter', async () => {
      const { page } = tab;
      const input = page.locator('#composer-input');
      const sentBefore = tab.events.filter((e) => e.direction === 'sent' && e.name === 'user_message').length;
      await input.fill('When does Real Madrid');
      await input.press('Shift+Enter');
      await input.pressSequentially('play next?');
      expect(await input.inputValue()).toBe('When does Real Madrid\nplay next?');
      expect(tab.events.filter((e) => e.direction === 'sent' && e.name === 'user_message')).toHaveLength(sentBefore);
      const before = await assistantMessages(page).count();
      await input.press('Enter');
      await waitForAnswer(tab, before);
      expect(await input.inputValue()).toBe('');
      expect(await page.locator('#messages > .message-user').last().innerText()).toContain('play next?');
    });

    it('shows the running tool and stops mid-answer with the Stop button', async () => {
      const { page } = tab;
      // Slow the sports API so the turn is still running when Stop is pressed.
      await request(simulatorUrl()).post('/__admin/faults').send({ latencyMs: 4000 }).expect(200);
      try {
        await page.locator('#composer-input').fill('odds for Liverpool vs Chelsea');
        await page.locator('#composer-input').press('Enter');
        // Read the label in the same browser task that saw it: a separate innerText() can land
        // between two tools, when the page is back to "Thinking…".
        const shown = await page.waitForFunction(
          (labels) => {
            const box = document.getElementById('activity');
            const label = document.getElementById('activity-label')?.textContent ?? '';
            return !!box && !box.hidden && labels.includes(label) ? label : false;
          },
          EN_TOOL_LABELS,
          { timeout: TURN_TIMEOUT_MS },
        );
        expect(EN_TOOL_LABELS).toContain(await shown.jsonValue());
        await page.locator('#stop').click();
        await page.waitForFunction(() => !document.querySelector('#messages > .is-streaming'), undefined, {
          timeout: TURN_TIMEOUT_MS,
        });
      } finally {
        await request(simulatorUrl()).post('/__admin/reset').expect(200);
      }
      const stopSent = tab.events.filter((e) => e.direction === 'sent' && e.name === 'stop').at(-1);
      expect(stopSent?.data).toMatchObject({ session_id: expect.any(String), message_id: expect.any(String) });
      expect(finalsOf(tab).at(-1)).toMatchObject({ stopped: true, message_id: stopSent!.data.message_id });
      const last = assistantMessages(page).last();
      expect(await last.getAttribute('class')).toContain('is-stopped');
      expect(await last.locator('.tag').first().innerText()).toBe('Stopped');
      expect(await page.locator('#send').isVisible()).toBe(true);
      expect(await page.locator('#activity').isHidden()).toBe(true);
    });

    it('proposes a bet in a card and places it on Confirm, showing the receipt', async () => {
      const { page } = tab;
      await ask(tab, 'bet 20 on Barcelona to win');
      const final = finalsOf(tab).at(-1)!;
      const proposal = final.bet_proposal as { proposal_id: string; selections: Array<{ odd: number }> };
      expect(proposal).toBeDefined();

      const card = page.locator(`.bet-card[data-proposal-id="${proposal.proposal_id}"]`);
      await card.waitFor();
      expect(await card.locator('.bet-match').first().innerText()).toContain('Barcelona');
      expect(await card.locator('.odd-pill').first().innerText()).toBe(proposal.selections[0].odd.toFixed(2));
      expect(await card.locator('.bet-totals').innerText()).toContain('20.00');
      expect(await card.locator('.bet-win dd').innerText()).toMatch(/\d+\.\d{2}/);

      await card.locator('.bet-confirm').click();
      const receipt = card.locator('.receipt');
      await receipt.waitFor({ timeout: TURN_TIMEOUT_MS });
      const sent = tab.events.filter((e) => e.direction === 'sent' && e.name === 'confirm_bet').at(-1);
      expect(sent?.data).toEqual({ proposal_id: proposal.proposal_id });
      expect(await receipt.innerText()).toContain('Bet placed');
      expect(await receipt.locator('dd').first().innerText()).not.toBe('');
      expect(await card.locator('.bet-confirm').count()).toBe(0);
    });

    it('offers suggested actions as chips that send their text', async () => {
      const { page } = tab;
      const final = finalsOf(tab).at(-1)!;
      const actions = final.suggested_actions as string[];
      expect(actions.length).toBeGreaterThan(0);
      const chip = page.locator('.suggestions .chip').first();
      expect(await chip.innerText()).toBe(actions[0]);
      const before = await assistantMessages(page).count();
      await chip.click();
      await waitForAnswer(tab, before);
      expect(tab.events.filter((e) => e.direction === 'sent' && e.name === 'user_message').at(-1)?.data.content).toBe(actions[0]);
    });

    it('shows a refused message inline in plain words', async () => {
      const { page } = tab;
      await page.locator('#composer-input').fill('x'.repeat(MAX_MESSAGE_LENGTH + 50));
      await page.locator('#composer-input').press('Enter');
      const alert = page.locator('#messages > .message-error').last();
      await alert.waitFor({ timeout: TURN_TIMEOUT_MS });
      expect(await alert.getAttribute('role')).toBe('alert');
      expect((await alert.innerText()).length).toBeGreaterThan(10);
      expect(await alert.innerText()).not.toMatch(/MESSAGE_TOO_LONG|\{|undefined/);
      expect(await page.locator('#send').isVisible()).toBe(true);
    });

    it('restores the conversation after a reload', async () => {
      const { page } = tab;
      const userTexts = await page.locator('#messages > .message-user .rich').allInnerTexts();
      expect(userTexts.length).toBeGreaterThanOrEqual(4);
      await page.reload();
      await page.locator('#status[data-state="online"]').waitFor();
      await page.locator('#messages > .message-user').first().waitFor();
      const restored = await page.locator('#messages > .message-user .rich').allInnerTexts();
      expect(restored).toEqual(expect.arrayContaining(userTexts.filter((t) => t.length <= MAX_MESSAGE_LENGTH)));
      expect(await assistantMessages(page).last().locator('.rich').innerText()).not.toBe('');
      expect(await page.locator('#welcome').isHidden()).toBe(true);
    });

    it('saves a desktop screenshot (1200 px)', async () => {
      const { page } = tab;
      await page.locator('#new-conversation').click();
      await page.locator('#status[data-state="online"]').waitFor();
      expect(await page.locator('#messages > .message').count()).toBe(0);
      expect(await page.locator('#welcome').isVisible()).toBe(true);
      // Taller than the other tests' window so the picture holds a whole exchange.
      await page.setViewportSize({ width: 1200, height: 1120 });
      await ask(tab, 'odds for Barcelona');
      await ask(tab, 'bet 20 on Barcelona to win');
      await page.locator('.bet-card').last().waitFor();
      await page.mouse.move(0, 999);
      await page.screenshot({ path: join(DOCS_DIR, 'screenshot-desktop.png') });
    });
  });

  describe('bet slip that follows the conversation', () => {
    let context: BrowserContext;
    let tab: Tab;

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
      tab = await openTab(context, `${running.url}/`);
    }, 60_000);

    afterAll(async () => {
      await context?.close();
    });

    afterEach(() => {
      expect(tab.consoleErrors).toEqual([]);
    });

    it('replaces the card when the slip is changed in chat, and shows an over/under line', async () => {
      const { page } = tab;
      await ask(tab, 'bet 10 on Arsenal');
      const first = lastSlipFinal(tab).proposal!;
      await slipCard(page, first.proposal_id).locator('.bet-confirm').waitFor();

      await ask(tab, 'make it 30');
      const changed = lastSlipFinal(tab);
      expect(changed.withdrawn).toBe(first.proposal_id);
      expect(changed.proposal?.proposal_id).not.toBe(first.proposal_id);
      // The old card can no longer be confirmed; the new one is the only open card.
      const old = slipCard(page, first.proposal_id);
      expect(await old.getAttribute('class')).toContain('is-withdrawn');
      expect(await old.locator('.bet-confirm').count()).toBe(0);
      expect(await old.locator('.bet-status').innerText()).toBe('Changed in the chat: the updated slip is the one to confirm.');
      expect(await openSlipCards(page).count()).toBe(1);
      const current = slipCard(page, changed.proposal!.proposal_id);
      expect(await current.locator('.bet-totals').innerText()).toContain('30.00');
      expect(await current.locator('.bet-confirm').isEnabled()).toBe(true);

      await ask(tab, 'over 2.5 goals instead');
      const overUnder = lastSlipFinal(tab);
      expect(overUnder.withdrawn).toBe(changed.proposal!.proposal_id);
      expect(overUnder.proposal!.selections[0]).toMatchObject({ market: 'over_under', outcome: 'over', line: 2.5 });
      const card = slipCard(page, overUnder.proposal!.proposal_id);
      expect(await card.locator('.bet-pick').innerText()).toBe('Over 2.5');
      expect(await card.locator('.bet-meta').innerText()).toContain('Total goals');
      expect(await card.locator('.live-badge').count()).toBe(0);
      expect(await openSlipCards(page).count()).toBe(1);
      expect(await page.locator('#messages .bet-card.is-withdrawn').count()).toBe(2);
    });

    it('moves the open card under the answer when the same slip is offered again, without a second card', async () => {
      const { page } = tab;
      const open = lastSlipFinal(tab).proposal!;
      await ask(tab, 'ok place it');
      const reoffered = lastSlipFinal(tab);
      expect(reoffered.proposal?.proposal_id).toBe(open.proposal_id);
      expect(reoffered.withdrawn).toBeUndefined();
      expect(await slipCard(page, open.proposal_id).count()).toBe(1);
      expect(await assistantMessages(page).last().locator(`.bet-card[data-proposal-id="${open.proposal_id}"]`).count()).toBe(1);
      expect(await openSlipCards(page).count()).toBe(1);
      // Chat never places a bet: nothing was confirmed.
      expect(tab.events.filter((e) => e.direction === 'sent' && e.name === 'confirm_bet')).toHaveLength(0);
    });

    it('restores the open slip after a reload with the time it really has left', async () => {
      const { page } = tab;
      const open = lastSlipFinal(tab).proposal!;
      await page.waitForTimeout(2_000); // so a fresh five minutes could not pass for the real time left
      await page.reload();
      await page.locator('#status[data-state="online"]').waitFor();
      const card = slipCard(page, open.proposal_id);
      await card.waitFor({ timeout: TURN_TIMEOUT_MS });
      const shown = await secondsLeftOn(card);
      const left = (Date.parse(open.expires_at) - Date.now()) / 1000;
      expect(shown).toBeLessThan(300);
      expect(Math.abs(shown - left)).toBeLessThanOrEqual(2);
      expect(await card.locator('.bet-pick').innerText()).toBe('Over 2.5');
      expect(await card.locator('.bet-confirm').isEnabled()).toBe(true);
      expect(await openSlipCards(page).count()).toBe(1);
      // It sits under the last restored answer, and ticks down.
      expect(await assistantMessages(page).last().locator('.bet-card').count()).toBe(1);
      await page.waitForFunction(
        ([id, before]) => {
          const text = document.querySelector(`.bet-card[data-proposal-id="${id}"] .bet-countdown`)?.textContent ?? '';
          const match = /(\d+):(\d{2})/.exec(text);
          return !!match && Number(match[1]) * 60 + Number(match[2]) < before;
        },
        [open.proposal_id, shown] as const,
        { timeout: 5_000 },
      );
    });

    it('collapses the card when the slip is cancelled in chat, and does not bring it back on reload', async () => {
      const { page } = tab;
      const open = lastSlipFinal(tab).proposal!;
      await ask(tab, 'cancel the bet');
      const cancelled = lastSlipFinal(tab);
      expect(cancelled.withdrawn).toBe(open.proposal_id);
      expect(cancelled.proposal).toBeUndefined();
      const card = slipCard(page, open.proposal_id);
      expect(await card.getAttribute('class')).toContain('is-withdrawn');
      expect(await card.locator('.bet-confirm').count()).toBe(0);
      expect(await card.locator('.bet-status').innerText()).toBe('Cancelled in the chat. This slip can no longer be placed.');
      expect(await openSlipCards(page).count()).toBe(0);

      await page.reload();
      await page.locator('#status[data-state="online"]').waitFor();
      await assistantMessages(page).first().waitFor();
      expect(await page.locator('#messages .bet-card').count()).toBe(0);
    });

    it('does not restore a slip that has expired', async () => {
      const { page } = tab;
      await ask(tab, 'bet 10 on Chelsea');
      const open = lastSlipFinal(tab).proposal!;
      await slipCard(page, open.proposal_id).waitFor();
      // Six minutes later by the browser's clock: past the slip's expires_at.
      await page.clock.setFixedTime(Date.parse(open.expires_at) + 60_000);
      await page.reload();
      await page.locator('#status[data-state="online"]').waitFor();
      await page.locator('#messages > .message-user').last().waitFor();
      expect(await page.locator('#messages > .message-user .rich').last().innerText()).toBe('bet 10 on Chelsea');
      expect(await page.locator('#messages .bet-card').count()).toBe(0);
    });
  });

  describe('bet slip changed elsewhere, in the page language', () => {
    it('confirming a slip withdrawn from another client says so in Spanish and disables Confirm', async () => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
      try {
        const tab = await openTab(context, `${running.url}/`);
        const { page } = tab;
        await page.locator('#language').selectOption('es');
        await ask(tab, 'bet 10 on Liverpool');
        const open = lastSlipFinal(tab).proposal!;
        const card = slipCard(page, open.proposal_id);
        await card.waitFor();
        expect(await card.locator('.bet-confirm').innerText()).toBe('Confirmar apuesta');

        // The same conversation changes the slip over REST (another device): this tab is not told.
        const ids = await page.evaluate(() => ({
          user_id: window.localStorage.getItem('chatbet.user_id'),
          session_id: window.localStorage.getItem('chatbet.session_id'),
        }));
        const changed = await request(running.url)
          .post('/api/v1/chat/message')
          .send({ ...ids, message: 'make it 25' })
          .expect(200);
        expect(changed.body.withdrawn_proposal_id).toBe(open.proposal_id);

        await card.locator('.bet-confirm').click();
        const status = card.locator('.bet-status');
        await page.waitForFunction(
          (id) => !!document.querySelector(`.bet-card[data-proposal-id="${id}"].is-withdrawn`),
          open.proposal_id,
          { timeout: TURN_TIMEOUT_MS },
        );
        expect(await status.innerText()).toBe(
          'Este boleto fue modificado o cancelado y ya no se puede confirmar. No se te ha cobrado nada.',
        );
        expect(await card.locator('.bet-confirm').isDisabled()).toBe(true);
        expect(await card.locator('.receipt').count()).toBe(0);
        expect(tab.events.filter((e) => e.direction === 'sent' && e.name === 'confirm_bet').at(-1)?.data).toEqual({
          proposal_id: open.proposal_id,
        });
        expect(tab.consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('marks a selection of a match being played with a live badge', async () => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
      try {
        // Which matches are in play depends on the hour, so the slip's selection is marked live on its way in.
        const tab = await openTab(context, `${running.url}/`, (page) =>
          page.routeWebSocket(/\/socket\.io\//, (socket) => {
            const server = socket.connectToServer();
            server.onMessage((message) => socket.send(typeof message === 'string' ? markSlipsLive(message) : message));
          }),
        );
        const { page } = tab;
        await ask(tab, 'bet 10 on Barcelona');
        const card = page.locator('#messages .bet-card').last();
        await card.waitFor();
        expect(await card.locator('.live-badge').innerText()).toMatch(/^live$/i);
        expect(await card.locator('.bet-meta').innerText()).toContain('Match result');
        expect(tab.consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  describe('Stop while the answer is streaming (a model that writes 8 tokens a second)', () => {
    let slow: RunningApp;
    let context: BrowserContext;
    let tab: Tab;

    beforeAll(async () => {
      slow = await startAppWith(
        { LLM_PROVIDER: 'offline', CHATBET_API_BASE_URL: undefined, REDIS_URL: undefined, REDIS_HOST: undefined, API_KEYS: undefined },
        (module) => module.overrideProvider(BaseChatModel).useValue(new PacedChatModel({ firstTokenMs: 100, tokensPerSecond: 8 })),
      );
      context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US' });
      tab = await openTab(context, `${slow.url}/`);
    }, 60_000);
    afterAll(async () => {
      await context?.close();
      await slow?.close();
    });

    it('keeps the words already shown, marks the answer stopped and ends the stream', async () => {
      const { page } = tab;
      await page.locator('#composer-input').fill('what is on this weekend?');
      await page.locator('#composer-input').press('Enter');
      // Some words on screen, most still to come (the whole answer takes about 5 s).
      await streamingWords(page, 3);
      await page.locator('#stop').click();
      await page.waitForFunction(() => !document.querySelector('#messages > .is-streaming'), undefined, { timeout: TURN_TIMEOUT_MS });

      const final = finalsOf(tab).at(-1)!;
      expect(final).toMatchObject({ stopped: true });
      const whole = normalise(PACED_ANSWER_TOKENS.join(''));
      const shown = normalise(await assistantMessages(page).last().locator('.rich').innerText());
      expect(shown.split(' ').length).toBeGreaterThanOrEqual(3);
      expect(shown.length).toBeLessThan(whole.length);
      // A model that writes over time streams: the words arrived in frames of their own.
      const deltas = tab.events.filter((e) => e.name === 'assistant_response' && e.data.is_final === false);
      expect(deltas.length).toBeGreaterThanOrEqual(3);
      expect(deltas.map((d) => d.data.index)).toEqual(deltas.map((_d, i) => i));
      expect(whole.startsWith(shown)).toBe(true);
      expect(normalise(stripMarkup(String(final.content)))).toBe(shown);
      const last = assistantMessages(page).last();
      expect(await last.getAttribute('class')).toContain('is-stopped');
      expect(await last.locator('.tag').first().innerText()).toBe('Stopped');
      expect(await page.locator('#send').isVisible()).toBe(true);
      expect(tab.consoleErrors).toEqual([]);
    });
  });

  describe('a connection that drops in the middle of an answer (a model that writes 8 words a second)', () => {
    /** No figures, so the grounding guard holds nothing back and the answer streams word by word. */
    const WORDS = (
      'The weekend opens with a derby on Saturday afternoon, then the leaders travel north for an evening game, ' +
      'and on Sunday two cup ties close the round before every side rests for the midweek break.'
    ).match(/\s*\S+/g)!;
    let slow: RunningApp;
    let context: BrowserContext;

    beforeAll(async () => {
      slow = await startAppWith(
        { LLM_PROVIDER: 'offline', CHATBET_API_BASE_URL: undefined, REDIS_URL: undefined, REDIS_HOST: undefined, API_KEYS: undefined },
        (module) => module.overrideProvider(BaseChatModel).useValue(new PacedChatModel({ firstTokenMs: 100, tokensPerSecond: 8 }, WORDS)),
      );
      context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US' });
    }, 60_000);
    afterAll(async () => {
      await context?.close();
      await slow?.close();
    });

    it('reconnects, resumes the answer and shows it once, complete', async () => {
      // Every Socket.IO connection of the page goes through a route the test can cut, as a network would.
      const connections: Array<{ page: WebSocketRoute; server: WebSocketRoute; cut: boolean }> = [];
      const wire: SocketEvent[] = [];
      const tab = await openTab(context, `${slow.url}/`, (page) =>
        page.routeWebSocket(/\/socket\.io\//, (ws) => {
          const server = ws.connectToServer();
          const connection = { page: ws, server, cut: false };
          ws.onMessage((message) => {
            const event = typeof message === 'string' ? parseChatFrame(message, 'sent') : null;
            if (event) wire.push(event);
            server.send(message);
          });
          server.onMessage((message) => {
            // What the server sends once the line is cut never reaches the page.
            if (connection.cut) return;
            const event = typeof message === 'string' ? parseChatFrame(message, 'received') : null;
            if (event) wire.push(event);
            ws.send(message);
          });
          connections.push(connection);
        }),
      );
      const { page } = tab;
      // Every text the answer's bubble shows while it streams, to prove none was ever doubled.
      await page.evaluate(() => {
        const g = globalThis as unknown as {
          shownWhileStreaming: string[];
          MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
          document: { querySelector(selector: string): { textContent: string | null } | null; getElementById(id: string): unknown };
        };
        g.shownWhileStreaming = [];
        new g.MutationObserver(() => {
          const text = g.document.querySelector('#messages > .is-streaming .rich')?.textContent;
          if (text) g.shownWhileStreaming.push(text);
        }).observe(g.document.getElementById('messages'), { subtree: true, childList: true, characterData: true });
      });

      await page.locator('#composer-input').fill('what is on this weekend?');
      await page.locator('#composer-input').press('Enter');
      await streamingWords(page, 3);
      const dropped = connections.at(-1)!;
      dropped.cut = true;
      const wireBeforeDrop = wire.length;
      await dropped.page.close();
      await dropped.server.close();
      await page.waitForFunction(() => !document.querySelector('#messages > .is-streaming'), undefined, { timeout: TURN_TIMEOUT_MS });

      expect(connections.length).toBeGreaterThanOrEqual(2);
      const messageId = wire.find((e) => e.direction === 'sent' && e.name === 'user_message')!.data.message_id;
      const resume = wire.find((e) => e.direction === 'sent' && e.name === 'resume');
      expect(resume?.data).toMatchObject({ message_id: messageId, last_index: expect.any(Number) });
      const received = wire.filter((e) => e.direction === 'received' && e.name === 'assistant_response' && e.data.message_id === messageId);
      const deltas = received.filter((e) => e.data.is_final === false).map((e) => e.data);
      const finals = received.filter((e) => e.data.is_final === true).map((e) => e.data);
      expect(finals).toHaveLength(1);
      expect(finals[0].stopped).toBeUndefined();
      // Over both connections: each delta once, numbered 0,1,2…, together the whole answer.
      expect(deltas.map((d) => d.index)).toEqual(deltas.map((_, i) => i));
      expect(deltas.map((d) => d.content).join('')).toBe(finals[0].content);
      const deltasBeforeDrop = received.filter((e) => e.data.is_final === false && wire.indexOf(e) < wireBeforeDrop).length;
      expect(deltasBeforeDrop).toBeGreaterThanOrEqual(3);
      expect(deltas.length - deltasBeforeDrop).toBeGreaterThan(3);

      const whole = normalise(WORDS.join(''));
      expect(normalise(String(finals[0].content))).toBe(whole);
      expect(await assistantMessages(page).count()).toBe(1);
      expect(normalise(await assistantMessages(page).last().locator('.rich').innerText())).toBe(whole);
      const shownWhileStreaming = await page.evaluate(() => (globalThis as unknown as { shownWhileStreaming: string[] }).shownWhileStreaming);
      // Some words before the drop, more after it, and never a word twice on the way.
      expect(shownWhileStreaming.some((shown) => normalise(shown).split(' ').length >= 3)).toBe(true);
      for (const shown of shownWhileStreaming) expect(whole.startsWith(normalise(shown))).toBe(true);
      expect(await assistantMessages(page).last().getAttribute('class')).not.toContain('is-stopped');
      expect(tab.consoleErrors).toEqual([]);
    });
  });

  describe('with API keys required', () => {
    const API_KEY = 'web-page-test-key';
    let secured: RunningApp;

    beforeAll(async () => {
      secured = await startApp({ LLM_PROVIDER: 'offline', API_KEYS: API_KEY, REDIS_URL: undefined, REDIS_HOST: undefined });
    }, 60_000);
    afterAll(() => secured?.close());

    it('explains how to pass a key when none is given, then keeps the one from ?api_key=', async () => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US' });
      try {
        const page = await context.newPage();
        await page.goto(`${secured.url}/`);
        const banner = page.locator('#banner');
        await banner.waitFor({ state: 'visible', timeout: TURN_TIMEOUT_MS });
        expect(await banner.innerText()).toContain('?api_key=');
        expect(await page.locator('#status').getAttribute('data-state')).not.toBe('online');

        await page.goto(`${secured.url}/?api_key=${API_KEY}`);
        await page.locator('#status[data-state="online"]').waitFor({ timeout: TURN_TIMEOUT_MS });
        // The key leaves the address bar (no accidental sharing) but stays for the next visit.
        expect(new URL(page.url()).search).toBe('');
        await page.goto(`${secured.url}/`);
        await page.locator('#status[data-state="online"]').waitFor({ timeout: TURN_TIMEOUT_MS });
        expect(await page.locator('#banner').isHidden()).toBe(true);
      } finally {
        await context.close();
      }
    });
  });

  describe('language and small screens', () => {
    it('switches the interface to Spanish and leaves the answer language to the message', async () => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US' });
      try {
        const tab = await openTab(context, `${running.url}/`);
        const { page } = tab;
        await page.locator('#language').selectOption('es');
        expect(await page.locator('#composer-input').getAttribute('placeholder')).toBe(
          'Pregunta por un partido, cuotas o una apuesta…',
        );
        expect(await page.locator('html').getAttribute('lang')).toBe('es');
        expect(await page.locator('#status-label').innerText()).toBe('En línea');
        await ask(tab, 'cuotas del Real Madrid');
        const sent = tab.events.find((e) => e.direction === 'sent' && e.name === 'user_message');
        expect(sent?.data).not.toHaveProperty('language');
        expect(finalsOf(tab).at(-1)?.language).toBe('es');
        // A message written in English is answered in English; the page's own words stay Spanish.
        await ask(tab, 'odds for Real Madrid');
        expect(finalsOf(tab).at(-1)?.language).toBe('en');
        expect(await page.locator('#status-label').innerText()).toBe('En línea');
        await page.reload();
        await page.locator('#status[data-state="online"]').waitFor();
        expect(await page.locator('#language').inputValue()).toBe('es');
        expect(tab.consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('fits a 375 px phone without horizontal scrolling and saves a mobile screenshot', async () => {
      const context = await browser.newContext({
        viewport: { width: 375, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        colorScheme: 'dark',
        locale: 'en-US',
      });
      try {
        const tab = await openTab(context, `${running.url}/`);
        const { page } = tab;
        await ask(tab, 'bet 20 on Real Madrid to win');
        await page.locator('.bet-card').last().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        const composer = await page.locator('#composer').boundingBox();
        expect(composer!.x).toBeGreaterThanOrEqual(0);
        expect(composer!.x + composer!.width).toBeLessThanOrEqual(375);
        await page.screenshot({ path: join(DOCS_DIR, 'screenshot-mobile.png') });
        // The narrowest phones in use are 360 px wide.
        await page.setViewportSize({ width: 360, height: 740 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        const card = await page.locator('.bet-card').last().boundingBox();
        expect(card!.x + card!.width).toBeLessThanOrEqual(360);
        expect(tab.consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('tells the older tab when the conversation is opened in another one, and lets it take it back', async () => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US' });
      try {
        const first = await openTab(context, `${running.url}/`);
        const second = await openTab(context, `${running.url}/`); // same localStorage: same session
        await first.page.locator('#status[data-state="taken-over"]').waitFor({ timeout: TURN_TIMEOUT_MS });
        const banner = first.page.locator('#banner');
        expect(await banner.isVisible()).toBe(true);
        const notice = first.events.find((e) => e.name === 'error' && e.data.error_code === 'SESSION_TAKEN_OVER');
        expect(notice).toBeDefined();
        expect(await banner.innerText()).toContain(String(notice!.data.content));
        // The older tab must not fight back on its own: the newer one stays connected.
        expect(await second.page.locator('#status').getAttribute('data-state')).toBe('online');

        await banner.getByRole('button').click();
        await first.page.locator('#status[data-state="online"]').waitFor({ timeout: TURN_TIMEOUT_MS });
        await second.page.locator('#status[data-state="taken-over"]').waitFor({ timeout: TURN_TIMEOUT_MS });
        expect(first.consoleErrors).toEqual([]);
        expect(second.consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('is usable from the keyboard alone', async () => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US' });
      try {
        const tab = await openTab(context, `${running.url}/`);
        const { page } = tab;
        const reached: string[] = [];
        for (let i = 0; i < 12; i++) {
          await page.keyboard.press('Tab');
          reached.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.className || ''));
        }
        expect(reached).toEqual(expect.arrayContaining(['language', 'new-conversation', 'composer-input', 'chip']));
        const labelled = await page.evaluate(() =>
          ['composer-input', 'language'].every((id) => document.querySelector(`label[for="${id}"]`)?.textContent?.trim()),
        );
        expect(labelled).toBe(true);
        expect(await page.locator('#messages').getAttribute('aria-live')).toBe('polite');
        expect(tab.consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  describe('live price alert for the open slip', () => {
    // Its own app: it moves the simulator's clock, and polls often over odds cached for a second.
    let live: RunningApp;
    beforeAll(async () => {
      live = await startApp({
        LLM_PROVIDER: 'offline',
        CHATBET_API_BASE_URL: undefined,
        REDIS_URL: undefined,
        REDIS_HOST: undefined,
        API_KEYS: undefined,
        LIVE_POLL_INTERVAL_MS: '200',
        CACHE_TTL_ODDS: '1',
      });
      await waitForCatalogue(live);
    }, 60_000);
    afterAll(() => live?.close());

    it('shows a short message and the slip at the new price when its price moves; nothing is confirmed', async () => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
      try {
        const tab = await openTab(context, `${live.url}/`);
        const { page } = tab;
        // The page follows its open slip from the moment it connects.
        expect(tab.events.find((e) => e.direction === 'sent' && e.name === 'subscribe')?.data).toEqual({ open_slip: true });
        await ask(tab, 'bet 10 on Arsenal');
        const first = lastSlipFinal(tab).proposal!;
        await slipCard(page, first.proposal_id).locator('.bet-confirm').waitFor();
        await eventually('the poller to follow the slip', async () => (await polledFixturesOf(live)) >= 1);
        await morePolls([live]);

        const newOdd = await movePrice(live, first.selections[0] as unknown as BetProposalSelection);
        const alert = page.locator('#messages > .message-assistant.is-live-alert');
        await alert.waitFor({ timeout: TURN_TIMEOUT_MS });
        const update = tab.events.find((e) => e.name === 'slip_update')!.data as { bet_proposal: WireProposal; withdrawn_proposal_id: string; content: string };
        expect(update.withdrawn_proposal_id).toBe(first.proposal_id);
        expect(normalise(await alert.locator('.bubble').innerText())).toBe(normalise(update.content));
        expect(update.content).toContain('The price on your open slip moved');
        // The old card is withdrawn as a changed slip; the new one, under the alert, is the only open card.
        const old = slipCard(page, first.proposal_id);
        expect(await old.getAttribute('class')).toContain('is-withdrawn');
        expect(await old.locator('.bet-confirm').count()).toBe(0);
        const fresh = alert.locator(`.bet-card[data-proposal-id="${update.bet_proposal.proposal_id}"]`);
        expect(await fresh.locator('.bet-confirm').isEnabled()).toBe(true);
        expect(await fresh.innerText()).toContain(newOdd.toFixed(2));
        expect(await openSlipCards(page).count()).toBe(1);
        expect(tab.events.filter((e) => e.direction === 'sent' && e.name === 'confirm_bet')).toHaveLength(0);
        expect(tab.consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
});

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The page renders **bold**, bullets, headings and tables; compare on the words and numbers. */
function stripMarkup(text: string): string {
  return text
    .replace(/\*\*|__|`/g, '')
    .replace(/^\s*[-*•·]\s+/gm, '')
    .replace(/^\s*\d{1,3}[.)]\s+/gm, '')
    .replace(/^\s*#{1,4}\s+/gm, '')
    .replace(/^\s*\|?\s*:?-{2,}.*$/gm, '')
    .replace(/\|/g, ' ');
}
