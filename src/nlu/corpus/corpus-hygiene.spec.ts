import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * Evaluation sentences must never be in code, corpora or tests: a classifier trained on the
 * sentences it is scored on measures memory, not understanding. This spec reads every user
 * sentence of ../shared/eval/*.jsonl (a case's `text` and `context`, a dialogue's `turns[].user`)
 * at run time — none of them is written here — and looks for each in every .ts file under src/,
 * test/ and eval/. There is no allow-list: a copy anywhere fails the spec.
 *
 * Texts are compared normalised: lowercase, accents stripped, apostrophes dropped ("what's" =
 * "whats"), other punctuation and whitespace collapsed to single spaces. A sentence offends
 *  - as an entry: a string literal, or a double-quoted example in a comment, equal to it, in any
 *    file; a one-word sentence ("menu", say) only in the corpora and fixtures, since elsewhere a
 *    single word is mostly a keyword or a field name;
 *  - as a substring: for sentences of 4+ words, anywhere in the normalised file text, comments
 *    included.
 */

/** The repository root: the nearest folder above this file with a package.json. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const ROOT = repoRoot();
/** CI clones the repository beside `shared/`, so the eval files are always there. */
const EVAL_DIR = path.resolve(ROOT, '../shared/eval');
/** Every .ts file under these folders is scanned: the application, its e2e tests and the eval harness. */
const SCANNED_DIRS = ['src', 'test', 'eval', 'bench'];

/** Where training data lives: the corpora and fixtures. Zero tolerance there. */
const isDataFile = (file: string) =>
  !file.endsWith('.spec.ts') && /(?:^|\/)corpus\/[^/]+\.ts$|\.fixture\.ts$/.test(file);

/** Lowercase, no accents, no apostrophes, any other run of non-letters/digits as one space. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\\[nrt]/g, ' ')
    .replace(/['’`\\]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface EvalSentence {
  source: string;
  id: string;
  text: string;
  norm: string;
}

/** The user sentences of every .jsonl file in `dir` (a case's text and context, a dialogue's turns). */
function sentencesIn(dir: string): EvalSentence[] {
  if (!fs.existsSync(dir)) throw new Error(`evaluation folder not found: ${dir}`);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  if (files.length === 0) throw new Error(`no .jsonl files in ${dir}`);
  const sentences: EvalSentence[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (!line.trim()) return;
      const value = JSON.parse(line) as {
        id?: string;
        text?: unknown;
        context?: unknown;
        turns?: Array<{ user?: unknown }>;
      };
      const id = value.id ?? `${file}:${index + 1}`;
      const texts: unknown[] = [value.text, ...(Array.isArray(value.context) ? value.context : [])];
      for (const turn of Array.isArray(value.turns) ? value.turns : []) texts.push(turn?.user);
      for (const text of texts)
        if (typeof text === 'string' && text.trim())
          sentences.push({ source: file, id, text, norm: normalise(text) });
    });
  }
  return sentences;
}

const evalSentences = () => sentencesIn(EVAL_DIR);

/**
 * The repository's own sets (`npm run eval` in a clone without ../shared) must be sentences of
 * their own, not the shared ones reworded: besides equality and containment (4+ words), two
 * sentences of 3+ words that share 60 % of their distinct words (Jaccard) count as a copy.
 */
const REPO_SET_DIRS = ['eval/sets', 'eval'];
const NEAR_COPY_SHARE = 0.6;

function nearCopies(own: EvalSentence[], shared: EvalSentence[]): string[] {
  const found: string[] = [];
  for (const mine of own) {
    const words = new Set(mine.norm.split(' ').filter(Boolean));
    for (const theirs of shared) {
      const other = new Set(theirs.norm.split(' ').filter(Boolean));
      const common = [...words].filter((w) => other.has(w)).length;
      const share = common / (words.size + other.size - common || 1);
      const contains = (a: string, b: string) => b.split(' ').length >= 4 && ` ${a} `.includes(` ${b} `);
      const copied =
        (mine.norm !== '' && mine.norm === theirs.norm) ||
        contains(mine.norm, theirs.norm) ||
        contains(theirs.norm, mine.norm) ||
        (words.size >= 3 && other.size >= 3 && share >= NEAR_COPY_SHARE);
      if (copied) found.push(`${mine.source} ${mine.id} ${JSON.stringify(mine.text)} ≈ ${theirs.source} ${theirs.id}`);
    }
  }
  return found;
}

