/**
 * One small hand-checked fixture per rule of SPEC §3 and §4 (each fixtures/case-NAME folder has an EXPECTED.md with the hand
 * working). These assertions are the hand-worked figures; the golden test additionally pins every output.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface J {
  ballots: Record<string, number>;
  validity: { valid: boolean; failed: string[] };
  people: { name: string; votes: Record<string, number>; total: number; majority: boolean; elected: string | null }[];
  elected: { office: string; name: string }[];
  revote: { office: string; seats: number; names: string[] }[];
  runoff: { office: string; seats: number; candidates: string[] }[];
  vacant: { office: string; seats: number }[];
  provisional: boolean;
  presiding: string | null;
  reasons: Record<string, number>;
  offices: {
    name: string;
    counted: number;
    seats: number;
    approvals: number;
    unused: number;
    void: number;
    candidates: { name: string; approve: number; oppose: number; abstain: number }[];
  }[];
  disputes: { ticket: string; issues: { kind: string }[] }[];
}

async function result(name: string): Promise<J> {
  const io = fakeIo(root);
  const code = await main(['count', `fixtures/${name}/ballots.csv`, '--format', 'json'], io);
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  return JSON.parse(io.out()) as J;
}

const totals = (j: J) => Object.fromEntries(j.people.map((p) => [p.name, p.total]));
const elected = (j: J) => j.elected.map((e) => `${e.office}:${e.name}`);

describe('SPEC §4 seat assignment (hand-checked fixtures)', () => {
  it('主任票 equal → the higher 总得票数 wins (第三十九条(三)); a majority person may stay unelected', async () => {
    const j = await result('case-tiebreak-total');
    expect(j.people.find((p) => p.name === '张三')).toMatchObject({
      votes: { 主任: 4, 副主任: 0, 委员: 2 },
      total: 6,
      majority: true,
      elected: null,
    });
    expect(j.people.find((p) => p.name === '李四')).toMatchObject({ votes: { 主任: 4, 副主任: 0, 委员: 3 }, total: 7, elected: '主任' });
    expect(elected(j)).toEqual(['主任:李四', '副主任:王五', '委员:孙八', '委员:钱七']);
  });
  it('an unbreakable tie at the boundary → 再次投票 for that seat', async () => {
    const j = await result('case-boundary-tie');
    expect(totals(j)).toMatchObject({ 钱七: 6, 孙八: 5, 周九: 5 });
    expect(elected(j)).toEqual(['主任:张三', '副主任:王五', '委员:钱七']);
    expect(j.revote).toEqual([{ office: '委员', seats: 1, names: ['孙八', '周九'] }]);
    expect(j.runoff).toEqual([]);
  });
  it('persons tied for 主任 are not placed lower; the seat they would take goes to 另行选举', async () => {
    const j = await result('case-tie-top');
    expect(j.revote).toEqual([{ office: '主任', seats: 1, names: ['张三', '李四'] }]);
    expect(elected(j)).toEqual(['副主任:王五', '委员:钱七']);
    expect(j.runoff).toEqual([{ office: '委员', seats: 1, candidates: ['孙八', '周九'], tieAtCutoff: false }]);
  });
  it('low turnout: 2R = registered is not more than half → invalid, nobody elected', async () => {
    const j = await result('case-low-turnout');
    expect(j.validity).toMatchObject({ valid: false, failed: ['LOW_TURNOUT'] });
    expect(j.elected).toEqual([]);
    expect(totals(j)['张三']).toBe(7);
  });
  it('差额 violation (委员 2 seats, 2 candidates) → NOT_COMPETITIVE', async () => {
    const j = await result('case-not-competitive');
    expect(j.validity.failed).toEqual(['NOT_COMPETITIVE']);
    expect(j.elected).toEqual([]);
  });
  it('representative: exactly 4/5 is not enough, more than 4/5 is', async () => {
    expect((await result('case-representative-80')).validity.failed).toEqual(['LOW_TURNOUT']);
    const ok = await result('case-representative-90');
    expect(ok.validity.valid).toBe(true);
    expect(elected(ok)).toEqual(['主任:张三', '副主任:王五', '委员:孙八', '委员:钱七']);
  });
  it('runoff: 3·votes ≥ R elects, the rest is vacant, and 第四十一条 says who presides', async () => {
    const j = await result('case-runoff');
    expect(elected(j)).toEqual(['委员:钱七', '委员:孙八']);
    expect(j.vacant).toEqual([{ office: '主任', seats: 1 }]);
    expect(j.presiding).toContain('由当选委员中得票最高的赵六主持工作');
  });
  it('separate mode: one office by votes; too few majorities → runoff candidates by votes', async () => {
    const j = await result('case-separate');
    expect(j.ballots).toMatchObject({ returned: 7, valid: 6, invalid: 1 });
    expect(elected(j)).toEqual(['委员:孙八', '委员:钱七']);
    expect(j.runoff).toEqual([{ office: '委员', seats: 1, candidates: ['吴十', '周九'], tieAtCutoff: false }]);
  });
  it('revote round: most votes among the tied wins', async () => {
    const j = await result('case-revote');
    expect(elected(j)).toEqual(['委员:孙八']);
    expect(j.ballots).toMatchObject({ valid: 6, blank: 1, invalid: 1 });
  });
});

describe('SPEC §3 classification (hand-checked fixtures)', () => {
  it('same person twice, overvote, all-approve, blank', async () => {
    const j = await result('case-classes');
    expect(j.ballots).toEqual({ registered: 10, issued: 10, returned: 9, valid: 6, blank: 1, partial: 2, invalid: 1, disputed: 0 });
    expect(j.reasons).toEqual({ BLANK: 1, OVERVOTE: 2, SAME_PERSON_TWICE: 1 });
    expect(j.people.find((p) => p.name === '王五')?.votes).toEqual({ 主任: 0, 副主任: 5, 委员: 1 });
    const wy = j.offices.find((o) => o.name === '委员');
    expect(wy).toMatchObject({ counted: 8, approvals: 12, unused: 2, void: 2 });
    expect(elected(j)).toEqual(['主任:张三', '副主任:王五', '委员:钱七']);
  });
  it('homonym write-in → disputed unless 姓名(居民小组); not on the roll → void vote, still counts toward overvote', async () => {
    const j = await result('case-homonym');
    expect(j.ballots).toMatchObject({ returned: 7, valid: 4, partial: 2, disputed: 1 });
    expect(j.reasons).toEqual({ DISPUTED: 1, OVERVOTE: 1, WRITE_IN_NOT_VOTER: 1 });
    expect(totals(j)).toMatchObject({ '王伟(第三居民小组)': 2, 陈晓东: 1, 钱七: 4, 孙八: 2 });
    expect(j.disputes[0]?.issues.map((i) => i.kind)).toEqual(['homonym']);
    expect(j.provisional).toBe(true);
  });
  it('write-in mark column: ○ approves, × and 弃权 do not, blank follows rules.writeInWithoutMark, ? is disputed', async () => {
    const j = await result('case-writein-mark');
    expect(j.ballots).toMatchObject({ valid: 4, disputed: 1 });
    expect(totals(j)['周大']).toBe(1);
  });
  it('names layout with 反对 columns gives 赞成/反对/弃权 per printed candidate', async () => {
    const j = await result('case-names-oppose');
    const by = Object.fromEntries(j.offices.flatMap((o) => o.candidates.map((c) => [c.name, [c.approve, c.oppose, c.abstain]])));
    expect(by).toEqual({ 张三: [3, 1, 1], 李四: [1, 1, 3], 钱七: [4, 0, 1], 孙八: [2, 1, 2], 周九: [1, 2, 2] });
  });
});
