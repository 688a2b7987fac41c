/**
 * Issue 12 at the edge: election.json (duplicate keys, reserved office names, separators, invisible-only
 * names, local marks), the roll (same voter twice, duplicated columns) and rulings (Excel's forms of a
 * 票号, duplicated columns). Codes and fields are asserted.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseElection } from '../../../src/adapters/input/election.js';
import { duplicateKeys } from '../../../src/adapters/input/json-duplicates.js';
import { loadRollIndex, parseRoll } from '../../../src/adapters/input/roll.js';
import { parseRulings, rulingTicket } from '../../../src/adapters/input/rulings.js';
import { excelText } from '../../../src/cli/disputes.js';
import { type RawRow, markParser } from '../../../src/core/index.js';

const base = {
  title: 't',
  date: '2026-12-20',
  method: 'direct',
  mode: 'combined',
  issued: 5,
  offices: [{ name: '主任', seats: 1, candidates: ['张建国', '李秀英'] }],
};

function errors(text: string): string[] {
  const r = parseElection(text, 'election.json');
  return r.ok ? [] : r.error.map((e) => `${e.code} ${e.key ?? ''}`);
}

describe('election.json (issue 12)', () => {
  it('duplicate keys name the key path and line', () => {
    expect(duplicateKeys('{"a": 1,\n "b": {"c": [ {"d": 1, "d": 2} ]},\n "a": 3}')).toEqual([
      { key: 'b.c[0].d', line: 2 },
      { key: 'a', line: 3 },
    ]);
    expect(duplicateKeys('{"a": "x\\"a\\":", "b": ["a", "a"]}')).toEqual([]);
    const text = JSON.stringify(base).replace('"issued":5', '"issued":20,"issued":5');
    expect(errors(text)).toEqual(['ELECTION_DUPLICATE_KEY issued']);
  });
  it('reserved office names, separators and invisible-only names are errors naming the key', () => {
    const e = (offices: unknown): string[] => errors(JSON.stringify({ ...base, offices }));
    for (const name of ['票号', '票箱', '状态', '备注'])
      expect(e([{ name, seats: 1, candidates: ['张建国', '李秀英'] }])).toEqual(['ELECTION_INVALID offices[0].name']);
    expect(e([{ name: '主任=', seats: 1, candidates: ['张建国', '李秀英'] }])).toEqual(['ELECTION_INVALID offices[0].name']);
    expect(e([{ name: '\u200b', seats: 1, candidates: ['张建国', '李秀英'] }])).toEqual(['ELECTION_INVALID offices[0].name']);
    for (const bad of ['欧阳、娜娜', '欧阳,娜娜', '欧阳，娜娜', '欧阳;娜娜', '欧阳；娜娜', '欧阳=娜娜', '\u200b\u00ad']) {
      expect(e([{ name: '主任', seats: 1, candidates: ['张建国', bad] }]), bad).toEqual(['ELECTION_INVALID offices[0].candidates[1]']);
    }
  });
  it('rules.approveMarks / opposeMarks extend the vocabulary; a standard mark, ? or both lists are refused', () => {
    const r = parseElection(JSON.stringify({ ...base, rules: { approveMarks: ['v', 'V '], opposeMarks: ['叉'] } }), 'e.json');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const parse = markParser(r.value);
    expect(['v', 'Ｖ', ' v\u200b', '叉', '○', '?', 'w'].map(parse)).toEqual([
      'approve',
      'approve',
      'approve',
      'oppose',
      'approve',
      'unclear',
      'unclear',
    ]);
    expect(errors(JSON.stringify({ ...base, rules: { approveMarks: ['×'] } }))).toEqual(['ELECTION_INVALID rules.approveMarks[0]']);
    expect(errors(JSON.stringify({ ...base, rules: { approveMarks: ['v?'] } }))).toEqual(['ELECTION_INVALID rules.approveMarks[0]']);
    expect(errors(JSON.stringify({ ...base, rules: { approveMarks: ['v'], opposeMarks: ['v'] } }))).toEqual([
      'ELECTION_INVALID rules.opposeMarks',
    ]);
    expect(errors(JSON.stringify({ ...base, rules: { approveMarks: 'v' } }))).toEqual(['ELECTION_INVALID rules.approveMarks']);
  });
});

function rows(lines: string[]): RawRow[] {
  return lines.map((l, i) => ({ file: 'f.csv', line: i + 1, cells: l.split(',') }));
}

describe('voter roll and rulings (issue 12)', () => {
  it('the same voter twice (选民证号 or 身份证号, x and X alike) stops the count naming both rows', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jipiao-roll-'));
    const file = path.join(dir, 'voters.csv');
    writeFileSync(file, '姓名,选民证号,身份证号\n张三,YL1,\n李四,YL2,11010119800101001x\n张三,YL1,\n王五,YL4,11010119800101001X\n');
    const r = await loadRollIndex(file, 'voters.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((e) => [e.code, e.line, e.column])).toEqual([
      ['ROLL_DUPLICATE_VOTER', 4, 2],
      ['ROLL_DUPLICATE_VOTER', 5, 3],
    ]);
    expect(r.error[0]).toMatchObject({ firstLine: 2, againLine: 4 });
  });
  it('a duplicated column name in voters.csv or rulings.csv is an error', () => {
    const roll = parseRoll(rows(['姓名,居民小组,姓名', '张三,一组,李四']), 'voters.csv');
    expect(roll.ok ? [] : roll.error.map((e) => [e.code, e.column])).toEqual([['CSV_DUPLICATE_COLUMN', 3]]);
    const rulings = parseRulings(rows(['票号,认定,更正,认定', '1,有效,,无效']), 'rulings.csv');
    expect(rulings.ok ? [] : rulings.error.map((e) => [e.code, e.column])).toEqual([['CSV_DUPLICATE_COLUMN', 4]]);
  });
  it('rulings: the template’s ="…" form, the formula guard and NFKC 票号 read back as the ballot’s 票号', () => {
    expect(rulingTicket('="000013"')).toBe('000013');
    expect(rulingTicket("'-0013")).toBe('-0013');
    expect(rulingTicket('０００００１\u200b')).toBe('000001');
    expect(rulingTicket('="a""b"')).toBe('a"b');
    for (const t of ['000013', '-0013', '12345678901234', '1e5', '2026-12-20', '=x', 'A001', '13']) {
      const shown = excelText(t);
      expect(rulingTicket(shown), t).toBe(t);
    }
    expect(excelText('000013')).toBe('="000013"');
    expect(excelText('13')).toBe('13');
    expect(excelText('A001')).toBe('A001');
  });
});
