/**
 * The CLI as it ships (issue 17): `bin/jipiao.js`, run by its shebang, loads the esbuild bundle in
 * dist/bundle (built by `npm run build`, which `npm test` runs first) — not the modules under src/
 * that the other CLI tests import. Only the command that runs is registered, and exceljs, opencc-js and
 * @clack/prompts stay outside the bundle: every one of those paths is run here once and its output
 * compared with the golden files the in-process tests check.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'bin/jipiao.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-bin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run the shipped bin as a user's shell would (through its shebang), in the repo root, NO_COLOR set. */
function jipiao(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(bin, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const expected = (scenario: string, file: string): string => readFileSync(path.join(root, 'fixtures', scenario, 'expected', file), 'utf8');

const COMMANDS = ['init', 'count', 'disputes', 'roll', 'report', 'compare', 'batch', 'verify', 'live'];

describe('bin/jipiao.js (the bundle)', () => {
  it('starts node with its heap kept small and late optimisation (the shebang carries the flags)', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe(
      '#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=50 --interrupt-budget=500000',
    );
  });

  it('--help lists every command (all of them are registered for help)', () => {
    const r = jipiao('--help');
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.out).toMatch(new RegExp(`^  ${c} `, 'mu'));
  });

  it.each(COMMANDS)('%s --help (that command registered alone)', (c) => {
    const r = jipiao(c, '--help');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain(`用法: jipiao ${c}`);
  });

  it('a misspelt command is a usage error that suggests the right one', () => {
    const r = jipiao('cuont', 'x.csv');
    expect(r.code).toBe(2);
    expect(r.err).toContain('count');
  });

  it('count: the table and the JSON are the golden ones', () => {
    const table = jipiao('count', 'fixtures/demo/ballots.csv');
    expect(`exit ${table.code}\n--- stdout\n${table.out}--- stderr\n${table.err}`).toBe(expected('demo', 'count.txt'));
    expect(jipiao('count', 'fixtures/demo/ballots.csv', '--format', 'json').out).toBe(expected('demo', 'count.json'));
  });

  it('a name written in traditional characters loads opencc-js from outside the bundle', () => {
    const r = jipiao('count', 'fixtures/typed-names-roll/ballots.csv', '--format', 'json');
    expect(r.out).toContain('"why": "traditional"');
    expect(r.out).toBe(expected('typed-names-roll', 'count.json'));
  });

  it('count --format xlsx loads exceljs from outside the bundle', () => {
    const out = path.join(tmp, '计票结果.xlsx');
    const r = jipiao('count', 'fixtures/demo/ballots.csv', '--format', 'xlsx', '--out', out);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('report writes the sheets the in-process tests check', () => {
    const out = path.join(tmp, 'report');
    const r = jipiao('report', 'fixtures/demo/ballots.csv', '--out', out);
    expect(r.code).toBe(0);
    for (const f of readdirSync(path.join(root, 'fixtures/demo/expected/sheets')).filter((n) => n.endsWith('.txt')))
      expect(readFileSync(path.join(out, f), 'utf8')).toBe(expected('demo', `sheets/${f}`));
  });

  it('batch counts a district folder', () => {
    const out = path.join(tmp, 'district');
    const r = jipiao('batch', 'fixtures/district', '--out', out);
    expect(r.code).toBe(2); // fixtures/district holds a folder with a bad file on purpose
    expect(existsSync(path.join(out, '东风社区', 'result.json'))).toBe(true);
  });
});
