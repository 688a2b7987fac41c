/** Unit tests of the pure roll checks (src/core/rollcheck.ts), one block per check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Election, type RollEntry } from '../../src/core/index.js';
import {
  type RollCheckCode,
  ROLL_CHECKS,
  ageOn,
  checkRoll,
  formatDate,
  idCheckChar,
  parseIdNumber,
  parseIsoDate,
} from '../../src/core/rollcheck.js';

let nextLine = 2;
function entry(name: string, extra: Partial<Omit<RollEntry, 'name'>> = {}): RollEntry {
  return { name, line: nextLine++, ...extra };
}
function roll(...rows: RollEntry[]): RollEntry[] {
  nextLine = 2;
  return rows.map((r, i) => ({ ...r, line: i + 2 }));
}

const election: Election = {
  title: '测试社区第一届居民委员会选举',
  date: '2026-12-20',
  method: 'direct',
  mode: 'combined',
  round: 'first',
  issued: 10,
  offices: [
    { name: '主任', seats: 1, candidates: ['张建国', '李秀英'] },
    { name: '委员', seats: 1, candidates: ['孙丽', '周强'] },
  ],
  rules: DEFAULT_RULES,
  previouslyElected: [],
};

const candidatesOnRoll = (): RollEntry[] => ['张建国', '李秀英', '孙丽', '周强'].map((n, i) => entry(n, { voterId: `C${i + 1}` }));

function codes(r: ReturnType<typeof checkRoll>): RollCheckCode[] {
  return r.problems.map((p) => p.code);
}

describe('身份证号 (GB 11643-1999)', () => {
  it('accepts a valid 18-digit ID with X check character', () => {
    const info = parseIdNumber('11010519491231002X');
    expect(info.kind).toBe('id18');
    if (info.kind === 'malformed') throw new Error('unreachable');
    expect(info.birth).toBe(19491231);
    expect(info.expectedCheck).toBeUndefined();
    expect(idCheckChar('11010519491231002')).toBe('X');
  });
  it('agrees with the ISO 7064 MOD 11-2 definition for every 17-digit body', () => {
    // Independent formulation: weight of position i (counted from the right, check digit = 1) is
    // 2^(i-1) mod 11; check value = (12 - S mod 11) mod 11, 10 written X.
    const reference = (body: string): string => {
      let s = 0;
      for (let k = 0; k < 17; k++) s += Number(body[k]) * (2 ** (17 - k) % 11);
      const v = (12 - (s % 11)) % 11;
      return v === 10 ? 'X' : String(v);
    };
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/u), (body) => idCheckChar(body) === reference(body)),
      { numRuns: 2000 },
    );
    expect(idCheckChar('44052418800101001')).toBe('4'); // the other well-known example, 440524188001010014
  });
  it('accepts lower-case x and full-width digits', () => {
    const info = parseIdNumber(' １１0105194912310０2x ');
    expect(info.kind).toBe('id18');
    expect(info.normalized).toBe('11010519491231002X');
  });
  it('detects a wrong check digit and says which one is expected', () => {
    const info = parseIdNumber('110105194912310021');
    expect(info.kind).toBe('id18');
    if (info.kind === 'malformed') throw new Error('unreachable');
    expect(info.expectedCheck).toBe('X');
  });
  it('reads a 15-digit ID as born 19YYMMDD and upgrades it to 18 digits', () => {
    const info = parseIdNumber('110105491231002');
    expect(info.kind).toBe('id15');
    if (info.kind === 'malformed') throw new Error('unreachable');
    expect(info.birth).toBe(19491231);
    expect(info.as18).toBe('11010519491231002X');
  });
  it('rejects wrong lengths, letters and impossible birth dates', () => {
    expect(parseIdNumber('11010519491231002').kind).toBe('malformed');
    expect(parseIdNumber('1101051949123100X2').kind).toBe('malformed');
    expect(parseIdNumber('110105194902300011').kind).toBe('malformed'); // 1949-02-30
    expect(parseIdNumber('110105490230002').kind).toBe('malformed');
  });
  it('reports ID problems on the row', () => {
    const r = checkRoll(
      roll(
        entry('甲', { idNumber: '11010519491231002X' }),
        entry('乙', { idNumber: '110105194912310021', voterId: 'V2' }),
        entry('丙', { idNumber: '110105491231003' }),
        entry('丁', { idNumber: '12345' }),
      ),
      { maxProxies: 3 },
    );
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'ID_CHECK_DIGIT'],
      [5, 'ID_MALFORMED'],
    ]);
    expect(r.problems[0]?.voterId).toBe('V2');
    expect(r.problems[0]?.message).toContain('应为 X');
  });
});

describe('dates and age', () => {
  it('parses only real YYYY-MM-DD days', () => {
    expect(parseIsoDate('2008-02-29')).toBe(20080229);
    expect(parseIsoDate('2007-02-29')).toBeUndefined();
    expect(parseIsoDate('1900-02-29')).toBeUndefined();
    expect(parseIsoDate('2000-02-29')).toBe(20000229);
    expect(parseIsoDate('2008/02/28')).toBeUndefined();
    expect(parseIsoDate('2008-2-28')).toBeUndefined();
    expect(formatDate(20080229)).toBe('2008-02-29');
  });
  it('counts the birthday itself: exactly 18 on the day is 18', () => {
    expect(ageOn(20081220, 20261220)).toBe(18);
    expect(ageOn(20081221, 20261220)).toBe(17);
    expect(ageOn(20080229, 20260228)).toBe(17);
    expect(ageOn(20080229, 20260301)).toBe(18);
    expect(ageOn(20270101, 20261220)).toBe(-1);
  });
});

describe('UNDER_18', () => {
  it('uses 出生日期, else the ID birth digits; exactly 18 on the election day is eligible', () => {
    const r = checkRoll(
      roll(
        entry('满十八', { birthDate: '2008-12-20' }),
        entry('差一天', { birthDate: '2008-12-21', voterId: 'V2' }),
        entry('证号满十八', { idNumber: '620102200812201239' }),
        entry('证号差一天', { idNumber: '620102200812211234' }),
        entry('无日期'),
      ),
      { election, maxProxies: 3 },
    );
    // (the candidates of `election` are not on this roll: those problems have no line)
    expect(r.problems.filter((p) => p.line !== undefined).map((p) => [p.line, p.code])).toEqual([
      [3, 'UNDER_18'],
      [5, 'UNDER_18'],
    ]);
    expect(r.problems[0]?.message).toContain('17 周岁');
    expect(r.problems[1]?.message).toContain('身份证号中的出生日期 2008-12-21');
    expect(r.summary.ageUnchecked).toBe(1);
    expect(r.summary.electionDate).toBe('2026-12-20');
  });
  it('electionDate overrides election.date; without any date the check is skipped', () => {
    const rows = roll(entry('甲', { birthDate: '2008-12-21' }));
    expect(codes(checkRoll(rows, { election: { ...election, offices: [] }, electionDate: '2026-12-21', maxProxies: 3 }))).toEqual([]);
    expect(codes(checkRoll(rows, { election: { ...election, offices: [] }, maxProxies: 3 }))).toEqual(['UNDER_18']);
    const none = checkRoll(rows, { maxProxies: 3 });
    expect(codes(none)).toEqual([]);
    expect(none.summary.skipped).toContain('UNDER_18');
    expect(none.summary.electionDate).toBeNull();
  });
  it('a birth date after the election day is under 18', () => {
    const r = checkRoll(roll(entry('甲', { birthDate: '2027-01-01' })), { electionDate: '2026-12-20', maxProxies: 3 });
    expect(codes(r)).toEqual(['UNDER_18']);
    expect(r.problems[0]?.message).toContain('晚于选举日');
  });
});

describe('出生日期', () => {
  it('reports a malformed date and a date that disagrees with the ID', () => {
    const r = checkRoll(
      roll(
        entry('甲', { birthDate: '1980-02-30' }),
        entry('乙', { birthDate: '1980-01-02', idNumber: '620102198001010017' }),
        entry('丙', { birthDate: '1980-01-01', idNumber: '620102198001010025' }),
      ),
      { maxProxies: 3 },
    );
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'BIRTH_DATE_INVALID'],
      [3, 'BIRTH_DATE_MISMATCH'],
    ]);
    expect(r.problems[1]?.message).toContain('1980-01-01');
  });
});

describe('duplicates', () => {
  it('same 身份证号 (X case-insensitive, 15-digit upgraded) and same 选民证号 name both rows', () => {
    const r = checkRoll(
      roll(
        entry('甲', { voterId: 'V1', idNumber: '11010519491231002X' }),
        entry('乙', { voterId: 'V2', idNumber: '11010519491231002x' }),
        entry('丙', { voterId: 'v1', idNumber: '110105491231002' }),
        entry('丁', { voterId: 'V4', idNumber: '620102198001010017' }),
      ),
      { maxProxies: 3 },
    );
    expect(r.problems.map((p) => [p.line, p.code, p.related])).toEqual([
      [3, 'DUPLICATE_ID', [2]],
      [4, 'DUPLICATE_ID', [2]],
      [4, 'DUPLICATE_VOTER_ID', [2]],
    ]);
    expect(r.problems[1]?.message).toContain('15 位旧号码升为 18 位后相同');
    expect(r.problems[0]?.message).toContain('第 2 行 (选民证号 V1, 甲)');
    expect(r.summary.counts.DUPLICATE_ID).toBe(2);
  });
  it('blank IDs are not duplicates of each other; repeated placeholders are malformed, not duplicates', () => {
    const r = checkRoll(roll(entry('甲', { voterId: ' ', idNumber: '' }), entry('乙', { voterId: '', idNumber: ' ' })), { maxProxies: 3 });
    expect(codes(r)).toEqual([]);
    const placeholders = checkRoll(roll(entry('甲', { idNumber: '无' }), entry('乙', { idNumber: '无' })), { maxProxies: 3 });
    expect(codes(placeholders)).toEqual(['ID_MALFORMED', 'ID_MALFORMED']);
  });
});

describe('NAME_MISSING', () => {
  it('reports rows without 姓名', () => {
    const r = checkRoll(roll(entry('甲'), entry('', { voterId: 'V2' })), { maxProxies: 3 });
    expect(r.problems).toEqual([
      { code: 'NAME_MISSING', line: 3, voterId: 'V2', related: [], message: expect.stringContaining('姓名为空') },
    ]);
  });
});

describe('proxies (规程 第三十条)', () => {
  it('a holder named by 选民证号 or 姓名 with more than maxProxies proxies', () => {
    const rows = roll(
      entry('持有人', { voterId: 'H1' }),
      entry('甲', { proxy: 'H1' }),
      entry('乙', { proxy: '持有人' }),
      entry('丙', { proxy: ' h1 ' }),
      entry('丁', { proxy: '持 有 人' }),
    );
    const over = checkRoll(rows, { maxProxies: 3 });
    expect(over.problems.map((p) => [p.line, p.code, p.related])).toEqual([[2, 'PROXY_OVER_LIMIT', [3, 4, 5, 6]]]);
    expect(over.problems[0]?.message).toContain('4 人');
    expect(over.summary.proxies).toBe(4);
    expect(codes(checkRoll(rows, { maxProxies: 4 }))).toEqual([]);
  });
  it('a 受托人 naming nobody, a homonym, oneself, or someone who has given a proxy', () => {
    const r = checkRoll(
      roll(
        entry('王伟', { voterId: 'W1', group: '一组' }),
        entry('王伟', { voterId: 'W2', group: '二组' }),
        entry('甲', { voterId: 'A', proxy: '不存在' }),
        entry('乙', { voterId: 'B', proxy: '王伟' }),
        entry('丙', { voterId: 'C', proxy: '王伟(二组)' }),
        entry('丁', { voterId: 'D', proxy: 'D' }),
        entry('戊', { voterId: 'E', proxy: 'C' }),
      ),
      { maxProxies: 3 },
    );
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([
      [4, 'PROXY_UNKNOWN'],
      [5, 'PROXY_AMBIGUOUS'],
      [6, 'PROXY_CHAIN'],
      [7, 'PROXY_SELF'],
    ]);
    expect(r.problems[1]?.related).toEqual([2, 3]);
    expect(r.problems[2]?.related).toEqual([3, 8]);
  });
  it('a candidate holding a proxy', () => {
    const r = checkRoll(roll(...candidatesOnRoll(), entry('甲', { proxy: '孙丽' })), { election, maxProxies: 3 });
    expect(r.problems.map((p) => [p.line, p.code, p.name])).toEqual([[4, 'CANDIDATE_PROXY', '孙丽']]);
  });
});

describe('candidates', () => {
  it('a candidate not on the roll is reported against election.json', () => {
    const r = checkRoll(roll(entry('张建国'), entry('李秀英'), entry('孙丽')), { election, maxProxies: 3 });
    expect(r.problems).toEqual([
      { code: 'CANDIDATE_NOT_ON_ROLL', related: [], key: 'offices[1].candidates[1]', message: expect.stringContaining('「周强」') },
    ]);
  });
  it('without an election the candidate checks are skipped', () => {
    const r = checkRoll(roll(entry('甲')), { maxProxies: 3 });
    expect(r.summary.skipped).toEqual(['UNDER_18', 'CANDIDATE_PROXY', 'CANDIDATE_NOT_ON_ROLL', 'REGISTERED_MISMATCH']);
  });
  it('registered in election.json must equal the roll size', () => {
    const r = checkRoll(roll(...candidatesOnRoll()), { election: { ...election, registered: 5 }, maxProxies: 3 });
    expect(r.problems.map((p) => [p.code, p.key])).toEqual([['REGISTERED_MISMATCH', 'registered']]);
    expect(codes(checkRoll(roll(...candidatesOnRoll()), { election: { ...election, registered: 4 }, maxProxies: 3 }))).toEqual([]);
  });
});

describe('homonyms (同名)', () => {
  it('lists homonyms in different groups without a problem', () => {
    const r = checkRoll(
      roll(
        entry('王伟', { voterId: 'W1', group: '第一居民小组' }),
        entry('李四'),
        entry('王　伟', { voterId: 'W2', group: '第三居民小组' }),
      ),
      { maxProxies: 3 },
    );
    expect(codes(r)).toEqual([]);
    expect(r.homonyms).toEqual([
      {
        name: '王伟',
        ambiguous: false,
        candidate: false,
        members: [
          { line: 2, voterId: 'W1', group: '第一居民小组', writeAs: '王伟(第一居民小组)' },
          { line: 4, voterId: 'W2', group: '第三居民小组', writeAs: '王伟(第三居民小组)' },
        ],
      },
    ]);
    expect(r.summary.homonymGroups).toBe(1);
  });
  it('flags homonyms in the same group (one problem) and homonyms without a group (one per row)', () => {
    const r = checkRoll(
      roll(
        entry('王伟', { group: '一组' }),
        entry('王伟', { group: '一组' }),
        entry('王伟', { group: '二组' }),
        entry('张三'),
        entry('张三', { group: '一组' }),
      ),
      { maxProxies: 3 },
    );
    expect(r.problems.map((p) => [p.line, p.code, p.related])).toEqual([
      [2, 'HOMONYM_AMBIGUOUS', [3]],
      [5, 'HOMONYM_AMBIGUOUS', [6]],
    ]);
    expect(r.homonyms.map((h) => [h.name, h.ambiguous])).toEqual([
      ['王伟', true],
      ['张三', true],
    ]);
    expect(r.homonyms[0]?.members.map((m) => m.writeAs)).toEqual([undefined, undefined, '王伟(二组)']);
  });
  it('sorts groups by 姓氏笔画 and marks candidate names', () => {
    const r = checkRoll(roll(...candidatesOnRoll(), entry('王芳'), entry('王芳'), entry('孙丽', { group: 'x' })), {
      election,
      maxProxies: 3,
    });
    // 王 (4 strokes) sorts before 孙 (6 strokes).
    expect(r.homonyms.map((h) => [h.name, h.candidate])).toEqual([
      ['王芳', false],
      ['孙丽', true],
    ]);
    expect(r.homonyms[0]?.members.map((m) => m.writeAs)).toEqual([undefined, undefined]);
  });
  it("a voter sharing a candidate's name cannot be written in, even with a 居民小组", () => {
    const r = checkRoll(roll(entry('孙丽', { group: '一组' }), entry('孙丽', { group: '二组' })), {
      election: { ...election, offices: [{ name: '委员', seats: 1, candidates: ['孙丽'] }] },
      maxProxies: 3,
    });
    expect(codes(r)).toEqual([]);
    expect(r.homonyms).toEqual([
      {
        name: '孙丽',
        ambiguous: false,
        candidate: true,
        members: [
          { line: 2, group: '一组' },
          { line: 3, group: '二组' },
        ],
      },
    ]);
  });
});

describe('summary and order', () => {
  it('counts every check, orders problems by row then check, and is deterministic', () => {
    const rows = roll(
      entry('', { voterId: 'V1', idNumber: '1' }),
      entry('甲', { voterId: 'V1', birthDate: '2010-01-01' }),
      entry('乙', { proxy: '无此人' }),
    );
    const a = checkRoll(rows, { election, maxProxies: 3 });
    const b = checkRoll(rows, { election, maxProxies: 3 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.problems.map((p) => [p.line ?? null, p.code])).toEqual([
      [2, 'NAME_MISSING'],
      [2, 'ID_MALFORMED'],
      [3, 'DUPLICATE_VOTER_ID'],
      [3, 'UNDER_18'],
      [4, 'PROXY_UNKNOWN'],
      [null, 'CANDIDATE_NOT_ON_ROLL'],
      [null, 'CANDIDATE_NOT_ON_ROLL'],
      [null, 'CANDIDATE_NOT_ON_ROLL'],
      [null, 'CANDIDATE_NOT_ON_ROLL'],
    ]);
    expect(Object.keys(a.summary.counts)).toEqual([...ROLL_CHECKS]);
    expect(a.summary.problems).toBe(9);
    expect(a.summary.counts.CANDIDATE_NOT_ON_ROLL).toBe(4);
    expect(a.summary.ageUnchecked).toBe(2);
  });
  it('a clean roll has no problems', () => {
    const r = checkRoll(roll(...candidatesOnRoll().map((e) => ({ ...e, birthDate: '1970-01-01' }))), { election, maxProxies: 3 });
    expect(r.summary.problems).toBe(0);
    expect(r.problems).toEqual([]);
  });
});
