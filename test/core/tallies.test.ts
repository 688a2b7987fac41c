/**
 * Tally sheets (issue 16): each plausibility check by its code and fields, what a tally cannot tell
 * (gaps as data), disputed ballots in a tally, the empty sheet for `jipiao init`, and the reader's
 * layout errors.
 */
import { describe, expect, it } from 'vitest';
import { parseTallyRows } from '../../src/adapters/input/tallies.js';
import { type CountResult, type Election, type InputError, RollIndex, count, emptyTallyRows, readTallies } from '../../src/core/index.js';
import { election as testElection } from '../adapters/render/helpers.js';
import { csvRows } from './helpers.js';

const election: Election = testElection({ title: '测试', registered: 15, issued: 12 });

/** A plausible sheet: 9 ballots counted (8 valid, 1 partial), 主任 with 反对/弃权 (one section void), 委员 without. */
const SHEET = `票箱,职务,姓名,票数,反对,弃权
一组,选票,收回,10,,
一组,选票,有效,8,,
一组,选票,弃权票,1,,
一组,选票,部分有效,1,,
一组,选票,无效,1,,
一组,选票,疑难,0,,
一组,主任,张三,6,1,1
一组,主任,李四,2,2,4
一组,委员,王五,6,,
一组,委员,赵六,4,,
一组,委员,钱七,3,,
一组,委员,路人,1,,
`;

function entries(text: string) {
  const r = parseTallyRows('t.csv', csvRows(text, 't.csv'));
  if (!r.ok) throw new Error(r.error.map((e) => e.code).join());
  return r.value;
}

function edit(line: number, to: string): string {
  const lines = SHEET.split('\n');
  lines[line - 1] = to;
  return lines.filter((l) => l !== '#').join('\n');
}

function errorsOf(text: string, roll?: RollIndex): InputError[] {
  const r = readTallies('t.csv', entries(text), election, roll);
  if (r.ok) throw new Error('expected errors');
  return r.error;
}

async function countSheet(text: string): Promise<CountResult> {
  const sheet = readTallies('t.csv', entries(text), election, undefined);
  if (!sheet.ok) throw new Error(sheet.error.map((e) => JSON.stringify(e)).join('; '));
  const r = await count([], { election, registered: 15, tallies: [sheet.value] });
  if (!r.ok) throw new Error(r.error.map((e) => e.code).join());
  return r.value;
}

