/**
 * Unit tests of the core's building blocks against SPEC §2.2, §3 step 3, §4: names, marks, header
 * compilation and row reading, the ticket registry, seat assignment edge cases, validity checks.
 */
import { describe, expect, it } from 'vitest';
import {
  CompactTicketRegistry,
  DEFAULT_RULES,
  type Election,
  type HeaderPlan,
  type Office,
  type PersonVotes,
  type RawRow,
  assignSeats,
  checkValidity,
  compileHeader,
  isUnclearName,
  normalizeName,
  officesAtStake,
  parseMark,
  proposeRunoff,
  readRow,
  score,
  splitGroup,
  splitNames,
} from '../../src/core/index.js';

const OFFICES: Office[] = [
  { name: '主任', seats: 1, candidates: ['张建国', '李秀英'] },
  { name: '副主任', seats: 1, candidates: ['王芳', '赵磊'] },
  { name: '委员', seats: 2, candidates: ['孙丽', '周强', '吴敏'] },
];

function election(over: Partial<Election> = {}): Election {
  return {
    title: '单元测试',
    date: '2026-12-20',
    method: 'direct',
    mode: 'combined',
    round: 'first',
    registered: 10,
    issued: 10,
    offices: OFFICES,
    rules: DEFAULT_RULES,
    previouslyElected: [],
    ...over,
  };
}

describe('names.ts — SPEC §3 step 3', () => {
  it('removes all white space (ASCII, full-width, tabs, zero-width)', () => {
    expect(normalizeName(' 张 建国 ')).toBe('张建国');
    expect(normalizeName('张\u3000建国')).toBe('张建国');
    expect(normalizeName('张\t建\n国')).toBe('张建国');
    expect(normalizeName('张\u200B建国')).toBe('张建国');
  });
  it('applies NFKC (full-width letters, brackets)', () => {
    expect(normalizeName('ＡＢＣ')).toBe('ABC');
    expect(normalizeName('刘洋（一组）')).toBe('刘洋(一组)');
  });
  it('makes the middle-dot variants one', () => {
    const want = '阿依古丽·买买提';
    for (const dot of ['\u00B7', '\u2022', '\u30FB', '\u2027', '\uFF65']) {
      expect(normalizeName(`阿依古丽${dot}买买提`), `U+${dot.codePointAt(0)?.toString(16)}`).toBe(want);
    }
  });
  it('does NOT fold traditional characters or other spellings: 張建國 ≠ 张建国', () => {
    expect(normalizeName('張建國')).not.toBe(normalizeName('张建国'));
    expect(normalizeName('张建囯')).not.toBe(normalizeName('张建国'));
    expect(normalizeName('Zhang')).not.toBe(normalizeName('zhang'));
  });
  it('splits 姓名(居民小组)', () => {
    expect(splitGroup('刘洋(一组)')).toEqual({ name: '刘洋', group: '一组' });
    expect(splitGroup('刘洋')).toEqual({ name: '刘洋' });
    expect(splitGroup(normalizeName('刘洋（二组）'))).toEqual({ name: '刘洋', group: '二组' });
  });
  it('splits names-layout cells on 、 , ， ; ； but never on spaces or middle dots', () => {
    expect(splitNames('孙丽、周强,吴敏，郑伟;钱七；李明')).toEqual(['孙丽', '周强', '吴敏', '郑伟', '钱七', '李明']);
    expect(splitNames('阿依古丽 · 买买提、 周 强 ')).toEqual(['阿依古丽·买买提', '周 强']); // white space inside an item is resolved later (SPEC §2.2 item 4)
    expect(splitNames('、，；')).toEqual([]);
    expect(splitNames('')).toEqual([]);
  });
  it('a name containing ? or ？ is unclear', () => {
    expect(isUnclearName(normalizeName('刘？'))).toBe(true);
    expect(isUnclearName(normalizeName('?'))).toBe(true);
    expect(isUnclearName(normalizeName('刘洋'))).toBe(false);
  });
});

