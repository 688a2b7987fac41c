/**
 * Issue 12, SPEC §2.2 "What a written name may be" and "Rows that are not ballots": hand-checked cases
 * asserting codes and fields (the words are checked in the fixtures' goldens).
 */
import { describe, expect, it } from 'vitest';
import {
  type BallotReading,
  type Election,
  type HeaderPlan,
  RollIndex,
  type Unclear,
  classify,
  cleanWritten,
  compileHeader,
  isBlankRow,
  nearCandidate,
  printedIndex,
  readRow,
  resolveWritten,
  ticketKey,
  useSimplifier,
} from '../../src/core/index.js';
import { openccToSimplified } from '../../src/adapters/simplify.js';
import { election as testElection } from '../adapters/render/helpers.js';

const election: Election = testElection({
  registered: 10,
  issued: 10,
  offices: [
    { name: '主任', seats: 1, candidates: ['张建国', '李秀英'] },
    { name: '委员', seats: 3, candidates: ['孙丽', '周强', '吴敏', '郑伟'] },
  ],
});
const printed = printedIndex(election);
const roll = new RollIndex([
  { name: '张建国', group: '一组' },
  { name: '陈晓冬', group: '二组' },
  { name: '刘洋', group: '一组' },
  { name: '刘洋', group: '二组' },
  { name: 'AnnaLi', group: '三组' },
]);

function kinds(written: string, r?: RollIndex): unknown[] {
  return resolveWritten('委员', cleanWritten(written), printed, r).map((x) =>
    x.kind === 'unclear'
      ? ['unclear', x.issue.kind, 'problem' in x.issue ? x.issue.problem : 'candidate' in x.issue ? x.issue.candidate : '']
      : [x.kind, x.key],
  );
}

describe('written names (SPEC §2.2 items 1–5)', () => {
  it('item 2: marks, digits, attached marks and other separators are unclear, with why', () => {
    expect(kinds('○')).toEqual([['unclear', 'badName', 'mark']]);
    expect(kinds('1')).toEqual([['unclear', 'badName', 'mark']]);
    expect(kinds('20')).toEqual([['unclear', 'badName', 'number']]);
    expect(kinds('张建国×')).toEqual([['unclear', 'badName', 'markAttached']]);
    expect(kinds('张建国(反对)', roll)).toEqual([['unclear', 'badName', 'markAttached']]);
    expect(kinds('孙丽/周强')).toEqual([['unclear', 'badName', 'separator']]);
    expect(kinds('孙丽。周强')).toEqual([['unclear', 'badName', 'separator']]);
    expect(kinds('刘\u0000洋')).toEqual([['unclear', 'badName', 'control']]);
  });
  it('item 3: a (…) suffix is a group only when the roll has it', () => {
    expect(kinds('张建国(一组)')).toEqual([['unclear', 'badName', 'groupNoRoll']]);
    expect(kinds('张建国(一组)', roll)).toEqual([['person', '张建国']]);
    expect(kinds('张建国(五组)', roll)).toEqual([['unclear', 'badName', 'group']]);
    expect(kinds('刘洋(二组)', roll)).toEqual([['person', '刘洋(二组)']]);
    expect(kinds('刘洋', roll)).toEqual([['unclear', 'homonym', '']]);
  });
  it('item 4: white space resolved only when unambiguous', () => {
    expect(kinds('孙丽 周强 吴敏')).toEqual([
      ['person', '孙丽'],
      ['person', '周强'],
      ['person', '吴敏'],
    ]);
    expect(kinds('张 建国')).toEqual([['person', '张建国']]);
    expect(kinds('孙丽 陈晓冬', roll)).toEqual([
      ['person', '孙丽'],
      ['person', '陈晓冬'],
    ]);
    expect(kinds('陈 晓冬', roll)).toEqual([['person', '陈晓冬']]);
    expect(kinds('Anna Li', roll)).toEqual([['person', 'AnnaLi']]);
    expect(kinds('欧阳 娜娜')).toEqual([['unclear', 'badName', 'spaces']]);
    expect(kinds('阿依古丽 · 买买提')).toEqual([['person', '阿依古丽·买买提']]);
  });
  it('item 5: one character off or traditional characters → NAME_NEAR_CANDIDATE; a roll name is known', () => {
    expect(kinds('张建囯')).toEqual([['unclear', 'near', '张建国']]);
    expect(kinds('吳敏')).toEqual([['unclear', 'near', '吴敏']]);
    expect(kinds('尹建华')).toEqual([['person', '尹建华']]);
    expect(nearCandidate('卢建华', ['尹建华'])).toBeUndefined();
    expect(nearCandidate('张建囯', ['张建国'])).toEqual({ candidate: '张建国', why: 'oneChar' });
    expect(nearCandidate('吳敏', ['吴敏'])).toEqual({ candidate: '吴敏', why: 'traditional' });
    expect(kinds('张建囯', new RollIndex([{ name: '张建囯' }]))).toEqual([['person', '张建囯']]);
    expect(kinds('陈晓东', roll)).toEqual([['notVoter', '陈晓东']]);
  });
  it('identity: invisible characters and NFKC variants make no other person', () => {
    expect(kinds('孙\u200d丽')).toEqual([['person', '孙丽']]);
    expect(kinds('\u202a刘洋\u202c', roll)).toEqual(kinds('刘洋', roll));
    expect(cleanWritten('\u200b\u200d')).toBe(''); // only invisible characters: no name at all
  });
});

