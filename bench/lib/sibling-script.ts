import { extname, join } from 'node:path';

/**
 * How to start another bench script in its own process the way this one runs: compiled JavaScript
 * (`npm run bench` builds dist-bench/ first) as plain node, TypeScript through ts-node. The servers
 * are measured compiled because that is how `npm start` runs them: ts-node loads `node:repl`, which
 * loads `node:domain`, which wraps every EventEmitter.emit and cost the service ~25 % of its
 * throughput in bench/RESULTS.md.
 */
export function siblingScript(dir: string, name: string): { file: string; execArgv: string[] } {
  const compiled = extname(__filename) === '.js';
  return {
    file: join(dir, `${name}${compiled ? '.js' : '.ts'}`),
    execArgv: compiled ? [] : ['-r', 'ts-node/register/transpile-only'],
  };
}