describe('marks.ts — the mark vocabulary of SPEC §2.2', () => {
  it.each(['○', '〇', '◯', 'O', 'o', '√', '✓', '✔', '1', '同意', '赞成'])('approve: %s', (s) => {
    expect(parseMark(s)).toBe('approve');
  });
  it.each(['×', '✕', '✗', 'X', 'x', '反对'])('oppose: %s', (s) => {
    expect(parseMark(s)).toBe('oppose');
  });
  it.each(['', '-', '弃权'])('abstain: "%s"', (s) => {
    expect(parseMark(s)).toBe('abstain');
  });
  it.each(['Ｏ', 'ｏ', '１', 'Ｘ', 'ｘ', '－'])('full-width form %s is accepted', (s) => {
    expect(parseMark(s)).not.toBe('unclear');
  });
  it('full-width forms mean the same as half-width', () => {
    expect(parseMark('Ｏ')).toBe('approve');
    expect(parseMark('１')).toBe('approve');
    expect(parseMark('ｘ')).toBe('oppose');
    expect(parseMark('－')).toBe('abstain');
  });
  it('surrounding spaces are ignored (ASCII and full-width)', () => {
    expect(parseMark(' ○ ')).toBe('approve');
    expect(parseMark('\u3000×\u3000')).toBe('oppose');
    expect(parseMark('   ')).toBe('abstain');
    expect(parseMark(' 弃权 ')).toBe('abstain');
  });
  it.each(['?', '？', '0', '2', '√?', '○×', 'V', '/', '✓✓', '同'])('unclear: %s', (s) => {
    expect(parseMark(s)).toBe('unclear');
  });
});

const GRID = [
  '票号',
  '票箱',
  '主任:张建国',
  '主任:李秀英',
  '主任:另选1',
  '副主任:王芳',
  '副主任:赵磊',
  '委员:孙丽',
  '委员:周强',
  '委员:吴敏',
  '委员:另选1',
  '状态',
];

function plan(header: string[], e = election(), file = 'b.csv'): HeaderPlan {
  const p = compileHeader(header, e, file);
  if (!p.ok) throw new Error(p.error.map((x) => x.code).join());
  return p.value;
}
function codes(header: string[], e = election()): string[] {
  const p = compileHeader(header, e, 'b.csv');
  return p.ok ? [] : p.error.map((x) => x.code);
}

describe('ballot.ts compileHeader — header errors (SPEC §2.2, §7)', () => {
  it('accepts the grid and the names layout', () => {
    expect(plan(GRID).layout).toBe('grid');
    expect(plan(['票号', '票箱', '主任', '副主任', '委员', '委员:反对', '状态']).layout).toBe('names');
  });
  it('accepts a BOM, full-width colons and stray spaces in the header', () => {
    const h = ['\uFEFF票号', '票箱', '主任：张建国', '主任: 李秀英', '副主任:王芳', '副主任:赵磊', '委员:孙丽', '委员:周强', '委员:吴敏'];
    expect(plan(h).layout).toBe('grid');
  });
  it('missing 票号', () => {
    expect(codes(GRID.filter((h) => h !== '票号'))).toContain('BALLOT_NO_TICKET_COLUMN');
  });
  it('unknown office, with its column', () => {
    const p = compileHeader([...GRID, '村长:张三'], election(), 'b.csv');
    expect(p.ok).toBe(false);
    if (!p.ok) {
      const e = p.error.find((x) => x.code === 'BALLOT_UNKNOWN_OFFICE');
      expect(e).toMatchObject({ file: 'b.csv', line: 1, column: GRID.length + 1 });
    }
  });
  it('unknown candidate', () => {
    expect(codes([...GRID, '委员:钱七'])).toContain('BALLOT_UNKNOWN_CANDIDATE');
  });
  it('a ballots file of another election (no candidate column matches)', () => {
    const other = ['票号', '主任:甲', '主任:乙', '副主任:丙', '副主任:丁', '委员:戊', '委员:己', '委员:庚'];
    expect(codes(other)).toContain('BALLOT_OTHER_ELECTION');
  });
  it('missing candidate column', () => {
    expect(codes(GRID.filter((h) => h !== '委员:吴敏'))).toContain('BALLOT_MISSING_CANDIDATE');
  });
  it('unknown plain column, duplicate column, mixed layouts', () => {
    expect(codes([...GRID, '签名'])).toContain('BALLOT_UNKNOWN_COLUMN');
    expect(codes([...GRID, '委员:孙丽'])).toContain('BALLOT_DUPLICATE_COLUMN');
    expect(codes([...GRID, '委员'])).toContain('BALLOT_MIXED_LAYOUT');
  });
  it('a :符号 column without its written-name column', () => {
    expect(codes([...GRID, '委员:另选2:符号'])).toContain('BALLOT_UNKNOWN_COLUMN');
  });
});

