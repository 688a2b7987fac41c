/**
 * Appeals (issue 5): compare a published result with a re-count — a re-count that flips a seat, one that
 * changes counts but not the outcome, results of different elections — and the audit trail: identical
 * inputs give identical bytes, and a re-count from the boxes equals one from a single merged file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../cli/fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-appeal-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = fakeIo(root);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('jipiao compare', () => {
  it('published results are what the tool produces from the published ballots (fixtures are current)', async () => {
    for (const d of ['appeal-flip', 'appeal-same']) {
      for (const f of ['published', 'recount']) {
        const io = fakeIo(path.join(root, 'fixtures', d));
        expect(await main(['count', `${f}.csv`, '--format', 'json'], io)).toBe(0);
        expect(io.out()).toBe(readFileSync(path.join(root, 'fixtures', d, `${f}.json`), 'utf8'));
      }
    }
  });
  it('a re-count that flips a seat: exit 1 and a verdict naming the change', async () => {
    const r = await run(['compare', 'fixtures/appeal-flip/published.json', 'fixtures/appeal-flip/recount.json']);
    expect(r.code).toBe(1);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('当选结果改变: 不再当选 委员 赵六; 另行选举: 委员 1 名');
    expect(r.out).toMatch(/赵六 │ 委员 +│ +6 │ +5 │ -1/u);
  });
  it('a re-count that changes counts but not the outcome: exit 0, 当选结果不变, per-box differences', async () => {
    const r = await run(['compare', 'fixtures/appeal-same/published.json', 'fixtures/appeal-same/recount.json', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      verdict: string;
      outcomeChanged: boolean;
      ballots: { what: string; diff: number }[];
      boxes: { box: string; what: string; diff: number }[];
    };
    expect(j.verdict).toBe('当选结果不变');
    expect(j.outcomeChanged).toBe(false);
    expect(j.ballots.filter((b) => b.diff !== 0).map((b) => [b.what, b.diff])).toEqual([
      ['有效', -1],
      ['无效', 1],
    ]);
    expect(j.boxes).toEqual([
      { box: '二号箱', what: '有效', before: 5, after: 4, diff: -1 },
      { box: '二号箱', what: '无效', before: 0, after: 1, diff: 1 },
    ]);
  });
  it('results of different elections → exit 2', async () => {
    const r = await run(['compare', 'fixtures/appeal-flip/published.json', 'fixtures/demo/expected/count.json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误 \[COMPARE_DIFFERENT_ELECTION\] fixtures\/demo\/expected\/count.json 键 election.title: /u);
  });
  it('a file that is not a jipiao result → exit 2', async () => {
    const r = await run(['compare', 'fixtures/appeal-flip/published.json', 'fixtures/appeal-flip/election.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('[COMPARE_NOT_RESULT] fixtures/appeal-flip/election.json');
  });
});

describe('audit trail', () => {
  it('identical inputs → byte-identical JSON, with the SHA-256 of every input file', async () => {
    const a = await run(['count', 'fixtures/demo/ballots.csv', '--format', 'json']);
    const b = await run(['count', 'fixtures/demo/ballots.csv', '--format', 'json']);
    expect(a.out).toBe(b.out);
    const j = JSON.parse(a.out) as { inputs: { file: string; sha256: string; role: string }[] };
    expect(j.inputs.map((i) => i.role)).toEqual(['ballots', 'election', 'roll', 'rulings']);
    for (const i of j.inputs) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/u);
  });
  it('a re-count from the boxes equals one from a single merged file (all but the inputs list)', async () => {
    const lines = readFileSync(path.join(root, 'fixtures/demo/ballots.csv'), 'utf8').trimEnd().split('\n');
    const [head, ...rows] = lines;
    const box = (name: string) => rows.filter((r) => r.split(',')[1] === name);
    writeFileSync(path.join(tmp, 'box1.csv'), `${head}\n${box('中心会场').join('\n')}\n`);
    writeFileSync(path.join(tmp, 'box2.csv'), `${head}\n${box('流动票箱').reverse().join('\n')}\n`);
    const opts = [
      '--election',
      'fixtures/demo/election.json',
      '--roll',
      'fixtures/demo/voters.csv',
      '--rulings',
      'fixtures/demo/rulings.csv',
      '--format',
      'json',
    ];
    const merged = JSON.parse((await run(['count', 'fixtures/demo/ballots.csv', ...opts])).out) as Record<string, unknown>;
    const split = JSON.parse((await run(['count', path.join(tmp, 'box2.csv'), path.join(tmp, 'box1.csv'), ...opts])).out) as Record<
      string,
      unknown
    >;
    const strip = (j: Record<string, unknown>) => {
      const { inputs: _i, disputes, ...rest } = j;
      return { ...rest, disputes: (disputes as { file: string; line: number }[]).map(({ file: _f, line: _l, ...d }) => d) };
    };
    expect(strip(split)).toEqual(strip(merged));
  });
});