describe('readTallies', () => {
  it('counts a plausible sheet: votes, classes, seats; 主任 overvote from the marks; 委员 marks a gap', async () => {
    const r = await countSheet(SHEET);
    expect(r.ballots).toMatchObject({ returned: 10, valid: 8, blank: 1, partial: 1, invalid: 1, disputed: 0 });
    expect(r.people.map((p) => [p.name, p.total])).toEqual([
      ['张三', 6],
      ['李四', 2],
      ['王五', 6],
      ['赵六', 4],
      ['钱七', 3],
      ['路人', 1],
    ]);
    expect(r.elected.map((e) => `${e.office}:${e.name}`)).toEqual(['主任:张三', '委员:王五']);
    expect(r.runoff).toEqual([{ office: '委员', seats: 1, candidates: ['赵六', '钱七'], tieAtCutoff: false }]);
    const [zr, wy] = r.offices;
    expect(zr).toMatchObject({ counted: 9, overvoted: 1, void: 1, approvals: 8, unused: 0 });
    expect(zr?.candidates[0]).toEqual({ name: '张三', approve: 6, oppose: 1, abstain: 1 });
    expect(wy).toMatchObject({ counted: 9, overvoted: 0, approvals: 14, unused: 4 });
    expect(r.tallied?.gaps.map((g) => [g.code, g.office ?? null, g.boxes])).toEqual([
      ['BALLOT_LOG', null, ['一组']],
      ['REASONS', null, ['一组']],
      ['OFFICE_DETAIL', null, ['一组']],
      ['MARKS', '委员', ['一组']],
    ]);
  });

  it('classes must add up to 收回 (TALLY_CLASSES_SUM, on the 收回 row)', () => {
    const [e] = errorsOf(edit(2, '一组,选票,收回,11,,'));
    expect(e).toMatchObject({ code: 'TALLY_CLASSES_SUM', file: 't.csv', line: 2, column: '票数' });
    expect(e).toMatchObject({ box: '一组', returned: 11 });
  });

  it('弃权票 cannot exceed 有效 (TALLY_BLANK_OVER_VALID)', () => {
    expect(errorsOf(edit(4, '一组,选票,弃权票,9,,'))[0]).toMatchObject({ code: 'TALLY_BLANK_OVER_VALID', line: 4 });
  });

  it('per office Σ 票数 ≤ ballots counted there × 应选 (TALLY_OFFICE_OVER)', () => {
    const e = errorsOf(edit(13, '一组,委员,路人,6,,'));
    expect(e.map((x) => x.code)).toEqual(['TALLY_OFFICE_OVER']);
    expect(e[0]).toMatchObject({ box: '一组', office: '委员', total: 19, ballots: 9, seats: 2 });
  });

  it('a person never has more votes than ballots (TALLY_PERSON_OVER), in one office or over all offices', () => {
    expect(errorsOf(edit(10, '一组,委员,王五,10,,')).map((e) => [e.code, e.line])).toEqual([['TALLY_PERSON_OVER', 10]]);
    const twice = errorsOf(`${SHEET}一组,委员,张三,4,,\n`);
    expect(twice.map((e) => [e.code, e.line])).toEqual([['TALLY_PERSON_OVER', 8]]);
    expect(twice[0]).toMatchObject({ name: '张三', votes: 10, ballots: 9 });
    expect(twice[0]).not.toHaveProperty('office');
  });

  it('赞成 + 反对 + 弃权 lies between 有效 and 有效 + 部分有效, the same for every printed candidate', () => {
    expect(errorsOf(edit(8, '一组,主任,张三,6,1,5')).map((e) => [e.code, e.line])).toEqual([['TALLY_MARKS_SUM', 8]]);
    expect(errorsOf(edit(9, '一组,主任,李四,2,3,4')).map((e) => [e.code, e.line])).toEqual([['TALLY_MARKS_UNEQUAL', 9]]);
    expect(errorsOf(edit(9, '一组,主任,李四,2,2,')).map((e) => [e.code, e.column])).toEqual([['TALLY_MARKS_INCOMPLETE', '弃权']]);
    expect(errorsOf(edit(13, '一组,委员,路人,1,0,0')).map((e) => e.code)).toEqual(['TALLY_MARKS_NOT_PRINTED']);
  });

  it('rows: a missing class or candidate, unknown office or item, a repeated row, an empty number', () => {
    expect(errorsOf(edit(7, '#')).map((e) => e.code)).toEqual(['TALLY_MISSING_CLASS']);
    expect(errorsOf(edit(12, '#'))[0]).toMatchObject({ code: 'TALLY_MISSING_CANDIDATE', line: 2 });
    expect(errorsOf(edit(12, '一组,会计,钱七,3,,'))[0]).toMatchObject({ code: 'TALLY_UNKNOWN_OFFICE', line: 12, column: '职务' });
    expect(errorsOf(edit(7, '一组,选票,废票,0,,'))[0]).toMatchObject({ code: 'TALLY_UNKNOWN_ITEM', line: 7 });
    expect(errorsOf(`${SHEET}一组,委员,赵六,0,,\n`)[0]).toMatchObject({ code: 'TALLY_DUPLICATE_ROW', line: 14 });
    expect(errorsOf(edit(11, '一组,委员,赵六,,,'))[0]).toMatchObject({ code: 'TALLY_EMPTY_NUMBER', line: 11, column: '票数' });
    expect(errorsOf(edit(13, '一组,委员,路?,1,,'))[0]).toMatchObject({ code: 'TALLY_UNCLEAR_NAME', line: 13 });
    expect(errorsOf(edit(13, '一组,委员,12,1,,'))[0]).toMatchObject({ code: 'TALLY_UNCLEAR_NAME', line: 13, column: '姓名' });
  });

  it('with a roll: a write-in not on it is void (另选非选民), a homonym must name its group', async () => {
    const roll = new RollIndex([
      { name: '张三' },
      { name: '李四' },
      { name: '王五' },
      { name: '赵六' },
      { name: '钱七' },
      { name: '刘一', group: '一' },
      { name: '刘一', group: '二' },
    ]);
    const sheet = readTallies('t.csv', entries(SHEET), election, roll);
    if (!sheet.ok) throw new Error('refused');
    const r = await count([], { election, registered: roll.size, roll, tallies: [sheet.value] });
    if (!r.ok) throw new Error('count failed');
    expect(r.value.offices[1]).toMatchObject({ approvals: 13, notVoter: 1, void: 1 });
    expect(r.value.people.some((p) => p.name === '路人')).toBe(false);
    expect(errorsOf(edit(13, '一组,委员,刘一,1,,'), roll)[0]).toMatchObject({ code: 'TALLY_HOMONYM', line: 13 });
    expect(readTallies('t.csv', entries(edit(13, '一组,委员,刘一(二),1,,')), election, roll).ok).toBe(true);
  });

  it('disputed ballots in a tally are pending: provisional, with the worst-case margin; no disputed list', async () => {
    const r = await countSheet(edit(7, '一组,选票,疑难,1,,').replace('一组,选票,收回,10,,', '一组,选票,收回,11,,'));
    expect(r.provisional).toBe(true);
    expect(r.margin?.pending).toBe(1);
    expect(r.disputes).toEqual([]);
    expect(r.tallied?.gaps.find((g) => g.code === 'DISPUTED_LIST')?.boxes).toEqual(['一组']);
  });

  it('an empty 弃权票 is "not recorded": counted as 0 and listed as a gap', async () => {
    const r = await countSheet(edit(4, '一组,选票,弃权票,,,'));
    expect(r.ballots.blank).toBe(0);
    expect(r.tallied?.gaps.find((g) => g.code === 'BLANK')?.boxes).toEqual(['一组']);
  });

  it('a box in a ballots file and in a tally is refused (TALLY_BOX_ALSO_BALLOTS)', async () => {
    const sheet = readTallies('t.csv', entries(SHEET), election, undefined);
    if (!sheet.ok) throw new Error('refused');
    const header = ['票号', '票箱', '主任:张三', '主任:李四', '委员:王五', '委员:赵六', '委员:钱七'];
    const rows = [
      { file: 'b.csv', line: 1, cells: header },
      { file: 'b.csv', line: 2, cells: ['1', '一组', '○', '', '', '', ''] },
    ];
    const r = await count([{ file: 'b.csv', rows }], { election, registered: 15, tallies: [sheet.value] });
    expect(r.ok ? [] : r.error.map((e) => [e.code, e.file])).toEqual([['TALLY_BOX_ALSO_BALLOTS', 't.csv']]);
  });

  it('two sheets add up; the same box in both is refused (TALLY_BOX_TWICE)', async () => {
    const one = readTallies('a.csv', entries(SHEET), election, undefined);
    const two = readTallies('b.csv', entries(SHEET.replaceAll('一组,', '二组,')), election, undefined);
    const again = readTallies('c.csv', entries(SHEET), election, undefined);
    if (!one.ok || !two.ok || !again.ok) throw new Error('refused');
    const r = await count([], { election, registered: 30, tallies: [one.value, two.value] });
    expect(r.ok && [r.value.ballots.returned, r.value.people[0]?.total, r.value.tallied?.files]).toEqual([20, 12, ['a.csv', 'b.csv']]);
    const bad = await count([], { election, registered: 30, tallies: [one.value, again.value] });
    expect(bad.ok ? [] : bad.error.map((e) => [e.code, e.file])).toEqual([['TALLY_BOX_TWICE', 'c.csv']]);
  });

  it('the empty sheet for jipiao init: header, then per box the 选票 rows and every printed candidate', async () => {
    const rows = emptyTallyRows(election, ['一组', '二组']);
    expect(rows[0]).toEqual(['票箱', '职务', '姓名', '票数', '反对', '弃权']);
    expect(rows).toHaveLength(1 + 2 * (6 + 5));
    expect(rows.slice(1, 8).map((r) => r.slice(0, 3).join(','))).toEqual([
      '一组,选票,收回',
      '一组,选票,有效',
      '一组,选票,弃权票',
      '一组,选票,部分有效',
      '一组,选票,无效',
      '一组,选票,疑难',
      '一组,主任,张三',
    ]);
    // filled in with zeros it is a valid (empty) sheet
    const zeros = rows
      .map((r, i) => (i === 0 ? r : [r[0] ?? '', r[1] ?? '', r[2] ?? '', '0', '', '']))
      .map((r) => r.join(','))
      .join('\n');
    const r = await countSheet(zeros);
    expect(r.ballots.returned).toBe(0);
    expect(r.tallied?.boxes).toEqual(['一组', '二组']);
  });
});

