import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const GRACE_MS = 1000;

/**
 * The global teardown's watchdog: a jest run that a leaked handle holds open after it finished
 * (what once made a CI job run into its time limit) exits on its own, names the handle, and keeps
 * the run's own exit code. Each case runs a real jest process on a throwaway project.
 */
describe('exit watchdog of the test run (test/support/global-teardown.ts)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'exit-watchdog-'));
    const config = {
      rootDir: dir,
      testMatch: ['<rootDir>/*.test.js'],
      testEnvironment: 'node',
      globalTeardown: join(ROOT, 'test/support/global-teardown.ts'),
      transform: { '^.+\\.ts$': [require.resolve('@swc/jest'), { jsc: { parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
    };
    writeFileSync(join(dir, 'jest.config.json'), JSON.stringify(config));
    const leaky = (outcome: string) =>
      `const { createServer } = require('node:net');\n` +
      `test('leaves a server listening', async () => {\n` +
      `  await new Promise((r) => createServer().listen(0, '127.0.0.1', r));\n` +
      `  ${outcome};\n` +
      `});\n`;
    writeFileSync(join(dir, 'passing.test.js'), leaky('expect(1).toBe(1)'));
    writeFileSync(join(dir, 'failing.test.js'), leaky('expect(1).toBe(2)'));
    writeFileSync(join(dir, 'clean.test.js'), `test('leaves nothing behind', () => expect(1).toBe(1));\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runJest(testFile: string): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [require.resolve('jest/bin/jest'), '--config', join(dir, 'jest.config.json'), '--ci', testFile], {
      cwd: dir,
      env: { ...process.env, JEST_EXIT_GRACE_MS: String(GRACE_MS) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    // Without the watchdog the leaky runs would never end: cut them off (code null) well inside
    // this test's own timeout, so a regression fails here instead of leaving a process behind.
    const cutOff = setTimeout(() => child.kill('SIGKILL'), 15_000);
    return new Promise((resolve) =>
      child.once('close', (code) => {
        clearTimeout(cutOff);
        resolve({ code, stderr });
      }),
    );
  }

  it('ends a green run held open by a leaked server with exit code 0 and names the server', async () => {
    const run = await runJest('passing.test.js');
    expect(run.stderr).toMatch(/still held open by: .*Server\(listening on \d+\)/);
    expect(run.code).toBe(0);
  });

  it('keeps a red run red', async () => {
    const run = await runJest('failing.test.js');
    expect(run.stderr).toMatch(/still held open by/);
    expect(run.code).toBe(1);
  });

  it('stays silent when nothing is left open', async () => {
    const run = await runJest('clean.test.js');
    expect(run.stderr).not.toMatch(/still held open/);
    expect(run.code).toBe(0);
  });
});