interface SourceFile {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  data: boolean;
  /** Normalised text of the whole file, padded with a space on each side. */
  text: string;
  /** Normalised values of its string literals (raw trimmed values for those that normalise to nothing). */
  literals: Set<string>;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Double-quoted examples on one line, as comments quote messages ("and the Lazio one?"). */
const QUOTED = /["“]([^"“”\n]{1,200})["”]/g;

/** String literals of the file, and the double-quoted examples of its comments. */
function literalsOf(file: string, content: string): Set<string> {
  const literals = new Set<string>();
  const add = (value: string) => literals.add(normalise(value) || value.trim());
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, content, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  for (const match of content.matchAll(QUOTED)) add(match[1]);
  return literals;
}

function sourceFiles(): SourceFile[] {
  return SCANNED_DIRS.flatMap((dir) => tsFiles(path.join(ROOT, dir))).map((full) => {
    const file = path.relative(ROOT, full).split(path.sep).join('/');
    const content = fs.readFileSync(full, 'utf8');
    return {
      file,
      data: isDataFile(file),
      text: ` ${normalise(content)} `,
      literals: literalsOf(full, content),
    };
  });
}

interface Offence {
  sentence: EvalSentence;
  file: string;
  how: 'entry' | 'substring';
}

function findOffences(sentences: EvalSentence[], files: SourceFile[]): Offence[] {
  const offences: Offence[] = [];
  for (const sentence of sentences) {
    const words = sentence.norm ? sentence.norm.split(' ').length : 0;
    const key = sentence.norm || sentence.text.trim();
    for (const source of files) {
      if ((words > 1 || source.data) && source.literals.has(key))
        offences.push({ sentence, file: source.file, how: 'entry' });
      else if (words >= 4 && source.text.includes(` ${sentence.norm} `))
        offences.push({ sentence, file: source.file, how: 'substring' });
    }
  }
  return offences;
}

const describeOffence = (o: Offence) =>
  `${o.sentence.id} (${o.sentence.source}) ${JSON.stringify(o.sentence.text)} → ${o.file} [${o.how}]`;

describe('corpus hygiene: no evaluation sentence in src/, test/ or eval/', () => {
  const sentences = evalSentences();
  const files = sourceFiles();
  const offences = findOffences(sentences, files);

  it('reads the evaluation sentences and the sources', () => {
    expect(sentences.length).toBeGreaterThan(100);
    expect(files.some((f) => f.file === 'src/nlu/corpus/corpus.en.ts')).toBe(true);
    for (const dir of SCANNED_DIRS) expect(files.some((f) => f.file.startsWith(`${dir}/`))).toBe(true);
  });

  it('normalises case, accents, apostrophes and punctuation away', () => {
    expect(normalise('¿Dónde  VEO el Clásico?')).toBe('donde veo el clasico');
    expect(normalise("What's up, Mengão!!")).toBe('whats up mengao');
    expect(normalise('whats up mengao')).toBe('whats up mengao');
  });

  it('has none in the intent corpora and fixtures', () => {
    expect(offences.filter((o) => files.find((f) => f.file === o.file)!.data).map(describeOffence)).toEqual(
      [],
    );
  });

  it('has none anywhere else: specs, e2e tests, eval harness, code comments or product strings', () => {
    expect(offences.filter((o) => !isDataFile(o.file)).map(describeOffence)).toEqual([]);
  });

  it("keeps the repository's own evaluation sets free of the shared sentences, copied or closely reworded", () => {
    const own = REPO_SET_DIRS.flatMap((dir) => sentencesIn(path.join(ROOT, dir)));
    expect(own.length).toBeGreaterThan(50);
    expect(nearCopies(own, sentences)).toEqual([]);
  });

  it('recognises a close rewording as a copy', () => {
    const as = (text: string): EvalSentence => ({ source: 'x', id: text, text, norm: normalise(text) });
    expect(nearCopies([as('when is the next Lazio game please')], [as('When is the next Lazio game?')])).toHaveLength(1);
    expect(nearCopies([as('Lazio kick-off on sunday, when exactly?')], [as('odds for the Lazio game')])).toEqual([]);
  });
});
