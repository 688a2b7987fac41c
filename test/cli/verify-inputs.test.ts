/**
 * `jipiao verify` inputs (issue 16 with issue 13's rule): .xlsx sides in either layout give the CSV pair's
 * result; a folder of box files (.csv and .xlsx mixed) is one side and the set-up files beside them are not
 * ballots; every input is read once and its SHA-256 is of the bytes compared — a file replaced after it was
 * read changes neither the result nor the hash.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { renderVerify, runVerify } from '../../src/cli/verify.js';
import { writeXlsxTwin } from '../helpers/xlsx-twin.js';
import { fakeIo } from './fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const DE = path.join(root, 'fixtures/double-entry');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-verify-inputs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(tmp);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
/** The verify JSON without file names and hashes (they differ between a CSV and its .xlsx twin by design). */
const meaning = (json: string): unknown =>
  JSON.parse(json.replace(/"(file|sha256)": "[^"]*"/gu, '"$1": "…"').replace(/"files": \[[^\]]*\]/gu, '"files": []'));

beforeAll(async () => {
  copyFileSync(path.join(DE, 'election.json'), path.join(tmp, 'election.json'));
  for (const n of ['第一次录入', '第二次录入', '第二次录入-更正后']) {
    copyFileSync(path.join(DE, `${n}.csv`), path.join(tmp, `${n}.csv`));
    await writeXlsxTwin(path.join(DE, `${n}.csv`), path.join(tmp, `${n}.xlsx`), { sheet: '选票', typed: true });
  }
});

describe('verify with .xlsx sides', () => {
  it.each([
    ['both .xlsx (first grid layout, second names layout)', '第一次录入.xlsx', '第二次录入.xlsx'],
    ['.xlsx against CSV', '第一次录入.xlsx', '第二次录入.csv'],
    ['CSV against .xlsx', '第一次录入.csv', '第二次录入.xlsx'],
  ])('%s: the same differences, lines and counts as the CSV pair', async (_, a, b) => {
    const csv = await run(['verify', '第一次录入.csv', '第二次录入.csv', '--format', 'json']);
    const xlsx = await run(['verify', a, b, '--format', 'json']);
    expect(xlsx.err).toBe('');
    expect(xlsx.code).toBe(1);
    expect(meaning(xlsx.out)).toEqual(meaning(csv.out));
    expect((JSON.parse(xlsx.out) as { differ: number }).differ).toBe(4);
  });

  it('the corrected .xlsx pair agrees (exit 0)', async () => {
    const r = await run(['verify', '第一次录入.xlsx', '第二次录入-更正后.xlsx']);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('两次录入完全一致 (20 张)');
  });
});

describe('verify with a folder of box files on each side', () => {
  const rows = (n: string): [string, string[]] => {
    const [head = '', ...body] = readFileSync(path.join(DE, `${n}.csv`), 'utf8')
      .trimEnd()
      .split('\n');
    return [head, body];
  };
  beforeAll(async () => {
    for (const side of ['a', 'b']) mkdirSync(path.join(tmp, side));
    copyFileSync(path.join(DE, 'election.json'), path.join(tmp, 'a', 'election.json'));
    const [h1, r1] = rows('第一次录入');
    writeFileSync(path.join(tmp, 'a', '1.csv'), [h1, ...r1.slice(0, 9)].join('\n'));
    writeFileSync(path.join(tmp, 'a', '2.csv'), [h1, ...r1.slice(9)].join('\n'));
    await writeXlsxTwin(path.join(tmp, 'a', '2.csv'), path.join(tmp, 'a', '2.xlsx'), { sheet: '选票', typed: true });
    rmSync(path.join(tmp, 'a', '2.csv'));
    const [h2, r2] = rows('第二次录入-更正后');
    writeFileSync(path.join(tmp, 'b', 'x.csv'), [h2, ...r2.slice(0, 4)].join('\n'));
    await writeXlsxTwin(path.join(tmp, 'b', 'x.csv'), path.join(tmp, 'b', 'x.xlsx'), { sheet: '选票', typed: false });
    rmSync(path.join(tmp, 'b', 'x.csv'));
    writeFileSync(path.join(tmp, 'b', 'y.csv'), [h2, ...r2.slice(4)].join('\n'));
    // What `jipiao init` and the clerks leave beside the box files: not ballots.
    for (const f of [
      'voters.xlsx',
      'rulings.csv',
      '选票模板-表格式.xlsx',
      '选票模板-名单式.csv',
      '计票统计表.csv',
      '计票统计表.xlsx',
      '~$x.xlsx',
    ])
      writeFileSync(path.join(tmp, 'b', f), 'x');
  });

  it('each side a folder (.csv and .xlsx mixed, split differently): they agree, every box file read once', async () => {
    const r = await run(['verify', 'a', 'b', '--format', 'json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      agree: boolean;
      same: number;
      first: { files: string[] };
      second: { files: string[] };
      inputs: { file: string; sha256: string }[];
    };
    expect([j.agree, j.same]).toEqual([true, 20]);
    expect(j.first.files).toEqual(['a/1.csv', 'a/2.xlsx']);
    expect(j.second.files).toEqual(['b/x.xlsx', 'b/y.csv']);
    expect(j.inputs.map((i) => [i.file, i.sha256])).toEqual(
      ['a/1.csv', 'a/2.xlsx', 'b/x.xlsx', 'b/y.csv', 'a/election.json'].map((f) => [f, sha(path.join(tmp, f))]),
    );
  });

  it('a folder with no box files is one line, exit 2', async () => {
    mkdirSync(path.join(tmp, 'empty'));
    writeFileSync(path.join(tmp, 'empty', '计票统计表.csv'), 'x');
    const r = await run(['verify', 'a', 'empty']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('错误 [VERIFY_EMPTY_FOLDER] empty: 文件夹中没有选票文件 (.csv 或 .xlsx)\n');
  });
});

describe('verify reads each input once (issue 13)', () => {
  it.each(['csv', 'xlsx'])('a .%s entry replaced after it was read: the result and the hash are of the bytes compared', async (ext) => {
    const d = path.join(tmp, `once-${ext}`);
    mkdirSync(d);
    copyFileSync(path.join(DE, 'election.json'), path.join(d, 'election.json'));
    for (const n of ['第一次录入', '第二次录入', '第二次录入-更正后'])
      copyFileSync(path.join(tmp, `${n}.${ext}`), path.join(d, `${n}.${ext}`));
    const first = path.join(d, `第一次录入.${ext}`);
    const original = { first: sha(first), election: sha(path.join(d, 'election.json')) };
    const replaced: string[] = [];
    const r = await runVerify(
      [first],
      [path.join(d, `第二次录入.${ext}`)],
      {
        onRead: (f) => {
          if (f !== first) return;
          // The first entry becomes the (agreeing) corrected second entry, and election.json another file.
          copyFileSync(path.join(d, `第二次录入-更正后.${ext}`), first);
          writeFileSync(path.join(d, 'election.json'), '{}');
          replaced.push(f);
        },
      },
      tmp,
    );
    expect(replaced).toEqual([first]);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.inputs.map((i) => [i.role, i.sha256])).toEqual([
      ['ballots', original.first],
      ['second-entry', sha(path.join(d, `第二次录入.${ext}`))],
      ['election', original.election],
    ]);
    // Compared as read: the differences of the original pair, not agreement with the file now on disk.
    expect(JSON.parse(renderVerify(r.value, 'json'))).toMatchObject({ agree: false, differ: 4, onlyFirst: 1, onlySecond: 1 });
  });
});

describe('count --verify-with counts what was verified', () => {
  it('a first entry or election.json whose bytes changed after the verification is an error naming the file', async () => {
    const { changedSinceVerified } = await import('../../src/cli/verify.js');
    const verified = [
      { role: 'ballots', file: 'a.csv', sha256: '1' },
      { role: 'second-entry', file: 'b.csv', sha256: '2' },
      { role: 'election', file: 'election.json', sha256: '3' },
    ] as const;
    expect(
      changedSinceVerified(verified, [
        { role: 'ballots', file: 'a.csv', sha256: '1' },
        { role: 'election', file: 'election.json', sha256: '3' },
        { role: 'roll', file: 'voters.csv', sha256: '9' },
      ]),
    ).toEqual([]);
    const changed = changedSinceVerified(verified, [
      { role: 'ballots', file: 'a.csv', sha256: 'x' },
      { role: 'election', file: 'election.json', sha256: 'y' },
    ]);
    expect(changed.map((e) => [e.code, e.file])).toEqual([
      ['VERIFY_FILE_CHANGED', 'a.csv'],
      ['VERIFY_FILE_CHANGED', 'election.json'],
    ]);
  });

  it('unchanged files: counted, and the verified hashes are the counted ones', async () => {
    const r = await run(['count', '第一次录入.xlsx', '--verify-with', '第二次录入-更正后.csv', '--format', 'json']);
    expect([r.code, r.err]).toEqual([0, '']);
    const j = JSON.parse(r.out) as { inputs: { role: string; sha256: string }[]; verification: { first: { sha256: string }[] } };
    expect(j.verification.first[0]?.sha256).toBe(j.inputs.find((i) => i.role === 'ballots')?.sha256);
    expect(j.verification.first[0]?.sha256).toBe(sha(path.join(tmp, '第一次录入.xlsx')));
  });
});
