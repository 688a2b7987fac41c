/**
 * `jipiao init` (issue 15): from a 候选人 sheet to a working election in one command. Done when: init →
 * fill the generated templates programmatically → count → the same result as the hand-written demo.
 */
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { type Prompter, askSetup } from '../../src/adapters/setup/questions.js';
import { main } from '../../src/cli/main.js';
import { competitiveErrors, officesFromRows, templateHeader } from '../../src/core/index.js';
import { fakeIo } from './fake-io.js';
import { writeXlsxTwin } from '../helpers/xlsx-twin.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-init-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], cwd = tmp): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(cwd);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const CANDIDATES = '职务,应选人数,候选人\n主任,1,张建国\n,,李秀英\n副主任,1,王芳、赵磊\n委员,3,孙丽\n委员,,周强\n委员,,吴敏\n委员,,郑伟\n';
const DEMO_FLAGS = ['--community', '银龙东苑社区', '--term', '九', '--date', '2026-12-20', '--issued', '325'];

const demoRows = (): string[][] => parse(readFileSync(path.join(root, 'fixtures/demo/ballots.csv')), { bom: true }) as string[][];

/** The demo's ballots put under a template's header (by column name; the template may have more columns). */
function rowsForHeader(header: readonly string[]): string[][] {
  const [demoHeader = [], ...body] = demoRows();
  return body.map((r) => header.map((h) => r[demoHeader.indexOf(h)] ?? ''));
}

/** The count JSON without the input files' names and hashes. */
const core = (json: string): unknown => {
  const doc = JSON.parse(json) as Record<string, unknown>;
  delete doc['inputs'];
  return JSON.parse(JSON.stringify(doc).replace(/"file":"[^"]*"/gu, '"file":"…"'));
};

describe('jipiao init from a 候选人 sheet', () => {
  const dir = path.join(tmp, 'e1');
  it('writes election.json and the templates in one command, without a terminal', async () => {
    writeFileSync(path.join(tmp, '候选人.csv'), CANDIDATES);
    const r = await run(['init', 'e1', '--candidates', '候选人.csv', '--yes', ...DEMO_FLAGS]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['election.json', '选票模板-表格式.xlsx', '选票模板-表格式.csv', '选票模板-名单式.xlsx', '选票模板-名单式.csv'])
      expect(existsSync(path.join(dir, f)), f).toBe(true);
    const written = JSON.parse(readFileSync(path.join(dir, 'election.json'), 'utf8')) as unknown;
    expect(written).toEqual(JSON.parse(readFileSync(path.join(root, 'fixtures/demo/election.json'), 'utf8')));
  });

  it('the filled .xlsx grid template counts to the demo result', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, '选票模板-表格式.xlsx'));
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(1).numFmt).toBe('@');
    for (const row of rowsForHeader(header)) ws.addRow(row.map((c) => (c === '' ? null : c)));
    await wb.xlsx.writeFile(path.join(dir, 'ballots.xlsx'));
    copyFileSync(path.join(root, 'fixtures/demo/voters.csv'), path.join(dir, 'voters.csv'));
    copyFileSync(path.join(root, 'fixtures/demo/rulings.csv'), path.join(dir, 'rulings.csv'));
    const got = await run(['count', 'e1/ballots.xlsx', '--format', 'json']);
    const want = await run(['count', 'fixtures/demo/ballots.csv', '--format', 'json'], root);
    expect(got.err).toBe('');
    expect(core(got.out)).toEqual(core(want.out));
  });

  it('the filled CSV grid template (BOM kept) counts to the demo result', async () => {
    const csv = path.join(dir, '选票模板-表格式.csv');
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const header = text
      .replace(/^\uFEFF/u, '')
      .trim()
      .split(',');
    copyFileSync(csv, path.join(dir, 'ballots-grid.csv'));
    appendFileSync(
      path.join(dir, 'ballots-grid.csv'),
      rowsForHeader(header)
        .map((r) => `${r.join(',')}\n`)
        .join(''),
    );
    const got = await run(['count', 'e1/ballots-grid.csv', '--format', 'json']);
    const want = await run(['count', 'fixtures/demo/ballots.csv', '--format', 'json'], root);
    expect(core(got.out)).toEqual(core(want.out));
  });

  it('the names template is a ballots header count accepts', async () => {
    const csv = path.join(dir, '选票模板-名单式.csv');
    expect(readFileSync(csv, 'utf8')).toBe('\uFEFF票号,票箱,主任,副主任,委员,状态,备注\n');
    mkdirSync(path.join(tmp, 'names'));
    copyFileSync(csv, path.join(tmp, 'names/ballots.csv'));
    appendFileSync(path.join(tmp, 'names/ballots.csv'), '000001,中心会场,张建国,赵磊,孙丽、周强,,\n');
    const ok = await run(['count', 'names/ballots.csv', '--format', 'json', '--election', 'e1/election.json', '--roll', 'e1/voters.csv']);
    expect(ok.err).toBe('');
    expect((JSON.parse(ok.out) as { ballots: { valid: number } }).ballots.valid).toBe(1);
  });

  it('never overwrites without --force; with --force it does', async () => {
    const before = readFileSync(path.join(dir, 'election.json'), 'utf8');
    const r = await run(['init', 'e1', '--candidates', '候选人.csv', '--yes', '--date', '2027-01-01']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误 \[INIT_WOULD_OVERWRITE\] e1: 已存在 election.json、/u);
    expect(readFileSync(path.join(dir, 'election.json'), 'utf8')).toBe(before);
    const f = await run(['init', 'e1', '--candidates', '候选人.csv', '--yes', '--date', '2027-01-01', '--force']);
    expect(f.code).toBe(0);
    expect(readFileSync(path.join(dir, 'election.json'), 'utf8')).toContain('"date": "2027-01-01"');
  });

  it('reads the 候选人 sheet from .xlsx too', async () => {
    writeFileSync(path.join(tmp, 'c.csv'), CANDIDATES);
    await writeXlsxTwin(path.join(tmp, 'c.csv'), path.join(tmp, '候选人.xlsx'), { sheet: '候选人', typed: true });
    const r = await run(['init', 'e2', '--candidates', '候选人.xlsx', '--yes', ...DEMO_FLAGS]);
    expect(r.code).toBe(0);
    const demo = JSON.parse(readFileSync(path.join(root, 'fixtures/demo/election.json'), 'utf8')) as unknown;
    expect(JSON.parse(readFileSync(path.join(tmp, 'e2/election.json'), 'utf8'))).toEqual(demo);
  });
});

