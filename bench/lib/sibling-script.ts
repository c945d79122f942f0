import { extname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * How to start another bench script (`dir`/`name`) in its own process. With `BENCH_BUILD` (set by
 * `npm run bench`, which first compiles src, libs and bench into that directory with
 * tsconfig.bench.json) the compiled JavaScript runs on plain node, as `npm start` runs the service;
 * without it the TypeScript source runs through ts-node. Servers are worth measuring compiled:
 * under ts-node, `node:repl` loads `node:domain`, which puts a wrapper around every
 * EventEmitter.emit that production never has. The load client (this process) stays on ts-node
 * either way, so the client-bound floor is measured as in earlier rounds.
 */
export function siblingScript(dir: string, name: string): { file: string; execArgv: string[] } {
  if (extname(__filename) === '.js') return { file: join(dir, `${name}.js`), execArgv: [] };
  const build = process.env.BENCH_BUILD;
  if (build) return { file: join(ROOT, build, relative(ROOT, dir), `${name}.js`), execArgv: [] };
  return { file: join(dir, `${name}.ts`), execArgv: ['-r', 'ts-node/register/transpile-only'] };
}
