/**
 * Multi-turn dialogue cases (`../shared/eval/README.md`, "Dialogue cases"): one JSON object per
 * line, `{ id, lang, category, turns: [{ user, expect? }] }`. Parsing checks the shape only; the
 * meaning of every `expect` key is the scorer's (`dialogue-scorer.ts`), and a key it does not know
 * is reported there as a case error, as the reference scorer does.
 */

/** A selection in the team's next fixture: `outcome` may be relative to the team (`win`, `lose`…). */
export interface SelectionExpectation {
  team: string;
  market: string;
  outcome: string;
  /** Only selections whose name contains the line (`2.5`, `-1.5`). */
  line?: number | string;
}

export interface ProposalExpectation {
  stake?: number;
  team?: string;
  market?: string;
  outcome?: string;
}

/** What must hold after a turn; every key present must hold for the turn to pass. */
export interface Expectations {
  intent?: string;
  language?: string;
  proposal?: 'none' | ProposalExpectation;
  proposal_withdrawn?: boolean;
  asks?: boolean;
  price?: SelectionExpectation;
  payout?: SelectionExpectation & { stake: number };
  fixture?: { team: string };
  not_covered?: string;
  local_time?: { team: string; tz: string };
  no_live_pick?: boolean;
  /** Regular expressions, case-insensitive, also tried on the answer without accents. */
  contains_any?: string[];
  not_contains?: string[];
  no_bet_placed?: boolean;
  /** Keys the scorer does not know are kept, and reported as case errors. */
  [key: string]: unknown;
}

export interface DialogueTurn {
  /** The user's message; `{live_team}` stands for a team playing at that moment. */
  user: string;
  expect?: Expectations;
}

export interface DialogueCase {
  id: string;
  lang: string;
  category: string;
  turns: DialogueTurn[];
}

/** The placeholder a message may carry for a team that is playing right now. */
export const LIVE_TEAM = '{live_team}';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseTurn(value: unknown, where: string): DialogueTurn {
  if (!isObject(value)) throw new Error(`${where}: a turn must be an object`);
  if (typeof value.user !== 'string') throw new Error(`${where}: "user" must be a string`);
  if (value.expect === undefined) return { user: value.user };
  if (!isObject(value.expect)) throw new Error(`${where}: "expect" must be an object`);
  return { user: value.user, expect: value.expect };
}

/** Parses a JSON-lines file of dialogues; blank lines are skipped, a malformed line names its number. */
export function parseDialogues(jsonl: string): DialogueCase[] {
  const cases: DialogueCase[] = [];
  const seen = new Set<string>();
  jsonl.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const where = `line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${where}: not JSON`);
    }
    if (!isObject(value)) throw new Error(`${where}: a dialogue must be an object`);
    for (const field of ['id', 'lang', 'category'] as const) {
      if (typeof value[field] !== 'string' || !value[field])
        throw new Error(`${where}: "${field}" must be a non-empty string`);
    }
    const id = value.id as string;
    if (seen.has(id)) throw new Error(`${where}: duplicate id ${id}`);
    seen.add(id);
    if (!Array.isArray(value.turns) || value.turns.length === 0)
      throw new Error(`${where}: "turns" must be a non-empty array`);
    cases.push({
      id,
      lang: value.lang as string,
      category: value.category as string,
      turns: value.turns.map((turn, i) => parseTurn(turn, `${where} (${id}), turn ${i + 1}`)),
    });
  });
  return cases;
}

/** The cases whose id is in `only` (all of them without it); an id that matches nothing is an error. */
export function selectDialogues(cases: DialogueCase[], only?: string[]): DialogueCase[] {
  if (!only?.length) return cases;
  const ids = new Set(cases.map((c) => c.id));
  const unknown = only.filter((id) => !ids.has(id));
  if (unknown.length) throw new Error(`--only: no dialogue with id ${unknown.join(', ')}`);
  const wanted = new Set(only);
  return cases.filter((c) => wanted.has(c.id));
}

/** True when the dialogue needs a team that is playing right now (anywhere in its turns, as the reference reads it). */
export function needsLiveTeam(c: DialogueCase): boolean {
  return JSON.stringify(c.turns).includes(LIVE_TEAM);
}
