/**
 * Summarises a V8 .cpuprofile (from BENCH_CPU_PROF): the top functions by self time and the
 * top source areas (our src/ files, node_modules packages, node internals) by self time.
 * Usage: ts-node --transpile-only bench/profile-summary.ts /tmp/prof/CPU.*.cpuprofile [top=25] [last-ms]
 * With last-ms, only the samples of the profile's last last-ms milliseconds count: the load phase,
 * without the boot (module loading, ts-node) that precedes it.
 */
import { readFileSync } from 'node:fs';
import { table } from './lib/stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function area(url: string): string {
  if (!url) return '(native/idle/gc)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/(src|libs|bench)\/(.*)$/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  if (url.startsWith('node:')) return url;
  return url;
}

function main(): void {
  const [file, topArg, lastMsArg] = process.argv.slice(2);
  const top = Number(topArg ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const elapsedUs = profile.timeDeltas.reduce((a, b) => a + b, 0);
  const fromUs = lastMsArg ? elapsedUs - Number(lastMsArg) * 1000 : 0;
  const selfUs = new Map<number, number>();
  let atUs = 0;
  profile.samples.forEach((id, i) => {
    atUs += profile.timeDeltas[i] ?? 0;
    if (atUs >= fromUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id)!;
    const name = `${callFrame.functionName || '(anonymous)'} ${area(callFrame.url)}:${callFrame.lineNumber + 1}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    const a = callFrame.functionName === '(idle)' ? '(idle)' : area(callFrame.url);
    areas.set(a, (areas.get(a) ?? 0) + us);
  }
  const rows = (m: Map<string, number>, key: string) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => ({ [key]: k, ms: Math.round(us / 1000), '%': ((us / total) * 100).toFixed(1) }));
  console.log(`total ${Math.round(total / 1000)} ms sampled\n`);
  console.log(table(rows(areas, 'area')));
  console.log();
  console.log(table(rows(fn, 'function')));
}

main();