describe('jipiao init refuses what count would refuse', () => {
  it.each([
    [
      '等额 委员',
      '职务,应选人数,候选人\n主任,1,张三、李四\n委员,2,王五、赵六\n',
      'SETUP_NOT_COMPETITIVE',
      '委员应选 2 人, 候选人 2 人; 差额选举要求候选人为 3 至 5 人 (规程 第二十二条)',
    ],
    ['a candidate printed twice', '职务,应选人数,候选人\n主任,1,张三、李四\n委员,1,张三、王五\n', 'ELECTION_', ''],
    ['seats not a number', '职务,应选人数,候选人\n主任,一,张三、李四\n', 'CANDIDATES_BAD_SEATS', '应选人数「一」不是正整数'],
    ['a missing column', '职务,候选人\n主任,张三\n', 'CANDIDATES_MISSING_COLUMN', '「应选人数」'],
  ])('%s', async (_, sheet, code, message) => {
    const file = `bad-${code}.csv`;
    writeFileSync(path.join(tmp, file), sheet);
    const r = await run(['init', `bad-${code}`, '--candidates', file, '--yes']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`[${code}`);
    expect(r.err).toContain(message);
    expect(existsSync(path.join(tmp, `bad-${code}`, 'election.json'))).toBe(false);
  });

  it('without a terminal and without --candidates it says what to give', async () => {
    const r = await run(['init', 'e3']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      '错误 [INIT_NEEDS_CANDIDATES] 没有终端可以提问: 请用 --candidates 给出候选人表 (职务,应选人数,候选人), 并加 --yes\n',
    );
  });
});