function plan(header: string[]): HeaderPlan {
  const p = compileHeader(header, election, 'b.csv');
  if (!p.ok) throw new Error(p.error.map((e) => e.code).join());
  return p.value;
}
const NAMES = ['票号', '主任', '委员', '状态'];
const GRID = ['票号', '主任:张建国', '主任:李秀英', '委员:孙丽', '委员:周强', '委员:吴敏', '委员:郑伟', '委员:另选1'];

function code(header: string[], cells: string[]): string | undefined {
  const r = readRow(plan(header), election, { file: 'b.csv', line: 7, cells });
  return r.ok ? undefined : `${r.error.code}@${r.error.line}`;
}

describe('rows that are not ballots (SPEC §2.2)', () => {
  it('blank rows are skipped, totals rows and repeated headers are errors naming the line', () => {
    expect(isBlankRow(['', ' ', '', ''])).toBe(true);
    expect(isBlankRow(['000001', '', '', ''])).toBe(false);
    expect(code(NAMES, ['合计', '20', '7', ''])).toBe('BALLOT_TOTAL_ROW@7');
    expect(code(NAMES, ['', '20', '7', ''])).toBe('BALLOT_TOTAL_ROW@7');
    expect(code(NAMES, ['000009', '20', '7', ''])).toBe('BALLOT_TOTAL_ROW@7');
    expect(code(NAMES, ['000009', '1', '孙丽', ''])).toBeUndefined();
    expect(code(GRID, ['小计', '3', '0', '3', '3', '0', '3', ''])).toBe('BALLOT_TOTAL_ROW@7');
    expect(code(NAMES, ['票号', '主任', '委员', '状态'])).toBe('BALLOT_REPEATED_HEADER@7');
    expect(code(NAMES, ['', '', '孙丽', ''])).toBe('BALLOT_EMPTY_TICKET@7');
    expect(code(NAMES, ['00\u00001', '张建国', '', ''])).toBe('BALLOT_TICKET_CONTROL@7');
  });
  it("Excel's empty trailing header columns are ignored unless data is under them", () => {
    const header = [...NAMES, '', ''];
    expect(plan(header).header).toEqual(NAMES);
    expect(code(header, ['000001', '张建国', '孙丽', '', '', ''])).toBeUndefined();
    expect(code(header, ['000001', '张建国', '孙丽', ''])).toBeUndefined();
    expect(code(header, ['000001', '张建国', '孙丽', '', '', 'x'])).toBe('BALLOT_EMPTY_HEADER@7');
    expect(compileHeader(['票号', '', '主任', '委员'], election, 'b.csv').ok).toBe(false);
  });
  it('票号 identity: NFKC and invisible characters removed', () => {
    expect(ticketKey('０００００１')).toBe('000001');
    expect(ticketKey('000001\u200b')).toBe('000001');
    expect(ticketKey('\ufeff000001')).toBe('000001');
    const r = readRow(plan(NAMES), election, { file: 'b.csv', line: 2, cells: ['０００００１\u200b', '张建国', '', ''] });
    expect(r.ok && r.value.ticket).toBe('000001');
  });
});