function row(cells: string[], line = 2, file = 'b.csv'): RawRow {
  return { file, line, cells };
}
/** A grid row from a partial map column → cell. */
function gridCells(vals: Record<string, string>, header = GRID): string[] {
  return header.map((h) => vals[h] ?? '');
}

describe('ballot.ts readRow', () => {
  const p = plan(GRID);
  it('reads marks, written names, box and status', () => {
    const r = readRow(
      p,
      election(),
      row(gridCells({ 票号: '000001', 票箱: '东区', '主任:张建国': '○', '委员:周强': '×', '委员:另选1': '刘 洋' })),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ ticket: '000001', box: '东区', status: 'normal', unclear: [] });
    expect(r.value.sections[0]?.marks).toEqual(['approve', 'abstain']);
    expect(r.value.sections[2]?.marks).toEqual(['abstain', 'oppose', 'abstain']);
    expect(r.value.sections[2]?.written).toEqual([{ column: '委员:另选1', name: '刘 洋' }]); // white space resolved by classify (SPEC §2.2 item 4)
  });
  it('default 票箱 is the file base name', () => {
    const h = GRID.filter((x) => x !== '票箱');
    const r = readRow(plan(h, election(), 'data/东区票箱.csv'), election(), row(gridCells({ 票号: '7' }, h), 2, 'data/东区票箱.csv'));
    expect(r.ok && r.value.box).toBe('东区票箱');
  });
  it('status 无法辨认 / 疑难; anything else is an error naming the column', () => {
    const un = readRow(p, election(), row(gridCells({ 票号: '1', 状态: '无法辨认' })));
    expect(un.ok && un.value.status).toBe('unreadable');
    const d = readRow(p, election(), row(gridCells({ 票号: '1', 状态: ' 疑难 ' })));
    expect(d.ok && d.value.status).toBe('disputed');
    const bad = readRow(p, election(), row(gridCells({ 票号: '1', 状态: '作废' }), 9));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'BALLOT_BAD_STATUS', line: 9, column: GRID.indexOf('状态') + 1 });
  });
  it('a total row (counts instead of marks) is an error, not a ballot', () => {
    const cells = gridCells({
      票号: '合计',
      '主任:张建国': '12',
      '主任:李秀英': '3',
      '副主任:王芳': '10',
      '副主任:赵磊': '5',
      '委员:孙丽': '9',
      '委员:周强': '8',
      '委员:吴敏': '1',
    });
    const r = readRow(p, election(), row(cells, 40));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'BALLOT_TOTAL_ROW', line: 40 });
  });
  it('a row of only 1 and 0 marks is a ballot with unclear marks (0 is not in the vocabulary → disputed), not a total row', () => {
    const cells = gridCells({
      票号: '000009',
      '主任:张建国': '1',
      '主任:李秀英': '0',
      '副主任:王芳': '1',
      '副主任:赵磊': '0',
      '委员:孙丽': '1',
      '委员:周强': '1',
      '委员:吴敏': '0',
    });
    const r = readRow(p, election(), row(cells));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.unclear.filter((u) => u.kind === 'mark')).toHaveLength(3);
  });
  it('a ragged row and an empty 票号 are errors', () => {
    const short = readRow(p, election(), row(['1', '东区', '○']));
    expect(!short.ok && short.error.code).toBe('CSV_RECORD_INCONSISTENT_FIELDS_LENGTH');
    const empty = readRow(p, election(), row(gridCells({ 票号: '  ' })));
    expect(!empty.ok && empty.error.code).toBe('BALLOT_EMPTY_TICKET');
  });
  it('unclear marks and names are collected, never guessed', () => {
    const r = readRow(p, election(), row(gridCells({ 票号: '1', '主任:张建国': '?', '委员:另选1': '刘？' })));
    expect(r.ok && r.value.unclear.map((u) => u.kind)).toEqual(['mark', 'name']);
  });
});

