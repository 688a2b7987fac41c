/**
 * The bad-input corpus (SPEC §7, issue 7): every case is a one-line Chinese error per problem naming
 * file, line and column (or key), exit 2, no stack trace — or, for R > issued and header-only files, a
 * counted but invalid election (exit 0).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { type CountInputOptions, runCount } from '../../src/cli/pipeline.js';
import { isInputErrorCode } from '../../src/core/index.js';
import { fakeIo } from '../cli/fake-io.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-bad-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function count(...args: string[]) {
  const io = fakeIo(dir);
  const code = await main(['count', '--election', 'election.json', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** [case, args, expected first error line (prefix)] */
const errorCases: [string, string[], string][] = [
  ['empty file', ['empty.csv'], '错误 [BALLOT_EMPTY_FILE] empty.csv 第 1 行:'],
  ['missing 票号 column', ['no-ticket-column.csv'], '错误 [BALLOT_NO_TICKET_COLUMN] no-ticket-column.csv 第 1 行:'],
  ['unclosed quote', ['unclosed-quote.csv'], '错误 [CSV_QUOTE_NOT_CLOSED] unclosed-quote.csv 第 3 行:'],
  [
    'ragged row',
    ['ragged-rows.csv'],
    '错误 [CSV_RECORD_INCONSISTENT_FIELDS_LENGTH] ragged-rows.csv 第 3 行 第 5 列: 这一行有 4 个字段, 表头有 7 个',
  ],
  ['tab-separated file', ['tab-separated.csv'], '错误 [CSV_TAB_SEPARATED] tab-separated.csv 第 1 行:'],
  ['a total row at the end', ['total-row.csv'], '错误 [BALLOT_TOTAL_ROW] total-row.csv 第 6 行:'],
  ['unknown office column', ['unknown-office.csv'], '错误 [BALLOT_UNKNOWN_OFFICE] unknown-office.csv 第 1 行 第 7 列:'],
  ['unknown candidate column', ['unknown-candidate.csv'], '错误 [BALLOT_UNKNOWN_CANDIDATE] unknown-candidate.csv 第 1 行 第 6 列:'],
  ['ballots of another election', ['other-election.csv'], '错误 [BALLOT_OTHER_ELECTION] other-election.csv 第 1 行:'],
  [
    'duplicate 票号 within a file',
    ['duplicate-ticket.csv'],
    '错误 [BALLOT_DUPLICATE_TICKET] duplicate-ticket.csv 第 4 行 第 1 列: 票号「1」重复 (第一次出现在 duplicate-ticket.csv 第 2 行)',
  ],
  [
    'duplicate 票号 across files',
    ['box-a.csv', 'box-b.csv'],
    '错误 [BALLOT_DUPLICATE_TICKET] box-b.csv 第 3 行 第 1 列: 票号「2」重复 (第一次出现在 box-a.csv 第 3 行)',
  ],
  ['binary file', ['binary.csv'], '错误 [FILE_BINARY] binary.csv:'],
  [
    'old Excel workbook (.xls)',
    ['old-excel.xls'],
    '错误 [FILE_BINARY] old-excel.xls: 这是旧的 Excel 工作簿 (.xls), 无法读取; 请在 Excel 或 WPS 中另存为 .xlsx 或 CSV',
  ],
  ['path that does not exist', ['nope.csv'], '错误 [FILE_NOT_FOUND] nope.csv:'],
  [
    'the same ballots file given twice',
    ['good.csv', './good.csv'],
    '错误 [BALLOTS_GIVEN_TWICE] good.csv: 与 good.csv 是同一个文件, 给了两次; 每个票箱的选票只能计一次',
  ],
  ['path that is a folder', ['a-folder.csv'], '错误 [FILE_IS_DIRECTORY] a-folder.csv:'],
  ['election.json that is not JSON', ['good.csv', '--election', 'not-json.json'], '错误 [ELECTION_NOT_JSON] not-json.json'],
  ['roll without 姓名 column', ['good.csv', '--roll', 'voters-no-name.csv'], '错误 [ROLL_MISSING_COLUMN] voters-no-name.csv 第 1 行:'],
  [
    'rulings without 认定 column',
    ['good.csv', '--rulings', 'rulings-no-verdict.csv'],
    '错误 [RULINGS_MISSING_COLUMN] rulings-no-verdict.csv 第 1 行:',
  ],
];

