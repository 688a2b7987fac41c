/**
 * Tally sheets (计票统计表, issue 16) as .xlsx: the same count as their CSV twin — JSON byte-identical but
 * for the input names and hashes, CSV and terminal identical — typed (numbers as numbers) or as text; alone,
 * and mixed with a ballots file; a copying error names the sheet, row and column letter.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../cli/fake-io.js';
import { writeXlsxTwin } from '../../helpers/xlsx-twin.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const TD = path.join(root, 'fixtures/tallies-demo');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-tallies-xlsx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(cwd);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** What may differ between twins: the .xlsx names and the hashes. */
const asCsv = (s: string): string => s.replace(/\.xlsx/gu, '.csv').replace(/"sha256": "[0-9a-f]{64}"/gu, '"sha256": "…"');

describe.each([
  ['typed', true],
  ['text', false],
] as const)('tally sheets as .xlsx (%s cells)', (kind, typed) => {
  const csvDir = path.join(tmp, `${kind}-csv`, 'e');
  const xlsxDir = path.join(tmp, `${kind}-xlsx`, 'e');
  beforeAll(async () => {
    for (const d of [csvDir, xlsxDir]) {
      mkdirSync(d, { recursive: true });
      for (const f of ['election.json', 'voters.csv']) copyFileSync(path.join(TD, f), path.join(d, f));
    }
    for (const f of ['计票统计表.csv', '计票统计表-中心会场.csv', '流动票箱.csv']) {
      copyFileSync(path.join(TD, f), path.join(csvDir, f));
      await writeXlsxTwin(path.join(TD, f), path.join(xlsxDir, f.replace(/\.csv$/u, '.xlsx')), { sheet: '统计', typed });
    }
  });
  const both = async (args: (ext: string) => string[]): Promise<[Awaited<ReturnType<typeof run>>, Awaited<ReturnType<typeof run>>]> => [
    await run(args('csv'), path.dirname(csvDir)),
    await run(args('xlsx'), path.dirname(xlsxDir)),
  ];

  it.each(['json', 'csv', 'table'])('the demo from the tally sheet alone (--format %s)', async (format) => {
    const [a, b] = await both((ext) => ['count', '--tallies', `e/计票统计表.${ext}`, '--format', format]);
    expect(b.err).toBe('');
    expect(b.code).toBe(0);
    expect(b.out).toContain(format === 'csv' ? '未提供,' : '计票统计表.xlsx');
    expect(asCsv(b.out)).toBe(asCsv(a.out));
  });

  it('mixed with a ballots file (.xlsx too): the same JSON as the CSV files', async () => {
    const [a, b] = await both((ext) => [
      'count',
      `e/流动票箱.${ext}`,
      '--rulings',
      path.join(root, 'fixtures/demo/rulings.csv'),
      '--tallies',
      `e/计票统计表-中心会场.${ext}`,
      '--format',
      'json',
    ]);
    expect([b.code, b.err]).toEqual([0, '']);
    expect(asCsv(b.out)).toBe(asCsv(a.out));
  });
});

describe('a copying error in an .xlsx tally sheet', () => {
  it('names the sheet, row and column letter (the CSV twin: the same line)', async () => {
    const d = path.join(tmp, 'bad');
    mkdirSync(d);
    await writeXlsxTwin(path.join(root, 'test/bad-inputs/tally-sum.csv'), path.join(d, 'tally-sum.xlsx'), { sheet: '统计', typed: true });
    const r = await run(
      ['count', '--tallies', 'bad/tally-sum.xlsx', '--election', path.join(TD, 'election.json'), '--roll', path.join(TD, 'voters.csv')],
      tmp,
    );
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      '错误 [TALLY_CLASSES_SUM] bad/tally-sum.xlsx 工作表「统计」第 2 行 「票数」列: 票箱「中心会场」有效 201 + 部分有效 2 + 无效 1 + 疑难 0 = 204, 不等于收回 240\n',
    );
  });
});