const P = { file: 'x.csv', line: 2 };

describe('tickets.ts CompactTicketRegistry', () => {
  it('000001 and 1 are different tickets', () => {
    const t = new CompactTicketRegistry();
    expect(t.add('000001', P)).toBeUndefined();
    expect(t.add('1', P)).toBeUndefined();
    expect(t.add('01', P)).toBeUndefined();
    expect(t.add('000001', P)).toBeDefined();
    expect(t.add('1', P)).toBeDefined();
  });
  it('detects duplicates across pages and lengths', () => {
    const t = new CompactTicketRegistry();
    for (const x of ['65535', '65536', '131072', '0', '00', '999999999999999']) expect(t.add(x, P), x).toBeUndefined();
    for (const x of ['65535', '65536', '131072', '0', '00', '999999999999999']) expect(t.add(x, P), x).toBeDefined();
    expect(t.add('65537', P)).toBeUndefined();
  });
  it('numbers on both sides of 2^31 and 2^32 (pages by shift below 2^31, by division above) are told apart', () => {
    const t = new CompactTicketRegistry();
    const edge = ['2147418111', '2147418112', '2147483647', '2147483648', '2147549184', '4294967295', '4294967296', '4295032832'];
    for (const x of edge) expect(t.add(x, P), x).toBeUndefined();
    for (const x of edge) expect(t.add(x, P), x).toBeNull();
    for (const x of edge) expect(t.has(x), x).toBe(true);
    for (const x of ['2147483646', '2147483649', '4294967294', '4294967297']) expect(t.has(x), x).toBe(false);
  });
  it('non-numeric and very long tickets remember where they were first seen', () => {
    const t = new CompactTicketRegistry();
    expect(t.add('A-001', { file: 'a.csv', line: 2 })).toBeUndefined();
    expect(t.add('A-001', { file: 'b.csv', line: 3 })).toEqual({ file: 'a.csv', line: 2 });
    expect(t.add('a-001', P)).toBeUndefined(); // case matters
    const long = '1234567890123456789';
    expect(t.add(long, () => ({ file: 'first', line: 1 }))).toBeUndefined();
    expect(t.add(long, () => ({ file: 'second', line: 2 }))).toEqual({ file: 'first', line: 1 });
    expect(t.add('1234567890123456788', P)).toBeUndefined(); // not confused by float rounding
  });
  it('calls the lazy place only when it must remember it', () => {
    const t = new CompactTicketRegistry();
    let calls = 0;
    t.add('000123', () => {
      calls++;
      return { file: 'p', line: 1 };
    });
    expect(calls).toBe(0);
    t.add('X1', () => {
      calls++;
      return { file: 'p', line: 1 };
    });
    expect(calls).toBe(1);
  });
});

function pv(key: string, votes: number[], printed?: number): PersonVotes {
  return { key, printedOffice: printed, votes, total: votes.reduce((a, b) => a + b, 0) };
}
function names(a: ReturnType<typeof assignSeats>): string[] {
  return a.offices.flatMap((o) => o.seats.map((s) => `${OFFICES[o.office]?.name}:${s.person}`));
}

