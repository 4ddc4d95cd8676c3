import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const config = 'test/fixtures/exit-code/vitest.config.ts';

interface Run {
  code: number | null;
  output: string;
}

/** Runs vitest in a child process on the fixture project, as `npm test` runs the real one. */
function runFixture(file: string, setup: 'embedded' | 'throws' | 'none'): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [vitest, 'run', '--config', config, file],
      {
        cwd: root,
        env: { ...process.env, FIXTURE_SETUP: setup, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
        timeout: 150_000,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

// Proves in every run that a red suite is red: these runs start and stop a real embedded
// PostgreSQL in vitest's own process, the way that once turned every failed run into exit 0.
describe('a failing run exits non-zero', { timeout: 180_000 }, () => {
  test('a broken assertion exits 1, with an embedded PostgreSQL started in the global setup', async () => {
    const run = await runFixture('red.fixture.ts', 'embedded');
    expect(run.output).toMatch(/Tests\s+1 failed/);
    expect(run.code).toBe(1);
  });

  test('the same run with a passing test exits 0, so the check above can tell the two apart', async () => {
    const run = await runFixture('green.fixture.ts', 'embedded');
    expect(run.output).toMatch(/Tests\s+1 passed/);
    expect(run.code).toBe(0);
  });

  test('a test file that fails to load exits 1', async () => {
    const run = await runFixture('unloadable.fixture.ts', 'embedded');
    expect(run.output).toContain('fixture: this file fails to load');
    expect(run.code).toBe(1);
  });

  test('a global setup that throws exits 1', async () => {
    const run = await runFixture('green.fixture.ts', 'throws');
    expect(run.output).toContain('fixture: the global setup failed');
    expect(run.code).toBe(1);
  });
});
