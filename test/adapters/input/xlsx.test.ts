/**
 * .xlsx input (issue 15): cells as displayed text, the same rows as the CSV export, the same count
 * JSON as the CSV twins (except the input file names and hashes), errors named by sheet, row and
 * column letter, the first sheet or --sheet.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvAll } from '../../../src/adapters/input/csv.js';
import { cellText, formatNumber } from '../../../src/adapters/input/xlsx-text.js';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../cli/fake-io.js';
import { writeXlsxTwin } from '../../helpers/xlsx-twin.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-xlsx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], cwd = root): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(cwd);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** The count JSON with the input files' names and hashes taken out (what may differ between twins). */
function withoutInputNames(json: string, names: readonly (readonly [string, string])[]): string {
  let s = json;
  for (const [from, to] of names) s = s.split(from).join(to);
  return s.replace(/"sha256": "[0-9a-f]{64}"/gu, '"sha256": "…"');
}

describe('cell text as Excel displays it', () => {
  it.each([
    [1, undefined, '1'],
    [1, 'General', '1'],
    [1, '000000', '000001'],
    [1.5, '0.00', '1.50'],
    [0.1 + 0.2, undefined, '0.3'],
    [1234567, '#,##0', '1,234,567'],
    [0.25, '0%', '25%'],
    [-3, '0', '-3'],
    [12345678901234, '@', '12345678901234'],
  ] as const)('%s formatted %s → %s', (n, fmt, text) => expect(formatNumber(n, fmt)).toBe(text));

  it('dates, formulas, rich text, booleans, errors', () => {
    expect(cellText(new Date(Date.UTC(1968, 2, 2)), 'yyyy-mm-dd')).toBe('1968-03-02');
    expect(cellText(new Date(Date.UTC(2026, 11, 20, 8, 30)), 'yyyy-mm-dd hh:mm')).toBe('2026-12-20 08:30:00');
    expect(cellText({ formula: 'A1+1', result: 2 }, '000')).toBe('002');
    expect(cellText({ richText: [{ text: '张' }, { text: '建国' }] }, undefined)).toBe('张建国');
    expect(cellText(true, undefined)).toBe('TRUE');
    expect(cellText({ error: '#N/A' }, undefined)).toBe('#N/A');
    expect(cellText(null, '000')).toBe('');
  });
});

/** fixtures/demo-xlsx: the demo election with ballots, roll and rulings as typed .xlsx workbooks. */
const TWIN_DIR = path.join(root, 'fixtures', 'demo-xlsx');
const TWINS = [
  ['ballots.csv', 'ballots.xlsx', '票箱1'],
  ['voters.csv', 'voters.xlsx', '选民名单'],
  ['rulings.csv', 'rulings.xlsx', '认定'],
] as const;

describe('fixtures/demo-xlsx: .xlsx twins of ballots, roll and rulings', () => {
  it('the committed twins exist (regenerate with UPDATE_GOLDEN=1)', async () => {
    if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(path.join(TWIN_DIR, 'ballots.xlsx'))) {
      mkdirSync(TWIN_DIR, { recursive: true });
      copyFileSync(path.join(root, 'fixtures/demo/election.json'), path.join(TWIN_DIR, 'election.json'));
      for (const [csv, xlsx, sheet] of TWINS)
        await writeXlsxTwin(path.join(root, 'fixtures/demo', csv), path.join(TWIN_DIR, xlsx), { sheet, typed: true });
    }
    for (const [, xlsx] of TWINS) expect(existsSync(path.join(TWIN_DIR, xlsx))).toBe(true);
  });

  it.each(TWINS)('%s and %s give the same rows (票号 zeros kept, dates as dates, no 1.0)', async (csv, xlsx) => {
    const a = await readCsvAll(path.join(root, 'fixtures/demo', csv), csv);
    const b = await readCsvAll(path.join(TWIN_DIR, xlsx), csv);
    if (!a.ok || !b.ok) throw new Error('unreadable');
    expect(b.value).toEqual(a.value);
  });

  it('count --format json: byte-identical but for the input names and hashes', async () => {
    const csv = await run(['count', 'fixtures/demo/ballots.csv', '--format', 'json']);
    const xlsx = await run(['count', 'fixtures/demo-xlsx/ballots.xlsx', '--format', 'json']);
    expect(xlsx.err).toBe('');
    expect(xlsx.code).toBe(csv.code);
    const names = [['fixtures/demo-xlsx/', 'fixtures/demo/'], ...TWINS.map(([c, x]) => [x, c] as const)] as const;
    expect(xlsx.out).toContain('"file": "fixtures/demo-xlsx/ballots.xlsx"');
    expect(withoutInputNames(xlsx.out, names)).toBe(withoutInputNames(csv.out, []));
  });
});

