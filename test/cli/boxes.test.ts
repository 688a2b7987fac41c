/**
 * Per-box issued ballots (election.json `boxes`, issue 15): 收回 ≤ 发出 checked per box and shown; an
 * excess is a warning (第三十七条 compares the whole election), never an invalid election on its own.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-boxes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The demo (中心会场 204 returned, 流动票箱 114) with `boxes` added. */
function demoWith(name: string, boxes: unknown): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir);
  for (const f of ['ballots.csv', 'voters.csv', 'rulings.csv']) copyFileSync(path.join(root, 'fixtures/demo', f), path.join(dir, f));
  const e = JSON.parse(readFileSync(path.join(root, 'fixtures/demo/election.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(dir, 'election.json'), JSON.stringify({ ...e, boxes }));
  return path.join(dir, 'ballots.csv');
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(tmp);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('election.json boxes', () => {
  it('within their issue: 发出 shown per box, no warning, JSON carries issued', async () => {
    const f = demoWith('ok', [
      { name: '中心会场', issued: 210 },
      { name: '流动票箱', issued: 115 },
    ]);
    const t = await run(['count', f]);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/│ 票箱 +│ 发出 │ 收回 │/u);
    expect(t.out).toMatch(/│ 流动票箱 │ +115 │ +114 │/u);
    expect(t.out).not.toContain('多于该票箱发出');
    const j = JSON.parse((await run(['count', f, '--format', 'json'])).out) as {
      boxes: { box: string; issued?: number }[];
      warnings: string[];
    };
    expect(j.boxes.map((b) => [b.box, b.issued])).toEqual([
      ['中心会场', 210],
      ['流动票箱', 115],
    ]);
  });

  it('a box over its issue: marked ✗, a warning, the election still valid', async () => {
    const f = demoWith('over', [
      { name: '中心会场', issued: 215 },
      { name: '流动票箱', issued: 110 },
    ]);
    const t = await run(['count', f]);
    expect(t.out).toMatch(/│ 流动票箱 │ +110 │ ✗ 114 │/u);
    expect(t.out).toContain('票箱「流动票箱」收回 114 张, 多于该票箱发出的 110 张');
    const j = JSON.parse((await run(['count', f, '--format', 'json'])).out) as { validity: { valid: boolean }; warnings: string[] };
    expect(j.validity.valid).toBe(true);
    expect(j.warnings.some((w) => w.startsWith('票箱「流动票箱」收回 114 张'))).toBe(true);
  });

  it('a listed box without ballots is named; boxes issued over the whole is an error', async () => {
    const f = demoWith('missing', [
      { name: '中心会场', issued: 210 },
      { name: '流动票箱二', issued: 100 },
    ]);
    expect((await run(['count', f])).out).toContain('election.json 列出的票箱「流动票箱二」没有任何选票');
    const g = demoWith('sum', [
      { name: '中心会场', issued: 300 },
      { name: '流动票箱', issued: 100 },
    ]);
    const r = await run(['count', g]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('[ELECTION_INVALID] sum/election.json 键 boxes: 各票箱发出选票合计 400 张, 多于 issued 325 张');
  });
});
