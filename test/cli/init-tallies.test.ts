/**
 * `jipiao init` writes the empty 计票统计表 (issue 16): init → fill the tally template programmatically with
 * the demo's blackboard figures (fixtures/tallies-demo) → `count --tallies` → the demo's seats and votes.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-init-tallies-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], cwd = tmp): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(cwd);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const CANDIDATES = '职务,应选人数,候选人\n主任,1,张建国、李秀英\n副主任,1,王芳、赵磊\n委员,3,孙丽、周强、吴敏、郑伟\n';
const DEMO_FLAGS = ['--community', '银龙东苑社区', '--term', '九', '--date', '2026-12-20', '--issued', '325'];
const readCsv = (p: string): string[][] => parse(readFileSync(p), { bom: true }) as string[][];
/** The demo's blackboard figures: 票箱 → 职务 → 姓名 → [票数, 反对, 弃权]. */
const demoSheet = (): string[][] => readCsv(path.join(root, 'fixtures/tallies-demo/计票统计表.csv'));

/**
 * A clerk's way to fill the template: copy the template's block of rows once per box, fill each row from the
 * blackboard, and add the write-ins (not printed in the template) at the end of their box's block.
 */
function fill(template: readonly string[][]): string[][] {
  const [header = [], ...rows] = template;
  const placeholder = rows[0]?.[0] ?? '';
  const block = rows.filter((r) => r[0] === placeholder);
  const demo = demoSheet().slice(1);
  const boxes = [...new Set(demo.map((r) => r[0] ?? ''))];
  const out: string[][] = [header];
  for (const box of boxes) {
    const mine = demo.filter((r) => r[0] === box);
    const used = new Set<string[]>();
    for (const r of block) {
      const figures = mine.find((d) => d[1] === r[1] && d[2] === r[2]);
      if (!figures) throw new Error(`no figures for ${r.join(',')}`);
      used.add(figures);
      out.push([box, r[1] ?? '', r[2] ?? '', ...figures.slice(3)]);
    }
    out.push(...mine.filter((d) => !used.has(d))); // write-ins
  }
  return out;
}

/** The count JSON fields that say the outcome (the files and hashes differ by design). */
function outcome(json: string): unknown {
  const j = JSON.parse(json) as Record<string, unknown>;
  const offices = (j['offices'] as Record<string, unknown>[]).map(({ removed: _r, ...o }) => o);
  return {
    ...Object.fromEntries(
      ['ballots', 'validity', 'people', 'elected', 'revote', 'runoff', 'vacant', 'provisional', 'boxes'].map((k) => [k, j[k]]),
    ),
    offices,
  };
}

