/** Unit tests of the pure core's small parts and of output safety (issue 7). */
import { describe, expect, it } from 'vitest';
import { ballotLogHeader, formatBallotLogLine } from '../../src/adapters/render/ballotlog.js';
import { escapeCsvCell } from '../../src/adapters/render/csv.js';
import { detectEncoding } from '../../src/adapters/input/encoding.js';
import { CompactTicketRegistry, RollIndex, normalizeName, parseMark, splitGroup, splitNames } from '../../src/core/index.js';

describe('names (SPEC §3 step 3)', () => {
  it('NFKC, white space removed, middle dots unified', () => {
    expect(normalizeName(' 张 建国\u3000')).toBe('张建国');
    expect(normalizeName('阿依古丽•买买提')).toBe('阿依古丽·买买提');
    expect(normalizeName('阿依古丽・买买提')).toBe('阿依古丽·买买提');
    expect(normalizeName('阿依古丽‧买买提')).toBe('阿依古丽·买买提');
    expect(normalizeName('王伟（三组）')).toBe('王伟(三组)');
  });
  it('never merges a traditional-character spelling with the simplified one', () => {
    expect(normalizeName('張建國')).not.toBe(normalizeName('张建国'));
  });
  it('splits names on 、 , ， ; ； but not on spaces or middle dots', () => {
    expect(splitNames('孙丽、周强,吴敏，郑伟;李明；王 芳')).toEqual(['孙丽', '周强', '吴敏', '郑伟', '李明', '王 芳']); // space kept: SPEC §2.2 item 4
    expect(splitNames('阿依古丽·买买提')).toEqual(['阿依古丽·买买提']);
    expect(splitGroup('王伟(第三居民小组)')).toEqual({ name: '王伟', group: '第三居民小组' });
  });
});

describe('marks (SPEC §2.2)', () => {
  it.each(['○', '〇', '◯', 'O', 'o', '√', '✓', '✔', '1', '同意', '赞成', ' ○ ', 'Ｏ', '１'])('%s approves', (m) =>
    expect(parseMark(m)).toBe('approve'),
  );
  it.each(['×', '✕', '✗', 'X', 'x', '反对', 'Ｘ'])('%s opposes', (m) => expect(parseMark(m)).toBe('oppose'));
  it.each(['', '-', '弃权', '  ', '－'])('"%s" abstains', (m) => expect(parseMark(m)).toBe('abstain'));
  it.each(['?', '？', '○×', '2', '√?', 'v'])('%s is unclear', (m) => expect(parseMark(m)).toBe('unclear'));
});

describe('tickets', () => {
  it('detects repeats; 000001 and 1 are different tickets; non-numeric tickets remember the first place', () => {
    const t = new CompactTicketRegistry();
    const at = (line: number) => ({ file: 'x.csv', line });
    expect(t.add('000001', at(2))).toBeUndefined();
    expect(t.add('1', at(3))).toBeUndefined();
    expect(t.add('000001', at(4))).toBeNull(); // seen; a numeric 票号's place is not remembered
    expect(t.add('A-7', at(5))).toBeUndefined();
    expect(t.add('A-7', at(6))).toEqual(at(5));
    expect(t.add('99999999999', at(7))).toBeUndefined();
    expect(t.add('99999999999', at(8))).toBeNull();
  });
});

describe('roll index', () => {
  it('unique names, homonyms needing a group, unknown names', () => {
    const r = new RollIndex([
      { name: '王伟', group: '一组' },
      { name: '王伟', group: '三组' },
      { name: '李明', group: '二组' },
      { name: '', group: undefined },
    ]);
    expect(r.size).toBe(4);
    expect(r.match('李明', undefined)).toEqual({ kind: 'one', person: '李明' });
    expect(r.match('王伟', undefined)).toEqual({ kind: 'many', candidates: ['王伟(一组)', '王伟(三组)'] });
    expect(r.match('王伟', '三组')).toEqual({ kind: 'one', person: '王伟(三组)' });
    expect(r.match('李明', '五组')).toEqual({ kind: 'many', candidates: ['李明(二组)'] });
    expect(r.match('赵六', undefined)).toEqual({ kind: 'none' });
  });
});

describe('encoding detection', () => {
  it('UTF-8 (even cut mid-character), BOM, GBK', () => {
    const utf8 = new TextEncoder().encode('票号,主任:张建国\n');
    expect(detectEncoding(utf8.subarray(0, utf8.length - 3))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xd5, 0xc5, 0xbd, 0xa8, 0xb9, 0xfa]))).toBe('gb18030'); // 张建国 in GBK
  });
});

describe('output safety (formula injection)', () => {
  it.each(['=1+1', '+86', '-3', '@SUM(A1)', '\tx', '\rx'])('%j is neutralised', (s) => expect(escapeCsvCell(s)).toBe(`'${s}`));
  it('ordinary cells are untouched', () => expect(escapeCsvCell('张建国')).toBe('张建国'));
  it('ballot log cells from the input are escaped and quoted', () => {
    expect(ballotLogHeader()).toBe('\uFEFF票号,票箱,文件,行,类别,原因,原读,认定\n');
    const line = formatBallotLogLine({
      ticket: '=HYPERLINK("x")',
      box: '一,号',
      file: 'b.csv',
      line: 2,
      class: 'valid',
      reasons: [],
      ruling: undefined,
    });
    expect(line).toBe(`"'=HYPERLINK(""x"")","一,号",b.csv,2,有效,,,\n`);
  });
});

describe('names layout: what is unclear is said precisely', () => {
  it('approved and opposed at once → conflict; opposing an unprinted name → opposeNotPrinted', async () => {
    const { count, DEFAULT_RULES, describeUnclear } = await import('../../src/core/index.js');
    const election = {
      title: 't',
      date: '2026-12-20',
      method: 'direct' as const,
      mode: 'combined' as const,
      round: 'first' as const,
      registered: 4,
      issued: 4,
      rules: DEFAULT_RULES,
      previouslyElected: [],
      offices: [{ name: '委员', seats: 2, candidates: ['钱七', '孙八', '周九'] }],
    };
    const rows = [
      { file: 'b.csv', line: 1, cells: ['票号', '委员', '委员:反对'] },
      { file: 'b.csv', line: 2, cells: ['1', '钱七', '钱七'] },
      { file: 'b.csv', line: 3, cells: ['2', '钱七', '陈一'] },
    ];
    const r = await count([{ file: 'b.csv', rows }], { election, registered: 4 });
    if (!r.ok) throw new Error('count failed');
    expect(r.value.disputes.map((d) => d.issues.map(describeUnclear))).toEqual([
      ['「委员」一栏的「钱七」同时被列为赞成和反对'],
      ['「委员:反对」一栏的「陈一」不是委员的正式候选人, 不能投反对票'],
    ]);
  });
});
