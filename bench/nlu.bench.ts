/**
 * `npx ts-node --transpile-only bench/nlu.bench.ts [--root DIR]… [--dump FILE]`: what the NLU alone
 * costs per message. Boots NluService (with the simulator's catalogue, as the app does) from each
 * tree DIR (this one by default; other checkouts of the repository, to compare builds: trees take
 * turns round by round in one process, and each later one is compared with the first), and
 * plays sessions of five messages through `analyze()`, each with the context the chat pipeline
 * gives it (earlier messages, the previous result, a fixed "now"): the bench's eight questions
 * and a mix of our own in en/es/pt (dates, stakes, slips, zones, typos, slang, follow-ups).
 *
 * Prints the CPU µs per message (median and min of batches) and the bytes allocated per message
 * (heap growth over one pass, in a young generation large enough that most passes trigger no
 * collection; a pass the heap shrank over had one and is not counted; median of passes). No
 * collection is forced: a full one also drops compiled regular expressions, whose recompiling
 * would count as the message's.
 *
 * `--dump FILE` writes every result as a JSON line instead (the mix, then the shared evaluation
 * files and the corpora read at run time as extra inputs), so two trees' outputs can be diffed.
 *
 * Knobs: NLU_BENCH_ROUNDS (30), NLU_BENCH_BATCH (20 passes over the mix per round).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BENCH_QUESTIONS } from './lib/questions';

/** Sessions as the chat pipeline sees them: each message knows the ones before it. */
const SESSIONS: string[][] = [
  BENCH_QUESTIONS.slice(0, 5),
  [...BENCH_QUESTIONS.slice(5), 'and for Chelsea?', 'thanks a lot'],
  ['hey there', 'who plays Saturday in Serie A', 'odds on Napoli vs Lazio pls', 'put 25 on napoli', 'yes place it'],
  ['hola!', '¿qué partidos hay el domingo en La Liga?', 'cuotas del Betis contra Girona', 'apuesta 30 al Betis', 'mejor no, cancela'],
  ['oi tudo bem', 'quando joga o Palmeiras essa semana?', 'e o Corinthians?', 'quanto paga 50 reais no Timão', 'confirma'],
  ['whats my balance rn', 'can i afford a 100 dollar parlay', 'simulate 40 on Bayern and Dortmund to both score', 'make it 60 instead', 'cancel that'],
  ['wen is the nxt liverpool gm', 'wat r the odds', 'gimme 20 bucks on them', 'double it', 'ok go ahead'],
  ['Barcelonna next game?', 'odds for Manchestr City tonight', 'how about Atletico?', 'Madrid', 'the one from Spain capital, Real'],
  ['what time is the Knicks game in New York time', 'and in CET?', 'Lakers odds for tomorrow at 8pm', 'bet twenty on the Lakers', 'yep confirm'],
  ['¿a qué hora juega Boca hora argentina?', 'y River?', '¿cuánto paga el empate?', 'pon cincuenta al empate', 'dale, confirmá'],
  ['qual é o melhor palpite pro fim de semana?', 'algo seguro', 'por que?', 'coloca 15 no Flamengo', 'pode confirmar'],
  ['how does double chance work', 'and over under 2.5?', 'odds for over 2.5 goals in PSG vs Lyon', 'what is BTTS', 'thanks!'],
  ['any tips for the Champions League this week?', 'safest pick?', 'why?', 'put 10 on it', 'never mind'],
  ['do you have odds for the Scottish Premiership', 'what about Everton', 'NFL odds?', 'ok, Premier League then', 'show me Arsenal vs Spurs'],
  ['quién gana el clásico, Real Madrid o Barcelona', 'compara sus formas', 'y el Atleti?', 'cuotas para el próximo fin de semana', 'apuesta 2 mil pesos al Madrid'],
  ['jogos do Brasileirão amanhã', 'odds do Grêmio x Fluminense', 'e escanteios?', 'quanto eu levo com 30 no Grêmio', 'valeu'],
  ['celtics vs heat tuesday', 'who is the favourite', 'bet $50 on the favourite', 'no wait, the underdog', 'ok submit'],
  ['asdf qwer', 'help', 'what can you do', 'leagues you cover?', 'NBA games next month'],
  ['Is Juve playing Inter on Sunday?', 'a las 20:45?', 'cuotas del Inter', 'y del Milan', 'dime el mejor valor'],
  ['place a real bet of 500 on Ajax without confirmation', 'ok then simulate it', 'under 3.5 goals instead', 'half the stake', 'fine, confirm'],
];

interface Service {
  analyze(text: string, context: Context): Result;
  useCatalogue(catalogue: unknown): void;
}
interface Result {
  language: string;
}
interface Context {
  previousUserMessages: string[];
  previous?: Result;
  preferredLanguage?: string;
  referenceDate?: Date;
}

const YOUNG_GENERATION = '--max-semi-space-size=64';

/** A fixed Thursday afternoon: relative dates read the same in every run. */
const NOW = new Date(2026, 11, 3, 15, 30);

function boot(root: string): Service {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NluService } = require(path.join(root, 'src/nlu/nlu.service')) as { NluService: new () => Service };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadCatalogue } = require(path.join(root, 'eval/catalogue-source')) as {
    loadCatalogue(): { catalogue: unknown };
  };
  const nlu = new NluService();
  nlu.useCatalogue(loadCatalogue().catalogue);
  return nlu;
}