describe('names layout reading (SPEC §2.2 item 4)', () => {
  it('spaces between printed candidates of the office are separate approvals, and marks tallied', () => {
    const r = readRow(plan(NAMES), election, { file: 'b.csv', line: 2, cells: ['1', '张 建国', '孙丽 周强 吴敏', ''] });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const reading: BallotReading = r.value;
    expect(reading.sections[0]?.marks).toEqual(['approve', 'abstain']);
    expect(reading.sections[1]?.marks).toEqual(['approve', 'approve', 'approve', 'abstain']);
    const c = classify(reading, election, printed, undefined);
    expect(c.class).toBe('valid');
  });
  it('a disputed ballot lists each unclear item', () => {
    const r = readRow(plan(NAMES), election, { file: 'b.csv', line: 2, cells: ['1', '张建国(反对)', '孙丽/周强、吳敏', ''] });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const c = classify(r.value, election, printed, undefined);
    expect(c.class).toBe('disputed');
    const issues = (c as { issues: readonly Unclear[] }).issues;
    expect(issues.map((u) => [u.kind, u.column, u.value])).toEqual([
      ['badName', '主任', '张建国(反对)'],
      ['badName', '委员', '孙丽/周强'],
      ['near', '委员', '吳敏'],
    ]);
  });
});

describe("rulings' 更正 cells follow the same name rules (SPEC §2.2, §2.4)", () => {
  it('a correction that is itself not a name leaves the ballot unclear; a clean one resolves it', async () => {
    const { count } = await import('../../src/core/index.js');
    const rows = [
      { file: 'b.csv', line: 1, cells: NAMES },
      { file: 'b.csv', line: 2, cells: ['000001', '张建国', '孙丽/周强', ''] },
    ];
    const ruling = (value: string) => ({
      ticket: '000001',
      verdict: 'valid' as const,
      corrections: [{ column: '委员', value }],
      vote: '7:0',
      reason: '',
      file: 'r.csv',
      line: 2,
    });
    const bad = await count([{ file: 'b.csv', rows }], { election, registered: 10, rulings: [ruling('孙丽／周强')] });
    expect(bad.ok ? [] : bad.error.map((e) => e.code)).toEqual(['RULING_STILL_UNCLEAR']);
    const good = await count([{ file: 'b.csv', rows }], { election, registered: 10, rulings: [ruling('孙丽、周\u200b强')] });
    if (!good.ok) throw new Error(JSON.stringify(good.error));
    expect(good.value.ballots.valid).toBe(1);
    expect(good.value.people.find((p) => p.name === '周强')?.total).toBe(1);
  });
});

describe('a written name is resolved once per count (issue 17)', () => {
  const ballot = (writeIn: string): BallotReading => {
    const r = readRow(plan(GRID), election, { file: 'b.csv', line: 2, cells: ['1', '', '', '', '', '', '', writeIn] });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  it('the answer follows the roll: one that grew, or another one, is asked again', () => {
    const voters = new RollIndex([{ name: '张建国', group: '一组' }]);
    const first = classify(ballot('王小明'), election, printed, voters);
    expect([first.class, first.reasons]).toEqual(['partial', ['WRITE_IN_NOT_VOTER']]);
    expect(classify(ballot('王小明'), election, printed, voters)).toEqual(first);
    voters.add({ name: '王小明', group: '一组' });
    expect(classify(ballot('王小明'), election, printed, voters).class).toBe('valid');
    const other = new RollIndex([
      { name: '张建国', group: '一组' },
      { name: '李四', group: '二组' },
    ]); // as many voters as the grown roll, 王小明 not among them
    expect(classify(ballot('王小明'), election, printed, other).class).toBe('partial');
  });
  it('the answer follows the printed candidates and the traditional → simplified converter', () => {
    expect(classify(ballot('吳敏'), election, printed, undefined).class).toBe('disputed'); // 吴敏 in traditional characters
    const others = printedIndex(testElection({ offices: [{ name: '委员', seats: 3, candidates: ['孙丽', '周强'] }] }));
    expect(classify(ballot('吳敏'), election, others, undefined).class).toBe('valid');
    try {
      useSimplifier((s) => s);
      expect(classify(ballot('吳敏'), election, printed, undefined).class).toBe('valid');
    } finally {
      useSimplifier(openccToSimplified);
    }
    expect(classify(ballot('吳敏'), election, printed, undefined).class).toBe('disputed');
  });
});