describe('seats.ts — SPEC §4 edge cases', () => {
  it('score is cumulative: 主任票; 主任+副主任票; 总得票数', () => {
    const p = pv('x', [3, 2, 4]);
    expect([score(p, 0), score(p, 1), score(p, 2)]).toEqual([3, 5, 9]);
  });
  it('副主任 tie on 主任+副主任票 is broken by 总得票数', () => {
    // R = 10. 王芳 0+6 (total 6); 李秀英 4+2 (total 7) → 6 = 6, total 7 > 6 → 李秀英.
    const people = [
      pv('张建国', [6, 0, 0], 0),
      pv('李秀英', [4, 2, 1], 0),
      pv('王芳', [0, 6, 0], 1),
      pv('赵磊', [0, 1, 0], 1),
      pv('孙丽', [0, 0, 8], 2),
      pv('周强', [0, 0, 7], 2),
      pv('吴敏', [0, 0, 2], 2),
    ];
    const a = assignSeats(election(), people, 10);
    expect(names(a)).toEqual(['主任:张建国', '副主任:李秀英', '委员:孙丽', '委员:周强']);
  });
  it('a person in E with no 主任票 is not 主任; the seat goes to runoff', () => {
    const people = [
      pv('张建国', [4, 0, 0], 0),
      pv('李秀英', [1, 0, 0], 0),
      pv('王芳', [0, 6, 0], 1),
      pv('赵磊', [0, 0, 0], 1),
      pv('孙丽', [0, 0, 8], 2),
      pv('周强', [0, 0, 7], 2),
      pv('吴敏', [0, 0, 0], 2),
    ];
    const a = assignSeats(election(), people, 10);
    expect(names(a)).toEqual(['副主任:王芳', '委员:孙丽', '委员:周强']);
    expect(a.offices[0]).toMatchObject({ kind: 'open', short: 1, revote: undefined });
  });
  it('exactly half is not a majority (2·votes > R)', () => {
    const a = assignSeats(
      election({ mode: 'separate', offices: [OFFICES[2] as Office] }),
      [pv('孙丽', [5], 0), pv('周强', [6], 0), pv('吴敏', [0], 0)],
      10,
    );
    expect([...a.majority]).toEqual(['周强']);
  });
  it('previously elected persons are not placed again', () => {
    const e = election({
      round: 'runoff',
      offices: [OFFICES[2] as Office],
      mode: 'separate',
      previouslyElected: [{ office: '主任', name: '孙丽' }],
    });
    const a = assignSeats(e, [pv('孙丽', [9], 0), pv('周强', [4], 0), pv('吴敏', [3], 0)], 9);
    expect(a.offices[0]?.seats.map((s) => s.person)).toEqual(['周强', '吴敏']);
  });
  it('runoff: 3·votes ≥ R, exactly one third is enough, less is not', () => {
    const e = election({ round: 'runoff', offices: [OFFICES[2] as Office], mode: 'separate' });
    const a = assignSeats(e, [pv('孙丽', [3], 0), pv('周强', [2], 0)], 9);
    expect(a.offices[0]).toMatchObject({ kind: 'open', short: 1 });
    expect(a.offices[0]?.seats.map((s) => s.person)).toEqual(['孙丽']);
  });
  it('revote: only the printed (tied) persons can win; a write-in with more votes cannot', () => {
    const e = election({ round: 'revote', mode: 'separate', offices: [{ name: '委员', seats: 1, candidates: ['周强', '吴敏'] }] });
    const a = assignSeats(e, [pv('周强', [3], 0), pv('吴敏', [2], 0), pv('刘洋', [5], undefined)], 10);
    expect(a.offices[0]?.seats.map((s) => s.person)).toEqual(['周强']);
  });
  it('a tie inside the elected group is no tie; a tie across the boundary is', () => {
    const sep = election({ mode: 'separate', offices: [{ name: '委员', seats: 2, candidates: ['孙丽', '周强', '吴敏'] }] });
    const inside = assignSeats(sep, [pv('孙丽', [7], 0), pv('周强', [7], 0), pv('吴敏', [6], 0)], 10);
    expect(inside.offices[0]?.kind).toBe('filled');
    const across = assignSeats(sep, [pv('孙丽', [8], 0), pv('周强', [7], 0), pv('吴敏', [7], 0)], 10);
    expect(across.offices[0]).toMatchObject({ kind: 'open', short: 0, revote: { seats: 1 } });
    const all3 = assignSeats(sep, [pv('孙丽', [7], 0), pv('周强', [7], 0), pv('吴敏', [7], 0)], 10);
    expect(all3.offices[0]).toMatchObject({ kind: 'open', revote: { seats: 2 } });
    expect(all3.offices[0]?.seats).toEqual([]);
  });
  it('runoff proposal: by 总得票数; a tie at the cut-off widens the list within the 差额 maximum', () => {
    const sep = election({ mode: 'separate', offices: [{ name: '委员', seats: 2, candidates: ['孙丽', '周强', '吴敏', '郑伟', '钱七'] }] });
    const people = [pv('孙丽', [6], 0), pv('周强', [4], 0), pv('吴敏', [3], 0), pv('郑伟', [3], 0), pv('钱七', [1], 0)];
    const a = assignSeats(sep, people, 10);
    const [p] = proposeRunoff(sep, people, a);
    // 1 seat open → 2 to 4 candidates; 周强 4, then 吴敏/郑伟 tied at 3 → both.
    expect(p?.seats).toBe(1);
    expect(p?.candidates[0]).toBe('周强');
    expect([...(p?.candidates ?? [])].sort()).toEqual(['吴敏', '周强', '郑伟'].sort());
    expect(p?.tieAtCutoff).toBe(false);
  });
  it('officesAtStake: a close race is at stake, a safe one is not', () => {
    const sep = election({ mode: 'separate', offices: [{ name: '委员', seats: 1, candidates: ['孙丽', '周强'] }] });
    const close = [pv('孙丽', [6], 0), pv('周强', [5], 0)];
    expect(officesAtStake(sep, close, assignSeats(sep, close, 12), 12, 1)).toEqual([0]);
    const safe = [pv('孙丽', [8], 0), pv('周强', [2], 0)];
    expect(officesAtStake(sep, safe, assignSeats(sep, safe, 12), 12, 1)).toEqual([]);
    expect(officesAtStake(sep, safe, assignSeats(sep, safe, 12), 12, 6)).toEqual([0]);
  });
});

