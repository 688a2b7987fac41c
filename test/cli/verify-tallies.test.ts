/**
 * CLI goldens of issue 16 (NO_COLOR=1, via `main()`): `jipiao verify` on fixtures/double-entry (a pair with
 * differences, and the corrected pair), `count --verify-with`, and `count --tallies` on
 * fixtures/tallies-demo (the demo election from a tally sheet alone, and mixed with a ballots file).
 * Regenerate with `UPDATE_GOLDEN=1`, then review the diff by hand.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const DE = 'fixtures/double-entry';
const TD = 'fixtures/tallies-demo';
const FIRST = `${DE}/第一次录入.csv`;
const SECOND = `${DE}/第二次录入.csv`;
const FIXED = `${DE}/第二次录入-更正后.csv`;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(root);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

function golden(file: string, actual: string): void {
  const p = path.join(root, file);
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(p)) {
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, actual);
    if (process.env['UPDATE_GOLDEN'] !== '1') throw new Error(`golden ${p} was missing and has been written; review it and re-run`);
    return;
  }
  expect(actual).toBe(readFileSync(p, 'utf8'));
}

const shown = (r: { code: number; out: string; err: string }): string => `exit ${r.code}\n--- stdout\n${r.out}--- stderr\n${r.err}`;

describe('jipiao verify', () => {
  it.each(['text', 'csv', 'json'])('a pair with differences (--format %s): exit 1, every difference listed', async (format) => {
    const r = await run(['verify', FIRST, SECOND, '--format', format]);
    expect(r.code).toBe(1);
    golden(`${DE}/expected/verify.${format === 'text' ? 'txt' : format}`, format === 'text' ? shown(r) : r.out);
  });

  it('the corrected pair agrees: exit 0, the number of ballots that agree', async () => {
    const r = await run(['verify', FIRST, FIXED]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('两次录入完全一致 (20 张)');
  });

  it('a folder of box files is one side; bad input is exit 2 with one line per error', async () => {
    const folder = await run(['verify', FIRST, DE, '--format', 'json']);
    expect(folder.code).toBe(2); // the folder holds the first entry too: every 票号 twice
    expect(folder.err).toContain('错误 [BALLOT_DUPLICATE_TICKET]');
    const missing = await run(['verify', FIRST, `${DE}/没有这个文件.csv`]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^错误 \[FILE_NOT_FOUND\] fixtures\/double-entry\/没有这个文件.csv/u);
    const other = await run(['verify', FIRST, SECOND, '--election', 'fixtures/case-classes/election.json']);
    expect(other.code).toBe(2);
  });
});

describe('jipiao verify with folders', () => {
  it('each side a folder of box files (election.json inside the first): split differently, they still agree', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jipiao-verify-'));
    try {
      const [head1, ...rows1] = readFileSync(path.join(root, FIRST), 'utf8').trimEnd().split('\n');
      const [head2, ...rows2] = readFileSync(path.join(root, FIXED), 'utf8').trimEnd().split('\n');
      mkdirSync(path.join(dir, 'a'));
      mkdirSync(path.join(dir, 'b'));
      copyFileSync(path.join(root, DE, 'election.json'), path.join(dir, 'a', 'election.json'));
      writeFileSync(path.join(dir, 'a', '1.csv'), [head1, ...rows1.slice(0, 7)].join('\n'));
      writeFileSync(path.join(dir, 'a', '2.csv'), [head1, ...rows1.slice(7)].join('\n'));
      writeFileSync(path.join(dir, 'b', 'x.csv'), [head2, ...rows2.slice(0, 12)].join('\n'));
      writeFileSync(path.join(dir, 'b', 'y.csv'), [head2, ...rows2.slice(12)].join('\n'));
      const r = await run(['verify', path.join(dir, 'a'), path.join(dir, 'b'), '--format', 'json']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const j = JSON.parse(r.out) as { agree: boolean; same: number; first: { files: string[] } };
      expect([j.agree, j.same, j.first.files.length]).toEqual([true, 20, 2]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('jipiao count --verify-with', () => {
  it('differences: nothing counted, the differences printed, exit 1', async () => {
    const r = await run(['count', FIRST, '--verify-with', SECOND]);
    expect(r.code).toBe(1);
    golden(`${DE}/expected/count-verify-with.txt`, shown(r));
  });

  it('agreeing entries are counted; the JSON records both entries and their hashes as verified', async () => {
    const r = await run(['count', FIRST, '--verify-with', FIXED, '--format', 'json']);
    expect(r.code).toBe(0);
    golden(`${DE}/expected/count-verified.json`, r.out);
    const j = JSON.parse(r.out) as {
      schema: string;
      inputs: { role: string }[];
      verification: { verified: boolean; ballots: number; first: { sha256: string }[]; second: { sha256: string }[] };
    };
    expect(j.schema).toBe('jipiao.result/1');
    expect(j.verification.verified).toBe(true);
    expect(j.verification.ballots).toBe(20);
    expect(j.verification.first[0]?.sha256).toMatch(/^[0-9a-f]{64}$/u);
    expect(j.verification.second[0]?.sha256).not.toBe(j.verification.first[0]?.sha256);
    expect(j.inputs.map((i) => i.role)).toEqual(['ballots', 'election', 'second-entry']);
  });
});

/** A tally count's CSV without its 未提供 rows (the gaps a tally cannot give; the rest is the demo's CSV). */
const withoutGaps = (csv: string): string => csv.replace(/^未提供,.*\n/gmu, '');