describe('pure parts', () => {
  it('候选人 rows: office and seats carried down, several names in a cell', () => {
    const rows = CANDIDATES.trim()
      .split('\n')
      .map((l, i) => ({ file: 'c.csv', line: i + 1, cells: l.split(',') }));
    const o = officesFromRows(rows, 'c.csv');
    expect(o).toEqual({
      ok: true,
      value: [
        { name: '主任', seats: 1, candidates: ['张建国', '李秀英'] },
        { name: '副主任', seats: 1, candidates: ['王芳', '赵磊'] },
        { name: '委员', seats: 3, candidates: ['孙丽', '周强', '吴敏', '郑伟'] },
      ],
    });
    if (!o.ok) return;
    expect(competitiveErrors(o.value, 'x')).toEqual([]);
    expect(templateHeader(o.value, 'grid')).toEqual([
      '票号',
      '票箱',
      '主任:张建国',
      '主任:李秀英',
      '主任:另选1',
      '副主任:王芳',
      '副主任:赵磊',
      '副主任:另选1',
      '委员:孙丽',
      '委员:周强',
      '委员:吴敏',
      '委员:郑伟',
      '委员:另选1',
      '委员:另选2',
      '委员:另选3',
      '状态',
      '备注',
    ]);
  });

  it('the questions, answered by a script', async () => {
    const answers = ['银龙东苑社区', '九', '2026-12-20', '1', '张建国、李秀英', '0', '3', '孙丽、周强、吴敏、郑伟'];
    const asked: string[] = [];
    const p: Prompter = {
      text: async (m, _i, validate) => {
        asked.push(m);
        const a = answers.shift() ?? '';
        expect(validate?.(a)).toBeUndefined();
        return a;
      },
      select: async (_m, _o, initial) => initial,
      confirm: async () => true,
    };
    const a = await askSetup(p, { date: '2026-01-01', method: 'direct', mode: 'combined', round: 'first', issued: 0 }, undefined);
    expect(a?.offices).toEqual([
      { name: '主任', seats: 1, candidates: ['张建国', '李秀英'] },
      { name: '委员', seats: 3, candidates: ['孙丽', '周强', '吴敏', '郑伟'] },
    ]);
    expect(a?.community).toBe('银龙东苑社区');
    expect(asked).toContain('副主任应选几人? (不设副主任填 0)');
  });
});

describe('init and batch', () => {
  it('batch does not count the templates of an init folder as ballots', async () => {
    const { ballotFilesOf } = await import('../../src/cli/batch-worker.js');
    writeFileSync(path.join(tmp, 'c4.csv'), CANDIDATES);
    expect((await run(['init', 'batch/e4', '--candidates', 'c4.csv', '--yes'])).code).toBe(0);
    expect(ballotFilesOf(path.join(tmp, 'batch/e4'))).toEqual([]);
    // The untouched 计票统计表 (.csv and .xlsx) is not counted either: a fresh init folder has nothing to count.
    const fresh = await run(['batch', 'batch/e4']);
    expect(fresh.code).toBe(2);
    expect(fresh.err).toContain('[BATCH_NO_BALLOTS]');
    expect(fresh.err).not.toContain('TALLY_EMPTY_NUMBER');
  });

  it('batch counts the tally sheet the clerks filled and skips its untouched twin', async () => {
    writeFileSync(path.join(tmp, 'c5.csv'), CANDIDATES);
    expect((await run(['init', 'batch/e5', '--candidates', 'c5.csv', '--yes', '--registered', '20'])).code).toBe(0);
    const sheet = path.join(tmp, 'batch/e5/计票统计表.csv');
    const filled = readFileSync(sheet, 'utf8')
      .split('\n')
      .map((line, i) => (i === 0 || line === '' ? line : line.replace(/,,,$/u, ',0,,')))
      .join('\n');
    writeFileSync(sheet, filled);
    const r = await run(['batch', 'batch/e5']);
    expect(r.err).not.toContain('计票统计表.xlsx');
    expect(r.out).toContain('e5: 计票统计表.csv');
  });
});