describe('parseTallyRows (the reader)', () => {
  const parse = (text: string) => parseTallyRows('t.csv', csvRows(text, 't.csv'));
  it('numbers: full-width digits accepted, anything else refused with its line and column', () => {
    const ok = parse('票箱,职务,姓名,票数\n一组,选票,收回,１２\n');
    expect(ok.ok && ok.value[0]?.votes).toBe(12);
    const bad = parse('票箱,职务,姓名,票数\n一组,选票,收回,正正\n一组,选票,有效,-1\n');
    expect(bad.ok ? [] : bad.error.map((e) => [e.code, e.line, e.column])).toEqual([
      ['TALLY_BAD_NUMBER', 2, '票数'],
      ['TALLY_BAD_NUMBER', 3, '票数'],
    ]);
  });
  it('layout: missing or unknown columns, a totals row, an empty box; empty rows skipped', () => {
    const noCol = parse('票箱,姓名,票数\n');
    expect(noCol.ok ? [] : noCol.error.map((e) => e.code)).toEqual(['TALLY_NO_COLUMN']);
    const unknown = parse('票箱,职务,姓名,票数,得票率\n');
    expect(unknown.ok ? [] : unknown.error.map((e) => [e.code, e.column])).toEqual([['TALLY_UNKNOWN_COLUMN', 5]]);
    const total = parse('票箱,职务,姓名,票数\n,,,\n合计,选票,收回,20\n,选票,收回,1\n');
    expect(total.ok ? [] : total.error.map((e) => [e.code, e.line])).toEqual([
      ['TALLY_TOTAL_ROW', 3],
      ['TALLY_EMPTY_BOX', 4],
    ]);
  });
});

describe('renderTallyTemplate (for jipiao init)', () => {
  it('is a CSV with BOM that the reader reads back as the empty sheet', async () => {
    const { renderTallyTemplate } = await import('../../src/adapters/setup/templates.js');
    const text = renderTallyTemplate(election, ['一组']);
    expect(text.startsWith('\uFEFF票箱,职务,姓名,票数,反对,弃权\n一组,选票,收回,,,\n')).toBe(true);
    const parsed = parseTallyRows('t.csv', csvRows(text, 't.csv'));
    expect(parsed.ok && parsed.value.length).toBe(11);
  });
});