/** Every golden scenario, its ballots, roll and rulings written as plain (text) .xlsx in a temp folder. */
function scenarios(): string[] {
  const dir = path.join(root, 'fixtures');
  return readdirSync(dir)
    .filter(
      (d) => existsSync(path.join(dir, d, 'election.json')) && readdirSync(path.join(dir, d)).some((f) => /^ballots.*\.csv$/u.test(f)),
    )
    .sort();
}

describe.each(scenarios())('fixtures/%s as .xlsx', (name) => {
  it('the same count JSON as the CSV files', async () => {
    const src = path.join(root, 'fixtures', name);
    const dst = path.join(tmp, name);
    mkdirSync(dst, { recursive: true });
    copyFileSync(path.join(src, 'election.json'), path.join(dst, 'election.json'));
    const csvs = readdirSync(src).filter((f) => /^(ballots.*|voters|rulings)\.csv$/u.test(f));
    for (const f of csvs)
      await writeXlsxTwin(path.join(src, f), path.join(dst, f.replace(/\.csv$/u, '.xlsx')), { sheet: 'Sheet1', typed: false });
    const ballots = csvs.filter((f) => f.startsWith('ballots')).sort();
    const a = await run(['count', ...ballots.map((f) => `fixtures/${name}/${f}`), '--format', 'json']);
    const b = await run(['count', ...ballots.map((f) => `${name}/${f.replace(/\.csv$/u, '.xlsx')}`), '--format', 'json'], tmp);
    const names = [[`"${name}/`, `"fixtures/${name}/`], ...csvs.map((f) => [f.replace(/\.csv$/u, '.xlsx'), f] as const)] as const;
    expect(b.code, `.xlsx twin of ${name}: ${b.err}`).toBe(a.code);
    expect(withoutInputNames(b.out, names)).toBe(withoutInputNames(a.out, []));
    // Errors name the .xlsx (tmp-relative) with its sheet; said of the CSV, they are the same line.
    const errAsCsv = b.err
      .replaceAll(`${name}/`, `fixtures/${name}/`)
      .replace(/\.xlsx/gu, '.csv')
      .replace(/ 工作表「Sheet1」/gu, ' ');
    const letterToNumber = (l: string): number => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    expect(errAsCsv.replace(/ +(?=第 )/gu, ' ').replace(/ ([A-Z]{1,3}) 列/gu, (_, l: string) => ` 第 ${letterToNumber(l)} 列`)).toBe(a.err);
  });
});

describe('.xlsx errors and sheets', () => {
  const book = path.join(tmp, 'errors', 'ballots.xlsx');
  it('an error is named by sheet, row and column letter', async () => {
    mkdirSync(path.dirname(book), { recursive: true });
    copyFileSync(path.join(root, 'fixtures/demo/election.json'), path.join(path.dirname(book), 'election.json'));
    copyFileSync(path.join(root, 'fixtures/demo/voters.csv'), path.join(path.dirname(book), 'voters.csv'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('票箱1');
    ws.addRow(['票号', '主任:张建国', '主任:李秀英', '副主任:王芳', '副主任:赵磊', '委员:孙丽', '委员:周强', '委员:吴敏', '委员:郑伟']);
    ws.addRow(['0001', '○', '', '○', '', '○', '○', '○', '']);
    ws.addRow(['0001', '', '○', '', '○', '○', '○', '', '○']);
    await wb.xlsx.writeFile(book);
    const c = await run(['count', 'errors/ballots.xlsx'], tmp);
    expect(c.code).toBe(2);
    expect(c.err).toContain('错误 [BALLOT_DUPLICATE_TICKET] errors/ballots.xlsx 工作表「票箱1」第 3 行 A 列:');
  });

  it('--sheet picks a sheet by name; an unknown name lists the sheets', async () => {
    const ok = await run(['count', 'fixtures/demo-xlsx/ballots.xlsx', '--sheet', '票箱1', '--format', 'json']);
    expect(ok.code).toBe(0);
    const bad = await run(['count', 'fixtures/demo-xlsx/ballots.xlsx', '--sheet', '票箱9']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      '错误 [XLSX_SHEET_NOT_FOUND] fixtures/demo-xlsx/ballots.xlsx: 没有名为「票箱9」的工作表; 工作簿中有 「票箱1」「说明」\n',
    );
  });

  it('a file that is not a workbook', async () => {
    const fake = path.join(tmp, 'errors', 'fake.xlsx');
    copyFileSync(path.join(root, 'fixtures/demo/ballots.csv'), fake);
    const r = await run(['count', 'errors/fake.xlsx', '--election', 'errors/election.json'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误 \[XLSX_UNREADABLE\] errors\/fake\.xlsx: 无法读取这个 \.xlsx 文件/u);
  });
});