describe('bad inputs → one Chinese line per error, exit 2', () => {
  it.each(errorCases)('%s', async (_name, args, first) => {
    const r = await count(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trimEnd().split('\n');
    expect(lines[0]?.startsWith(first), `${lines[0]} should start with ${first}`).toBe(true);
    for (const l of lines) expect(l).toMatch(/^错误 \[[A-Z_0-9]+\] /u);
    expect(r.err).not.toMatch(/\n\s+at /u);
  });

  it('reports every ragged row of a file at once, not only the first', async () => {
    const r = await count('ragged-rows.csv');
    expect(r.err.trimEnd().split('\n')).toEqual([
      '错误 [CSV_RECORD_INCONSISTENT_FIELDS_LENGTH] ragged-rows.csv 第 3 行 第 5 列: 这一行有 4 个字段, 表头有 7 个',
      '错误 [CSV_RECORD_INCONSISTENT_FIELDS_LENGTH] ragged-rows.csv 第 5 行 第 8 列: 这一行有 9 个字段, 表头有 7 个',
    ]);
  });

  it('election.json with wrong types, unknown keys, seats 0 and a candidate twice: all errors at once, each naming its key', async () => {
    const r = await count('good.csv', '--election', 'election-bad.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('election-bad.json 键 seats: 未知的键「seats」');
    expect(r.err).toContain('election-bad.json 键 issued: 「issued」应为不小于 0 的整数');
    expect(r.err).toContain('election-bad.json 键 offices[0].seats: 「seats」应为不小于 1 的整数');
    expect(r.err).toContain('election-bad.json 键 offices[1].candidates[1]: 候选人「张三」重复印在选票上 (已在 offices[0].candidates[0])');
    expect(r.err.trimEnd().split('\n')).toHaveLength(4);
  });

  it('a 200 000-character cell is refused with its line and column', async () => {
    const p = path.join(tmp, 'huge-cell.csv');
    writeFileSync(p, `票号,主任:张三,主任:李四,委员:王五,委员:赵六,委员:钱七,委员:另选1\n1,○,,○,○,,${'李'.repeat(200_000)}\n`);
    const r = await count(p);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`[CSV_CELL_TOO_LONG] ${p} 第 2 行 第 7 列`);
  });
});

/**
 * The same corpus as data (issue 18): the first error's code, place and facts, read from the fields — an
 * adapter's own text (`message`) is left to the line test above. [case, ballots, options, first error]
 */
const fieldCases: [string, string[], CountInputOptions, Record<string, unknown>][] = [
  ['empty file', ['empty.csv'], {}, { code: 'BALLOT_EMPTY_FILE', file: 'empty.csv', line: 1 }],
  ['missing 票号 column', ['no-ticket-column.csv'], {}, { code: 'BALLOT_NO_TICKET_COLUMN', file: 'no-ticket-column.csv', line: 1 }],
  ['unclosed quote', ['unclosed-quote.csv'], {}, { code: 'CSV_QUOTE_NOT_CLOSED', file: 'unclosed-quote.csv', line: 3 }],
  [
    'ragged row',
    ['ragged-rows.csv'],
    {},
    { code: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', file: 'ragged-rows.csv', line: 3, column: 5, fields: 4, expected: 7 },
  ],
  ['tab-separated file', ['tab-separated.csv'], {}, { code: 'CSV_TAB_SEPARATED', file: 'tab-separated.csv', line: 1 }],
  ['a total row at the end', ['total-row.csv'], {}, { code: 'BALLOT_TOTAL_ROW', file: 'total-row.csv', line: 6, numbers: false }],
  [
    'unknown office column',
    ['unknown-office.csv'],
    {},
    {
      code: 'BALLOT_UNKNOWN_OFFICE',
      file: 'unknown-office.csv',
      line: 1,
      column: 7,
      header: '秘书:另选1',
      office: '秘书',
      offices: ['主任', '委员'],
    },
  ],
  [
    'unknown candidate column',
    ['unknown-candidate.csv'],
    {},
    {
      code: 'BALLOT_UNKNOWN_CANDIDATE',
      file: 'unknown-candidate.csv',
      line: 1,
      column: 6,
      header: '委员:孙八',
      name: '孙八',
      office: '委员',
    },
  ],
  [
    'ballots of another election',
    ['other-election.csv'],
    {},
    { code: 'BALLOT_OTHER_ELECTION', file: 'other-election.csv', line: 1, title: '测试社区居民委员会选举' },
  ],
  [
    'duplicate 票号 within a file',
    ['duplicate-ticket.csv'],
    {},
    {
      code: 'BALLOT_DUPLICATE_TICKET',
      file: 'duplicate-ticket.csv',
      line: 4,
      column: 1,
      ticket: '1',
      firstSeen: { file: 'duplicate-ticket.csv', line: 2 },
    },
  ],
  [
    'duplicate 票号 across files (first place found by a second pass)',
    ['box-a.csv', 'box-b.csv'],
    {},
    { code: 'BALLOT_DUPLICATE_TICKET', file: 'box-b.csv', line: 3, column: 1, ticket: '2', firstSeen: { file: 'box-a.csv', line: 3 } },
  ],
  ['binary file', ['binary.csv'], {}, { code: 'FILE_BINARY', file: 'binary.csv' }],
  ['path that does not exist', ['nope.csv'], {}, { code: 'FILE_NOT_FOUND', file: 'nope.csv' }],
  ['path that is a folder', ['a-folder.csv'], {}, { code: 'FILE_IS_DIRECTORY', file: 'a-folder.csv' }],
  ['election.json that is not JSON', ['good.csv'], { election: 'not-json.json' }, { code: 'ELECTION_NOT_JSON', file: 'not-json.json' }],
  [
    'roll without 姓名 column',
    ['good.csv'],
    { roll: 'voters-no-name.csv' },
    { code: 'ROLL_MISSING_COLUMN', file: 'voters-no-name.csv', line: 1 },
  ],
  [
    'rulings without 认定 column',
    ['good.csv'],
    { rulings: 'rulings-no-verdict.csv' },
    { code: 'RULINGS_MISSING_COLUMN', file: 'rulings-no-verdict.csv', line: 1, missing: ['认定'] },
  ],
  ['a GBK file read as UTF-8', ['gbk.csv'], { encoding: 'utf-8' }, { code: 'ENCODING_INVALID', file: 'gbk.csv', line: 1, column: 1 }],
  [
    'a tally sheet with 反对 for a candidate of another office',
    [],
    { tallies: ['tally-sum.csv'] },
    { code: 'TALLY_MARKS_NOT_PRINTED', file: 'tally-sum.csv', line: 8, column: '反对', name: '张建国', office: '主任' },
  ],
];

describe('bad inputs as data: code, place and facts of the first error', () => {
  it.each(fieldCases)('%s', async (_name, ballots, opts, first) => {
    const r = await runCount(ballots, { election: 'election.json', ...opts }, dir);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const [e] = r.error;
    // An adapter's own text is in `message`; every other field is the expected code, place and facts.
    const { message: _text, ...fields } = { message: undefined, ...e };
    expect(fields).toEqual(first);
    for (const x of r.error) expect(isInputErrorCode(x.code), x.code).toBe(true);
  });
});

describe('encodings and counted-but-invalid elections', () => {
  it('GBK without BOM, UTF-8 with BOM, CRLF: the same result as plain UTF-8', async () => {
    const tallies = async (f: string) => {
      const r = await count(f, '--format', 'json');
      expect(r.code).toBe(0);
      const { inputs: _i, boxes: _b, ...rest } = JSON.parse(r.out) as Record<string, unknown>;
      return rest;
    };
    const good = await tallies('good.csv');
    expect(good['ballots']).toEqual({ registered: 6, issued: 5, returned: 4, valid: 4, blank: 0, partial: 0, invalid: 0, disputed: 0 });
    for (const f of ['gbk.csv', 'bom.csv', 'crlf.csv']) expect(await tallies(f)).toEqual(good);
  });

  it('a GBK file forced to UTF-8 is an encoding error, never U+FFFD', async () => {
    const r = await count('gbk.csv', '--encoding', 'utf-8');
    expect(r.code).toBe(2);
    expect(r.err).toContain('[ENCODING_INVALID] gbk.csv');
  });

  it('header only: 0 ballots counted and the election reported invalid (LOW_TURNOUT)', async () => {
    const r = await count('header-only.csv', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { ballots: { returned: number }; validity: { valid: boolean; failed: string[] }; elected: unknown[] };
    expect(j.ballots.returned).toBe(0);
    expect(j.validity).toMatchObject({ valid: false, failed: ['LOW_TURNOUT'] });
    expect(j.elected).toEqual([]);
  });

  it('R > issued is not an input error: a reported invalid election, nobody elected', async () => {
    const r = await count('more-returned.csv', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      ballots: { returned: number; issued: number };
      validity: { valid: boolean; failed: string[] };
      elected: unknown[];
    };
    expect(j.ballots).toMatchObject({ returned: 7, issued: 5 });
    expect(j.validity.failed).toContain('MORE_RETURNED_THAN_ISSUED');
    expect(j.elected).toEqual([]);
    const t = await count('more-returned.csv', '--strict');
    expect(t.code).toBe(1);
    expect(t.out).toContain('选举无效');
  });
});