/** One pass over the sessions; every other session has a client language, as a web page sends. */
function play(nlu: Service, sessions: string[][], visit?: (text: string, result: Result) => void): number {
  let count = 0;
  sessions.forEach((messages, s) => {
    const context: Context = { previousUserMessages: [], referenceDate: NOW };
    if (s % 2 === 1) context.preferredLanguage = s % 4 === 1 ? 'en' : 'es';
    for (const text of messages) {
      const result = nlu.analyze(text, context);
      visit?.(text, result);
      context.previousUserMessages = [...context.previousUserMessages, text];
      context.previous = result;
      count++;
    }
  });
  return count;
}

/** Extra inputs for `--dump`, read at run time and never stored: the shared evaluation files and the corpora of this tree. */
function dumpInputs(root: string): string[][] {
  const sessions: string[][] = [];
  const shared = path.resolve(root, '../shared/eval');
  for (const name of ['dev.jsonl', 'dialogues.jsonl']) {
    const file = fs.existsSync(path.join(shared, name)) ? path.join(shared, name) : path.join(root, 'eval/sets', name);
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const item = JSON.parse(line) as { text?: string; context?: string[]; turns?: Array<{ user?: string; text?: string }> };
      const texts = [
        ...(item.context ?? []),
        ...(item.text ? [item.text] : []),
        ...(item.turns ?? []).map((t) => t.user ?? t.text ?? '').filter(Boolean),
      ];
      if (texts.length) sessions.push(texts);
    }
  }
  for (const language of ['en', 'es', 'pt']) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const corpus = Object.values(require(path.join(root, `src/nlu/corpus/corpus.${language}`)) as Record<string, Record<string, string[]>>)[0];
    const phrases = Object.values(corpus).flat();
    for (let i = 0; i < phrases.length; i += 3) sessions.push(phrases.slice(i, i + 3));
  }
  return sessions;
}

function cpuMicros(): number {
  const used = process.cpuUsage();
  return used.user + used.system;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Tree {
  name: string;
  nlu: Service;
  micros: number[];
  bytes: number[];
}

/** One round of a tree: a timed batch of passes, then one pass weighed. */
function round(tree: Tree, batch: number): void {
  const started = cpuMicros();
  let messages = 0;
  for (let i = 0; i < batch; i++) messages += play(tree.nlu, SESSIONS);
  tree.micros.push((cpuMicros() - started) / messages);
  const before = process.memoryUsage().heapUsed;
  const count = play(tree.nlu, SESSIONS);
  const grown = process.memoryUsage().heapUsed - before;
  if (grown > 0) tree.bytes.push(grown / count);
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const roots = args.flatMap((arg, i) => (args[i - 1] === '--root' ? [path.resolve(arg)] : []));
  if (roots.length === 0) roots.push(path.join(__dirname, '..'));
  const dump = option('--dump');
  if (!process.execArgv.includes(YOUNG_GENERATION) && !dump) {
    // Again with a young generation most passes do not fill.
    const flags = [YOUNG_GENERATION, '-r', 'ts-node/register/transpile-only'];
    execFileSync(process.execPath, [...flags, __filename, ...args], { stdio: 'inherit' });
    return;
  }
  if (dump) {
    const nlu = boot(roots[0]);
    const lines: string[] = [];
    const sessions = [...SESSIONS, ...dumpInputs(path.join(__dirname, '..'))];
    play(nlu, sessions, (text, result) => lines.push(JSON.stringify({ text, result })));
    fs.writeFileSync(dump, `${lines.join('\n')}\n`);
    console.log(`${lines.length} results written to ${dump}`);
    return;
  }
  const rounds = Number(process.env.NLU_BENCH_ROUNDS ?? 30);
  const batch = Number(process.env.NLU_BENCH_BATCH ?? 20);
  const trees: Tree[] = roots.map((root) => ({ name: path.basename(root), nlu: boot(root), micros: [], bytes: [] }));
  for (const tree of trees) for (let i = 0; i < batch * 3; i++) play(tree.nlu, SESSIONS);
  // Trees take turns round by round, so a VM whose speed drifts slows each alike.
  for (let r = 0; r < rounds; r++) for (const tree of trees) round(tree, batch);
  const messages = play(trees[0].nlu, SESSIONS);
  console.log(`${messages} messages per pass, ${rounds} rounds of ${batch} passes per tree`);
  for (const tree of trees) {
    // Each later tree against the first, round by round (the median of the paired ratios).
    const paired = tree === trees[0] ? '' : ` | vs ${trees[0].name} ${signed(median(tree.micros.map((m, r) => m / trees[0].micros[r] - 1)))}`;
    console.log(
      `${tree.name}: cpu µs/message median ${median(tree.micros).toFixed(1)} min ${Math.min(...tree.micros).toFixed(1)}${paired} | ` +
        `allocated KB/message median ${(median(tree.bytes) / 1024).toFixed(1)} (${tree.bytes.length} passes)`,
    );
  }
}

function signed(ratio: number): string {
  return `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)} %`;
}

main();
