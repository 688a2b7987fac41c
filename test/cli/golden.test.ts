/**
 * CLI golden tests (knip style): every scenario folder under fixtures/ with an election.json and
 * ballots*.csv is counted through `main()` with NO_COLOR=1, and the whole outputs — terminal table,
 * JSON, CSV, ballot log, stderr and exit code — are compared with fixtures/<scenario>/expected/.
 * Regenerate after a deliberate change with `UPDATE_GOLDEN=1 npm test`, then review the diff by hand.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const update = process.env['UPDATE_GOLDEN'] === '1';

function scenarios(): string[] {
  const dir = path.join(root, 'fixtures');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'election.json')))
    .filter((d) => readdirSync(path.join(dir, d.name)).some((f) => /^ballots.*\.csv$/u.test(f)))
    .map((d) => d.name)
    .sort();
}

function ballotFiles(name: string): string[] {
  return readdirSync(path.join(root, 'fixtures', name))
    .filter((f) => /^ballots.*\.csv$/u.test(f))
    .sort()
    .map((f) => `fixtures/${name}/${f}`);
}

function golden(name: string, file: string, actual: string): void {
  const p = path.join(root, 'fixtures', name, 'expected', file);
  if (update || !existsSync(p)) {
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, actual);
    if (!update) throw new Error(`golden ${p} was missing and has been written; review it and re-run`);
    return;
  }
  expect(actual).toBe(readFileSync(p, 'utf8'));
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(root);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe.each(scenarios())('fixtures/%s', (name) => {
  const files = ballotFiles(name);
  it('count (table)', async () => {
    const r = await run(['count', ...files]);
    golden(name, 'count.txt', `exit ${r.code}\n--- stdout\n${r.out}--- stderr\n${r.err}`);
  });
  it('count --format json', async () => {
    const r = await run(['count', ...files, '--format', 'json']);
    golden(name, 'count.json', r.code === 0 ? r.out : `exit ${r.code}\n${r.err}`);
  });
  it('count --format csv', async () => {
    const r = await run(['count', ...files, '--format', 'csv']);
    golden(name, 'count.csv', r.code === 0 ? r.out : `exit ${r.code}\n${r.err}`);
  });
  it('count --ballot-log', async () => {
    const tmp = path.join(root, 'fixtures', name, 'expected', '.ballot-log.tmp.csv');
    rmSync(tmp, { force: true });
    const r = await run(['count', ...files, '--format', 'json', '--ballot-log', tmp]);
    const log = existsSync(tmp) ? readFileSync(tmp, 'utf8') : `(no ballot log: exit ${r.code})\n`;
    rmSync(tmp, { force: true });
    golden(name, 'ballot-log.csv', log);
  });
});