describe('jipiao count --tallies', () => {
  it('--format csv lists what the tally cannot give, as terminal and JSON do (one 未提供 row each, rectangular)', async () => {
    const r = await run(['count', '--tallies', `${TD}/计票统计表.csv`, '--format', 'csv']);
    const json = JSON.parse((await run(['count', '--tallies', `${TD}/计票统计表.csv`, '--format', 'json'])).out) as {
      tallied: { unavailable: { text: string }[] };
    };
    const gaps = r.out.split('\n').filter((l) => l.startsWith('未提供,'));
    expect(gaps.length).toBe(json.tallied.unavailable.length);
    expect(gaps.length).toBeGreaterThan(0);
    gaps.forEach((l, i) => expect(l.split(',')[1]).toContain(json.tallied.unavailable[i]?.text));
    const widths = new Set(
      r.out
        .trimEnd()
        .split('\n')
        .map((l) => l.split(',').length),
    );
    expect([...widths]).toEqual([13]);
  });

  const demo = (name: string): string => readFileSync(path.join(root, 'fixtures/demo/expected', name), 'utf8');

  it.each(['table', 'json', 'csv'])('the demo election from its tally sheet (--format %s)', async (format) => {
    const r = await run(['count', '--tallies', `${TD}/计票统计表.csv`, '--format', format]);
    expect(r.code).toBe(0);
    golden(`${TD}/expected/count.${format === 'table' ? 'txt' : format}`, format === 'table' ? shown(r) : r.out);
  });

  it('reproduces the demo: the same seats, votes, classes and 唱票 figures as counting its ballots', async () => {
    const a = JSON.parse((await run(['count', '--tallies', `${TD}/计票统计表.csv`, '--format', 'json'])).out) as Record<string, unknown>;
    const b = JSON.parse(demo('count.json')) as Record<string, unknown>;
    for (const k of ['ballots', 'validity', 'people', 'elected', 'revote', 'runoff', 'vacant', 'provisional', 'boxes'])
      expect([k, a[k]]).toEqual([k, b[k]]);
    const offices = (x: Record<string, unknown>) => (x['offices'] as Record<string, unknown>[]).map(({ removed: _r, ...o }) => o);
    expect(offices(a)).toEqual(offices(b));
    expect(withoutGaps((await run(['count', '--tallies', `${TD}/计票统计表.csv`, '--format', 'csv'])).out)).toBe(demo('count.csv'));
  });

  it('mixed: one box from its ballots file, the other from a tally sheet, gives the demo result', async () => {
    const args = ['count', `${TD}/流动票箱.csv`, '--rulings', 'fixtures/demo/rulings.csv', '--tallies', `${TD}/计票统计表-中心会场.csv`];
    const r = await run(args);
    expect(r.code).toBe(0);
    golden(`${TD}/expected/mixed.txt`, shown(r));
    const csv = (await run([...args, '--format', 'csv'])).out;
    expect(withoutGaps(csv)).toBe(demo('count.csv'));
    // Only the tally box lacks per-ballot facts: the ballots file's box is in no 未提供 row.
    expect(
      csv
        .split('\n')
        .filter((l) => l.startsWith('未提供,'))
        .map((l) => l.split(',')[1]),
    ).toEqual([
      '逐票记录 (--ballot-log 只含选票文件中的选票): 中心会场',
      '无效、部分有效选票的原因统计: 中心会场',
      '只计高职务去掉的票数 (唱票统计中不含这些票箱): 中心会场',
    ]);
  });

  it('--ballot-log with a tally: only the ballots of the ballot files are logged', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jipiao-tally-log-'));
    try {
      const log = path.join(dir, 'log.csv');
      const r = await run([
        'count',
        `${TD}/流动票箱.csv`,
        '--rulings',
        'fixtures/demo/rulings.csv',
        '--tallies',
        `${TD}/计票统计表-中心会场.csv`,
        '--ballot-log',
        log,
      ]);
      expect(r.code).toBe(0);
      const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(1 + 114);
      expect(lines.slice(1).every((l) => l.includes(',流动票箱,'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a copying error is exit 2 with one Chinese line naming the file, line and column', async () => {
    const r = await run([
      'count',
      '--tallies',
      'test/bad-inputs/tally-sum.csv',
      '--election',
      `${TD}/election.json`,
      '--roll',
      `${TD}/voters.csv`,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      '错误 [TALLY_CLASSES_SUM] test/bad-inputs/tally-sum.csv 第 2 行 「票数」列: 票箱「中心会场」有效 201 + 部分有效 2 + 无效 1 + 疑难 0 = 204, 不等于收回 240\n',
    );
  });
});