describe('validity.ts — 第三十七、三十八条, 差额', () => {
  const failed = (e: Election, R: number, reg: number) => checkValidity(e, R, reg).failed;
  it('turnout: direct and household need 2R > registered; representative 5R > 4·registered', () => {
    expect(failed(election(), 6, 12)).toEqual(['LOW_TURNOUT']);
    expect(failed(election(), 7, 12)).toEqual([]);
    expect(failed(election({ method: 'household' }), 6, 12)).toEqual(['LOW_TURNOUT']);
    expect(failed(election({ method: 'representative' }), 8, 10)).toEqual(['LOW_TURNOUT']);
    expect(failed(election({ method: 'representative' }), 9, 10)).toEqual([]);
  });
  it('returned may equal issued but not exceed it', () => {
    expect(failed(election({ issued: 7 }), 7, 10)).toEqual([]);
    expect(failed(election({ issued: 7 }), 8, 10)).toEqual(['MORE_RETURNED_THAN_ISSUED']);
  });
  it('差额: 主任/副主任 exactly seats+1, 委员 seats+1 … seats+3; first round only', () => {
    const with委员 = (n: number) =>
      election({
        offices: [
          OFFICES[0] as Office,
          OFFICES[1] as Office,
          { name: '委员', seats: 2, candidates: ['a', 'b', 'c', 'd', 'e', 'f'].slice(0, n) },
        ],
      });
    expect(failed(with委员(2), 8, 10)).toEqual(['NOT_COMPETITIVE']);
    expect(failed(with委员(3), 8, 10)).toEqual([]);
    expect(failed(with委员(5), 8, 10)).toEqual([]);
    expect(failed(with委员(6), 8, 10)).toEqual(['NOT_COMPETITIVE']);
    const three主任 = election({
      offices: [{ name: '主任', seats: 1, candidates: ['a', 'b', 'c'] }, OFFICES[1] as Office, OFFICES[2] as Office],
    });
    expect(failed(three主任, 8, 10)).toEqual(['NOT_COMPETITIVE']);
    expect(failed({ ...three主任, round: 'runoff' }, 8, 10)).toEqual([]);
    expect(failed({ ...three主任, round: 'revote' }, 8, 10)).toEqual([]);
  });
  it('revote keeps the first-round turnout rule; runoff uses 2R > registered for every method', () => {
    expect(failed(election({ method: 'representative', round: 'revote' }), 8, 10)).toEqual(['LOW_TURNOUT']);
    expect(failed(election({ method: 'representative', round: 'runoff' }), 6, 10)).toEqual([]);
    expect(failed(election({ round: 'runoff' }), 5, 10)).toEqual(['LOW_TURNOUT']);
  });
});