describe('jipiao init writes the empty 计票统计表', () => {
  const dir = path.join(tmp, 'e');
  beforeAll(async () => {
    writeFileSync(path.join(tmp, '候选人.csv'), CANDIDATES);
    const r = await run(['init', 'e', '--candidates', '候选人.csv', '--yes', ...DEMO_FLAGS]);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('  计票统计表.xlsx\n  计票统计表.csv\n');
    copyFileSync(path.join(root, 'fixtures/demo/voters.csv'), path.join(dir, 'voters.csv'));
  });

  it('the CSV: BOM, the header of count --tallies, per box the 选票 rows and every printed candidate', () => {
    const text = readFileSync(path.join(dir, '计票统计表.csv'), 'utf8');
    expect(text.startsWith('\uFEFF票箱,职务,姓名,票数,反对,弃权\n票箱1,选票,收回,,,\n')).toBe(true);
    const rows = readCsv(path.join(dir, '计票统计表.csv'));
    expect(rows).toHaveLength(1 + 6 + 8);
    expect(rows.slice(7).map((r) => `${r[1]}:${r[2]}`)).toEqual([
      '主任:张建国',
      '主任:李秀英',
      '副主任:王芳',
      '副主任:赵磊',
      '委员:孙丽',
      '委员:周强',
      '委员:吴敏',
      '委员:郑伟',
    ]);
  });

  it('the filled CSV counts to the demo: the same seats, votes, classes and 唱票 figures', async () => {
    writeFileSync(path.join(dir, '统计-已填.csv'), `\uFEFF${stringify(fill(readCsv(path.join(dir, '计票统计表.csv'))))}`);
    const got = await run(['count', '--tallies', 'e/统计-已填.csv', '--format', 'json']);
    expect(got.err).toBe('');
    expect(got.code).toBe(0);
    expect(outcome(got.out)).toEqual(outcome(readFileSync(path.join(root, 'fixtures/demo/expected/count.json'), 'utf8')));
  });

  it('the .xlsx: same rows as the CSV, header frozen, names as text, numbers only whole ≥ 0; filled, it counts to the demo', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, '计票统计表.xlsx'));
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(ws.name).toBe('计票统计表');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const cells = (r: number): string[] => Array.from({ length: 6 }, (_, c) => String(ws.getCell(r, c + 1).value ?? ''));
    const template = Array.from({ length: ws.rowCount }, (_, i) => cells(i + 1));
    expect(template).toEqual(readCsv(path.join(dir, '计票统计表.csv')));
    expect(ws.getColumn(3).numFmt).toBe('@');
    expect(ws.getCell(2, 4).dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual' });
    const filled = fill(template);
    filled.forEach((row, i) =>
      row.forEach((v, c) => (ws.getCell(i + 1, c + 1).value = i > 0 && c >= 3 && v !== '' ? Number(v) : v === '' ? null : v)),
    );
    await wb.xlsx.writeFile(path.join(dir, '统计-已填.xlsx'));
    const got = await run(['count', '--tallies', 'e/统计-已填.xlsx', '--format', 'json']);
    expect(got.err).toBe('');
    expect(outcome(got.out)).toEqual(outcome(readFileSync(path.join(root, 'fixtures/demo/expected/count.json'), 'utf8')));
  });

  it('a filled tally sheet is never overwritten without --force (nothing is written)', async () => {
    const other = path.join(tmp, 'f');
    expect((await run(['init', 'f', '--candidates', '候选人.csv', '--yes'])).code).toBe(0);
    rmSync(path.join(other, 'election.json'));
    writeFileSync(path.join(other, '计票统计表.csv'), '已填写');
    const r = await run(['init', 'f', '--candidates', '候选人.csv', '--yes']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误 \[INIT_WOULD_OVERWRITE\] f: 已存在 .*计票统计表\.csv/u);
    expect(readFileSync(path.join(other, '计票统计表.csv'), 'utf8')).toBe('已填写');
    expect((await run(['init', 'f', '--candidates', '候选人.csv', '--yes', '--force'])).code).toBe(0);
    expect(readFileSync(path.join(other, '计票统计表.csv'), 'utf8')).toContain('票箱1,选票,收回');
  });

  it('election.json `boxes` name the template boxes', async () => {
    const { tallyTemplateBoxes } = await import('../../src/adapters/setup/templates.js');
    const { parseElection } = await import('../../src/adapters/input/election.js');
    const doc = JSON.parse(readFileSync(path.join(dir, 'election.json'), 'utf8')) as Record<string, unknown>;
    const plain = parseElection(JSON.stringify(doc), 'election.json');
    const boxed = parseElection(
      JSON.stringify({
        ...doc,
        boxes: [
          { name: '中心会场', issued: 210 },
          { name: '流动票箱', issued: 115 },
        ],
      }),
      'election.json',
    );
    if (!plain.ok || !boxed.ok) throw new Error('election.json not read');
    expect(tallyTemplateBoxes(boxed.value)).toEqual(['中心会场', '流动票箱']);
    expect(tallyTemplateBoxes(plain.value)).toEqual(['票箱1']);
  });
});
