/**
 * The counting core against SPEC §2–§4, one hand-checked fixture per rule (fixtures/rule-<name>/,
 * figures worked out by hand in each EXPECTED.md). Loaded without the adapters (see helpers.ts).
 */
import { describe, expect, it } from 'vitest';
import { type CountResult, count, isFinal } from '../../src/core/index.js';
import { candidateMarks, classes, electedPairs, figures, loadFixture, officeTally, person, run, runFixture } from './helpers.js';

const sorted = (xs: readonly string[]): string[] => [...xs].sort();
const V = (主任: number, 副主任: number, 委员: number): Record<string, number> => ({ 主任, 副主任, 委员 });

function reasonsOf(r: CountResult): Record<string, number> {
  return { ...r.reasons } as Record<string, number>;
}

describe('rule-tiebreak-total — 主任票相等, 以总得票数多的当选 (第三十九条(三))', () => {
  it('classes, votes and the tiebreak', async () => {
    const { result: r } = await runFixture('rule-tiebreak-total');
    expect(classes(r)).toEqual({ returned: 10, valid: 10, blank: 0, partial: 0, invalid: 0, disputed: 0 });
    expect(r.boxes.map((b) => [b.box, b.returned, b.valid])).toEqual(
      expect.arrayContaining([
        ['中心会场', 5, 5],
        ['流动票箱', 5, 5],
      ]),
    );
    expect(r.boxes).toHaveLength(2);
    expect(r.validity).toMatchObject({ valid: true, failed: [] });
    expect(figures(r, '张建国')).toEqual({ votes: V(4, 0, 3), total: 7, majority: true, elected: '主任' });
    expect(figures(r, '李秀英')).toEqual({ votes: V(4, 0, 2), total: 6, majority: true, elected: '委员' });
    expect(figures(r, '王芳')).toEqual({ votes: V(0, 6, 0), total: 6, majority: true, elected: '副主任' });
    expect(figures(r, '赵磊')).toEqual({ votes: V(0, 3, 0), total: 3, majority: false, elected: null });
    expect(figures(r, '孙丽')).toEqual({ votes: V(0, 0, 7), total: 7, majority: true, elected: '委员' });
    expect(figures(r, '周强')).toEqual({ votes: V(0, 0, 4), total: 4, majority: false, elected: null });
    expect(figures(r, '吴敏')).toEqual({ votes: V(0, 0, 3), total: 3, majority: false, elected: null });
    expect(electedPairs(r)).toEqual(['主任:张建国', '副主任:王芳', '委员:孙丽', '委员:李秀英']);
    expect(r.revote).toEqual([]);
    expect(r.runoff).toEqual([]);
    expect(isFinal(r)).toBe(true);
  });
  it('唱票 tally: 赞成/反对/弃权 per printed candidate', async () => {
    const { result: r } = await runFixture('rule-tiebreak-total');
    expect(candidateMarks(r, '主任', '张建国')).toEqual({ approve: 4, oppose: 1, abstain: 5 });
    expect(candidateMarks(r, '主任', '李秀英')).toEqual({ approve: 4, oppose: 1, abstain: 5 });
    expect(officeTally(r, '委员')).toMatchObject({ counted: 10, approvals: 19, unused: 1, void: 0 });
    expect(officeTally(r, '主任')).toMatchObject({ counted: 10, approvals: 8, unused: 2, void: 0 });
  });
});

describe('rule-boundary-tie — 得票相等不能确定当选人 → 再次投票', () => {
  it('主任 tie (主任票 6:6, 总得票 7:7) and 委员 tie (7:7) go to revote; tied persons are not placed lower', async () => {
    const { result: r } = await runFixture('rule-boundary-tie');
    expect(classes(r)).toEqual({ returned: 12, valid: 12, blank: 0, partial: 0, invalid: 0, disputed: 0 });
    expect(figures(r, '张建国')).toEqual({ votes: V(6, 0, 1), total: 7, majority: true, elected: null });
    expect(figures(r, '李秀英')).toEqual({ votes: V(6, 0, 1), total: 7, majority: true, elected: null });
    expect(figures(r, '王芳')).toEqual({ votes: V(0, 8, 0), total: 8, majority: true, elected: '副主任' });
    expect(figures(r, '赵磊')).toEqual({ votes: V(0, 4, 0), total: 4, majority: false, elected: null });
    expect(figures(r, '孙丽')).toEqual({ votes: V(0, 0, 8), total: 8, majority: true, elected: '委员' });
    expect(figures(r, '周强')).toEqual({ votes: V(0, 0, 7), total: 7, majority: true, elected: null });
    expect(figures(r, '吴敏')).toEqual({ votes: V(0, 0, 7), total: 7, majority: true, elected: null });
    expect(electedPairs(r)).toEqual(['副主任:王芳', '委员:孙丽']);
    expect(r.revote.map((x) => ({ office: x.office, seats: x.seats, names: sorted(x.names) }))).toEqual([
      { office: '主任', seats: 1, names: sorted(['张建国', '李秀英']) },
      // 张建国/李秀英 also have 总得票 7 but are tied for 主任: not placed in the 委员 tie.
      { office: '委员', seats: 1, names: sorted(['周强', '吴敏']) },
    ]);
    expect(r.runoff).toEqual([]);
    expect(isFinal(r)).toBe(false);
  });
});

describe('rule-same-person — 同一人被选两种职务只计高职务 (SAME_PERSON_TWICE before OVERVOTE)', () => {
  it('classes and reasons per ballot', async () => {
    const { result: r, byTicket } = await runFixture('rule-same-person');
    expect(classes(r)).toEqual({ returned: 8, valid: 5, blank: 0, partial: 3, invalid: 0, disputed: 0 });
    expect(reasonsOf(r)).toMatchObject({ SAME_PERSON_TWICE: 3, OVERVOTE: 1 });
    // 000001: 委员 has 孙丽, 周强 + 张建国 (3 > 2) only because of the duplicate: not an overvote.
    expect(byTicket.get('000001')?.class).toBe('partial');
    expect(byTicket.get('000001')?.reasons).toContain('SAME_PERSON_TWICE');
    expect(byTicket.get('000001')?.reasons).not.toContain('OVERVOTE');
    expect(byTicket.get('000002')?.class).toBe('partial');
    expect(byTicket.get('000002')?.reasons).toContain('SAME_PERSON_TWICE');
    // 000003: 张建国 marked and written for 主任 — same office, counts once, not a removal.
    expect(byTicket.get('000003')?.class).toBe('valid');
    // 000004: after removing 张建国, 委员 still has 3 approvals → void.
    expect(byTicket.get('000004')?.class).toBe('partial');
    expect(sorted(byTicket.get('000004')?.reasons ?? [])).toEqual(sorted(['SAME_PERSON_TWICE', 'OVERVOTE']));
  });
  it('votes, seats and runoff', async () => {
    const { result: r } = await runFixture('rule-same-person');
    expect(figures(r, '张建国')).toEqual({ votes: V(5, 0, 0), total: 5, majority: true, elected: '主任' });
    expect(figures(r, '李秀英')).toEqual({ votes: V(2, 0, 0), total: 2, majority: false, elected: null });
    expect(figures(r, '王芳')).toEqual({ votes: V(1, 5, 0), total: 6, majority: true, elected: '副主任' });
    expect(figures(r, '赵磊')).toEqual({ votes: V(0, 2, 0), total: 2, majority: false, elected: null });
    expect(figures(r, '孙丽')).toEqual({ votes: V(0, 0, 5), total: 5, majority: true, elected: '委员' });
    expect(figures(r, '周强')).toEqual({ votes: V(0, 0, 4), total: 4, majority: false, elected: null });
    expect(figures(r, '吴敏')).toEqual({ votes: V(0, 0, 3), total: 3, majority: false, elected: null });
    expect(electedPairs(r)).toEqual(['主任:张建国', '副主任:王芳', '委员:孙丽']);
    expect(r.runoff.map((x) => ({ office: x.office, seats: x.seats, candidates: x.candidates }))).toEqual([
      { office: '委员', seats: 1, candidates: ['周强', '吴敏'] },
    ]);
    expect(officeTally(r, '委员')).toMatchObject({ counted: 8, approvals: 12, unused: 2, void: 2, overvoted: 1 });
    expect(officeTally(r, '副主任')).toMatchObject({ counted: 8, approvals: 7, unused: 1, void: 0 });
    expect(officeTally(r, '主任')).toMatchObject({ counted: 8, approvals: 8, unused: 0, void: 0 });
    // The removed 副主任 approval of 王芳 (000002) is not a 赞成.
    expect(candidateMarks(r, '副主任', '王芳').approve).toBe(5);
  });
});

describe('rule-overvote — 所选人数超过应选名额: 该职务作废', () => {
  it('void sections, partial and invalid ballots', async () => {
    const { result: r, byTicket } = await runFixture('rule-overvote');
    expect(classes(r)).toEqual({ returned: 8, valid: 5, blank: 0, partial: 2, invalid: 1, disputed: 0 });
    expect(reasonsOf(r)).toMatchObject({ OVERVOTE: 3 });
    expect(byTicket.get('000001')?.class).toBe('partial');
    expect(byTicket.get('000002')?.class).toBe('partial');
    expect(byTicket.get('000003')?.class).toBe('invalid');
    expect(figures(r, '张建国')).toEqual({ votes: V(5, 0, 0), total: 5, majority: true, elected: '主任' });
    expect(figures(r, '李秀英')).toEqual({ votes: V(1, 0, 0), total: 1, majority: false, elected: null });
    expect(figures(r, '王芳')).toEqual({ votes: V(0, 5, 0), total: 5, majority: true, elected: '副主任' });
    expect(figures(r, '赵磊')).toEqual({ votes: V(0, 1, 0), total: 1, majority: false, elected: null });
    expect(figures(r, '孙丽')).toEqual({ votes: V(0, 0, 5), total: 5, majority: true, elected: '委员' });
    expect(figures(r, '周强')).toEqual({ votes: V(0, 0, 3), total: 3, majority: false, elected: null });
    expect(figures(r, '吴敏')).toEqual({ votes: V(0, 0, 2), total: 2, majority: false, elected: null });
    expect(r.people.some((p) => p.name === '刘洋')).toBe(false); // written only on the invalid ballot
    expect(electedPairs(r)).toEqual(['主任:张建国', '副主任:王芳', '委员:孙丽']);
    expect(r.runoff.map((x) => [x.office, x.seats, x.candidates])).toEqual([['委员', 1, ['周强', '吴敏']]]);
    expect(officeTally(r, '主任')).toMatchObject({ counted: 7, overvoted: 1, void: 1, approvals: 6, unused: 0 });
    expect(officeTally(r, '副主任')).toMatchObject({ counted: 7, overvoted: 1, void: 1, approvals: 6, unused: 0 });
    expect(officeTally(r, '委员')).toMatchObject({ counted: 7, overvoted: 1, void: 2, approvals: 10, unused: 2 });
  });
});

describe('rule-all-approve — 对所有候选人书写同意符号: 无效', () => {
  it('all-approve ballot invalid; all-approve in one office voids that section only', async () => {
    const { result: r, byTicket } = await runFixture('rule-all-approve');
    expect(classes(r)).toEqual({ returned: 5, valid: 3, blank: 0, partial: 1, invalid: 1, disputed: 0 });
    expect(byTicket.get('000001')).toMatchObject({ class: 'invalid' });
    expect(byTicket.get('000001')?.reasons).toContain('OVERVOTE');
    expect(byTicket.get('000002')).toMatchObject({ class: 'partial' });
    expect(figures(r, '张建国').votes).toEqual(V(3, 0, 0));
    expect(figures(r, '李秀英').votes).toEqual(V(1, 0, 0));
    expect(figures(r, '王芳').votes).toEqual(V(0, 3, 0));
    expect(figures(r, '赵磊').votes).toEqual(V(0, 1, 0));
    expect(figures(r, '孙丽').votes).toEqual(V(0, 0, 2));
    expect(figures(r, '周强').votes).toEqual(V(0, 0, 2));
    expect(figures(r, '吴敏').votes).toEqual(V(0, 0, 1));
    expect(electedPairs(r)).toEqual(['主任:张建国', '副主任:王芳']);
    expect(r.runoff.map((x) => [x.office, x.seats])).toEqual([['委员', 2]]);
  });
});

describe('rule-blank — 弃权票整张有效, 单独计数', () => {
  it('empty, "-" and "弃权" ballots are blank; all-oppose is valid but not blank', async () => {
    const { result: r, byTicket } = await runFixture('rule-blank');
    expect(classes(r)).toEqual({ returned: 9, valid: 9, blank: 3, partial: 0, invalid: 0, disputed: 0 });
    for (const t of ['000001', '000002', '000003', '000004']) expect(byTicket.get(t)?.class).toBe('valid');
    expect(Object.keys(r.reasons).filter((k) => k !== 'BLANK')).toEqual([]);
    expect(candidateMarks(r, '主任', '张建国')).toEqual({ approve: 5, oppose: 1, abstain: 3 });
    expect(candidateMarks(r, '主任', '李秀英')).toEqual({ approve: 0, oppose: 1, abstain: 8 });
    expect(candidateMarks(r, '委员', '吴敏')).toEqual({ approve: 0, oppose: 1, abstain: 8 });
    for (const n of ['张建国', '王芳', '孙丽', '周强']) expect(figures(r, n).total).toBe(5);
    expect(electedPairs(r)).toEqual(['主任:张建国', '副主任:王芳', '委员:孙丽', '委员:周强']);
    expect(isFinal(r)).toBe(true);
  });
  it('"-" typed in the 另选 cells too (the abstain spelling, SPEC §2.2) is no written name: still a blank ballot', async () => {
    const f = loadFixture('rule-blank');
    const header = f.rows[0]?.cells ?? [];
    const rows = f.rows.map((row) =>
      row.cells[0] === '000002' ? { ...row, cells: row.cells.map((v, i) => (/另选\d+$/u.test(header[i] ?? '') ? '-' : v)) } : row,
    );
    const { result: r, byTicket } = await run({ ...f, rows });
    expect(r.people.some((p) => p.name === '-')).toBe(false);
    expect(byTicket.get('000002')?.reasons).toContain('BLANK');
    expect(classes(r)).toEqual({ returned: 9, valid: 9, blank: 3, partial: 0, invalid: 0, disputed: 0 });
  });
});

describe('election validity (第三十七、三十八条; 11.选举有效性确认)', () => {
  it('rule-low-turnout: R = 5 of 10 registered is not more than half → invalid, elects nobody', async () => {
    const { result: r } = await runFixture('rule-low-turnout');
    expect(r.ballots).toMatchObject({ registered: 10, issued: 6, returned: 5, valid: 5 });
    expect(r.validity.valid).toBe(false);
    expect(r.validity.failed).toEqual(['LOW_TURNOUT']);
    expect(r.elected).toEqual([]);
    expect(r.revote).toEqual([]);
    expect(r.runoff).toEqual([]);
    expect(r.people.every((p) => p.elected === null)).toBe(true);
    // Tallies are still shown.
    expect(figures(r, '张建国').votes).toEqual(V(5, 0, 0));
    expect(isFinal(r)).toBe(false);
  });
  it('rule-returned-gt-issued: 5 returned > 4 issued → invalid', async () => {
    const { result: r } = await runFixture('rule-returned-gt-issued');
    expect(r.ballots).toMatchObject({ registered: 8, issued: 4, returned: 5 });
    expect(r.validity.failed).toEqual(['MORE_RETURNED_THAN_ISSUED']);
    expect(r.elected).toEqual([]);
    expect(figures(r, '孙丽').votes).toEqual(V(0, 0, 5));
  });
  it('rule-not-competitive: 主任 with 1 candidate for 1 seat (等额) → NOT_COMPETITIVE', async () => {
    const { result: r } = await runFixture('rule-not-competitive');
    expect(r.validity.failed).toEqual(['NOT_COMPETITIVE']);
    const nc = r.validity.checks.filter((c) => c.code === 'NOT_COMPETITIVE');
    expect(nc.map((c) => [c.office, c.passed])).toEqual([
      ['主任', false],
      ['副主任', true],
      ['委员', true],
    ]);
    expect(r.elected).toEqual([]);
  });
  it('rule-representative-8of10: 5·8 = 40 is not > 4·10 → LOW_TURNOUT (direct would pass)', async () => {
    const f = loadFixture('rule-representative-8of10');
    const { result: r } = await run(f);
    expect(r.ballots.returned).toBe(8);
    expect(r.validity.failed).toEqual(['LOW_TURNOUT']);
    expect(r.elected).toEqual([]);
    const direct = await run(f, { election: { ...f.election, method: 'direct' } });
    expect(direct.result.validity.valid).toBe(true);
  });
  it('rule-representative-9of10: 5·9 = 45 > 40 → valid, all four elected', async () => {
    const { result: r } = await runFixture('rule-representative-9of10');
    expect(r.validity).toMatchObject({ valid: true, failed: [] });
    expect(electedPairs(r)).toEqual(['主任:张建国', '副主任:王芳', '委员:孙丽', '委员:周强']);
  });
});

describe('runoff (另行选举, 第四十、四十一条)', () => {
  it('rule-runoff-third: 3·3 = 9 ≥ R elects 周强; 张建国 3·2 < 9 → 主任 vacant; 副主任 王芳 presides', async () => {
    const { result: r } = await runFixture('rule-runoff-third');
    expect(classes(r)).toEqual({ returned: 9, valid: 9, blank: 4, partial: 0, invalid: 0, disputed: 0 });
    expect(r.validity.valid).toBe(true);
    expect(r.validity.failed).toEqual([]);
    expect(person(r, '张建国').votes).toEqual({ 主任: 2, 委员: 0 });
    expect(person(r, '李秀英').votes).toEqual({ 主任: 1, 委员: 0 });
    expect(person(r, '周强').votes).toEqual({ 主任: 0, 委员: 3 });
    expect(person(r, '吴敏').votes).toEqual({ 主任: 0, 委员: 2 });
    expect(electedPairs(r)).toEqual(['委员:周强']);
    expect(r.vacant).toEqual([{ office: '主任', seats: 1 }]);
    expect(r.runoff).toEqual([]);
    expect(r.revote).toEqual([]);
    expect(r.presiding).toEqual({ code: 'DEPUTY', names: ['王芳'] });
  });
  it('rule-runoff-vacancy: 主任 and 副主任 vacant → the 委员 with most votes (周强, 9) presides', async () => {
    const { result: r } = await runFixture('rule-runoff-vacancy');
    expect(r.ballots).toMatchObject({ returned: 7, valid: 7, blank: 4 });
    expect(r.validity.valid).toBe(true);
    expect(r.elected).toEqual([]);
    expect(r.vacant).toEqual([
      { office: '主任', seats: 1 },
      { office: '副主任', seats: 1 },
    ]);
    expect(r.presiding).toEqual({ code: 'TOP_MEMBER', name: '周强' });
  });
  it('runoff validity is 2R > registered even for the representative method (第四十条)', async () => {
    const f = loadFixture('rule-runoff-third');
    // R = 9: representative 4/5 rule would need 5·9 > 4·12 = 48 (fails); the runoff rule needs 18 > 12 (passes).
    const { result: r } = await run(f, { election: { ...f.election, method: 'representative', registered: 12 }, registered: 12 });
    expect(r.validity.valid).toBe(true);
    const low = await run(f, { election: { ...f.election, registered: 18 }, registered: 18 });
    expect(low.result.validity.failed).toEqual(['LOW_TURNOUT']); // 18 is not > 18
  });
});

describe('rule-homonym — 同名同姓的另选人须写明 姓名(居民小组)', () => {
  it('bare homonym is disputed; 姓名(居民小组) resolves; middle dots and group suffixes', async () => {
    const { result: r, byTicket } = await runFixture('rule-homonym');
    expect(r.registered).toBe(11);
    expect(r.rollChecked).toBe(true);
    expect(classes(r)).toEqual({ returned: 8, valid: 7, blank: 0, partial: 0, invalid: 0, disputed: 1 });
    expect(byTicket.get('000001')?.class).toBe('disputed');
    expect(r.provisional).toBe(true);
    expect(r.disputes).toHaveLength(1);
    const d = r.disputes[0];
    expect(d?.ticket).toBe('000001');
    expect(d?.ruling).toBeUndefined();
    const homonym = d?.issues.find((i) => i.kind === 'homonym');
    expect(homonym && 'matches' in homonym ? sorted(homonym.matches) : []).toEqual(sorted(['刘洋(一组)', '刘洋(二组)']));
    expect(figures(r, '刘洋(一组)')).toMatchObject({ votes: V(0, 0, 1), total: 1 });
    expect(figures(r, '刘洋(二组)')).toMatchObject({ votes: V(0, 0, 1), total: 1 });
    expect(r.people.some((p) => p.name === '刘洋')).toBe(false);
    // A unique name written with its (correct) group is the plain name.
    expect(figures(r, '陈静')).toMatchObject({ votes: V(0, 0, 2), total: 2 });
    expect(figures(r, '阿依古丽·买买提')).toMatchObject({ votes: V(0, 0, 1), total: 1 });
    expect(person(r, '陈静').printed).toBeNull();
    // 孙丽(三组) is the printed candidate 孙丽.
    expect(figures(r, '孙丽')).toEqual({ votes: V(0, 0, 5), total: 5, majority: true, elected: '委员' });
    expect(figures(r, '周强')).toMatchObject({ votes: V(0, 0, 4), total: 4, majority: false });
    expect(figures(r, '张建国')).toEqual({ votes: V(5, 0, 0), total: 5, majority: true, elected: '主任' });
    expect(figures(r, '王芳')).toEqual({ votes: V(0, 5, 0), total: 5, majority: true, elected: '副主任' });
    expect(figures(r, '李秀英').votes).toEqual(V(2, 0, 0));
    expect(figures(r, '赵磊').votes).toEqual(V(0, 2, 0));
    expect(electedPairs(r)).toEqual(['主任:张建国', '副主任:王芳', '委员:孙丽']);
  });
  it('a ruling that writes 刘洋(一组) resolves the homonym: the ballot is valid and 刘洋(一组) has 2 votes', async () => {
    const f = loadFixture('rule-homonym');
    const ruling = {
      ticket: '000001',
      verdict: 'valid' as const,
      corrections: [{ column: '委员:另选1', value: '刘洋(一组)' }],
      vote: '7:0',
      reason: '本人确认',
      file: 'rulings.csv',
      line: 2,
    };
    const { result: r, byTicket } = await run(f, { rulings: [ruling] });
    expect(byTicket.get('000001')).toMatchObject({ class: 'valid', reasons: ['RULED'] });
    expect(classes(r)).toEqual({ returned: 8, valid: 8, blank: 0, partial: 0, invalid: 0, disputed: 0 });
    expect(r.provisional).toBe(false);
    expect(figures(r, '刘洋(一组)').votes).toEqual(V(0, 0, 2));
    expect(figures(r, '张建国').votes).toEqual(V(6, 0, 0));
    expect(figures(r, '孙丽')).toEqual({ votes: V(0, 0, 6), total: 6, majority: true, elected: '委员' });
  });
});

describe('rule-writein-not-voter — 另选人须是登记选民 (第三十四条)', () => {
  it('with the roll: votes for 马超 are void, the ballot partial; 马超 still counts toward the overvote', async () => {
    const { result: r, byTicket } = await runFixture('rule-writein-not-voter');
    expect(r.rollChecked).toBe(true);
    expect(classes(r)).toEqual({ returned: 7, valid: 3, blank: 0, partial: 4, invalid: 0, disputed: 0 });
    expect(byTicket.get('000001')?.reasons).toContain('WRITE_IN_NOT_VOTER');
    expect(byTicket.get('000002')?.class).toBe('partial');
    expect(byTicket.get('000002')?.reasons).toContain('OVERVOTE');
    expect(byTicket.get('000003')?.reasons).toContain('WRITE_IN_NOT_VOTER');
    expect(byTicket.get('000004')).toMatchObject({ class: 'partial' });
    expect(byTicket.get('000004')?.reasons).toContain('WRITE_IN_NOT_VOTER');
    expect(byTicket.get('000007')?.class).toBe('valid');
    expect(r.people.some((p) => p.name === '马超')).toBe(false);
    expect(figures(r, '刘洋')).toMatchObject({ votes: V(0, 0, 1), total: 1 });
    expect(figures(r, '张建国')).toEqual({ votes: V(6, 0, 0), total: 6, majority: true, elected: '主任' });
    expect(figures(r, '王芳')).toEqual({ votes: V(0, 5, 0), total: 5, majority: true, elected: '副主任' });
    expect(figures(r, '孙丽')).toEqual({ votes: V(0, 0, 4), total: 4, majority: true, elected: '委员' });
    expect(figures(r, '周强')).toMatchObject({ votes: V(0, 0, 2), total: 2, majority: false });
    expect(officeTally(r, '委员')).toMatchObject({ notVoter: 1, overvoted: 1, void: 3 });
    expect(officeTally(r, '副主任')).toMatchObject({ notVoter: 1, void: 1 });
    expect(officeTally(r, '主任')).toMatchObject({ notVoter: 1, void: 1 });
    expect(electedPairs(r)).toEqual(['主任:张建国', '副主任:王芳', '委员:孙丽']);
  });
  it('without a roll: 马超 is accepted and the result warns that eligibility was not checked', async () => {
    const f = loadFixture('rule-writein-not-voter');
    const { result: r } = await run(f, { roll: undefined });
    expect(r.rollChecked).toBe(false);
    expect(classes(r)).toEqual({ returned: 7, valid: 6, blank: 0, partial: 1, invalid: 0, disputed: 0 });
    expect(figures(r, '马超')).toMatchObject({ votes: V(1, 1, 1), total: 3 });
    expect(person(r, '马超').printed).toBeNull();
    expect(r.warnings.length).toBeGreaterThan(0);
  });
});

describe('rule-rulings — 疑难选票由选举领导小组认定', () => {
  it('a disputed ballot ruled valid with a correction, one ruled invalid, one ruled partial, one pending', async () => {
    const { result: r, byTicket } = await runFixture('rule-rulings');
    expect(classes(r)).toEqual({ returned: 8, valid: 5, blank: 0, partial: 1, invalid: 1, disputed: 1 });
    expect(byTicket.get('000001')).toMatchObject({ class: 'valid', ruling: { verdict: 'valid' } });
    expect(byTicket.get('000002')).toMatchObject({ class: 'invalid', ruling: { verdict: 'invalid' } });
    expect(byTicket.get('000002')?.reasons).toContain('RULED_INVALID');
    expect(byTicket.get('000003')).toMatchObject({ class: 'partial', ruling: { verdict: 'partial' } });
    expect(byTicket.get('000003')?.reasons).toContain('OVERVOTE');
    expect(byTicket.get('000004')).toMatchObject({ class: 'disputed' });
    expect(byTicket.get('000004')?.ruling).toBeUndefined();
    expect(figures(r, '张建国')).toEqual({ votes: V(6, 0, 0), total: 6, majority: true, elected: '主任' });
    expect(figures(r, '王芳')).toEqual({ votes: V(0, 6, 0), total: 6, majority: true, elected: '副主任' });
    expect(figures(r, '孙丽')).toEqual({ votes: V(0, 0, 5), total: 5, majority: true, elected: '委员' });
    expect(figures(r, '周强')).toEqual({ votes: V(0, 0, 5), total: 5, majority: true, elected: '委员' });
    expect(figures(r, '吴敏').votes).toEqual(V(0, 0, 0));
    expect(r.provisional).toBe(true);
    expect(r.disputes.map((d) => [d.no, d.ticket, d.ruling?.finalClass ?? null])).toEqual([
      [1, '000001', 'valid'],
      [2, '000002', 'invalid'],
      [3, '000003', 'partial'],
      [4, '000004', null],
    ]);
    expect(r.disputes[1]?.note).toBe('选票撕破');
    // One pending ballot can add at most one vote: nobody elected can be overtaken.
    expect(r.margin).toMatchObject({ pending: 1, stable: true });
  });
  it('a ruling that contradicts the corrected reading, leaves a mark unclear, or names a clear ballot is an input error', async () => {
    const f = loadFixture('rule-rulings');
    const base = { vote: '7:0', reason: '', file: 'rulings.csv', line: 2 };
    const codes = async (rulings: typeof f.rulings): Promise<string[]> => {
      const res = await count([{ file: 'ballots.csv', rows: f.rows }], { election: f.election, registered: f.registered, rulings });
      return res.ok ? [] : res.error.map((e) => e.code);
    };
    expect(await codes([{ ...base, ticket: '000003', verdict: 'valid', corrections: [{ column: '委员:吴敏', value: '○' }] }])).toEqual([
      'RULING_CONTRADICTS',
    ]);
    expect(await codes([{ ...base, ticket: '000001', verdict: 'valid', corrections: [] }])).toEqual(['RULING_STILL_UNCLEAR']);
    expect(await codes([{ ...base, ticket: '000005', verdict: 'valid', corrections: [] }])).toEqual(['RULING_NOT_DISPUTED']);
    expect(await codes([{ ...base, ticket: '999999', verdict: 'valid', corrections: [] }])).toEqual(['RULING_UNKNOWN_TICKET']);
  });
});

describe('rule-combined-deputy — 副主任得票数 = 主任票 + 副主任票 (规程 11)', () => {
  it('李秀英 (主任 4 + 副主任 3 = 7) beats 王芳 (副主任 6) for 副主任', async () => {
    const { result: r } = await runFixture('rule-combined-deputy');
    expect(classes(r)).toEqual({ returned: 10, valid: 10, blank: 0, partial: 0, invalid: 0, disputed: 0 });
    expect(figures(r, '张建国')).toEqual({ votes: V(6, 0, 0), total: 6, majority: true, elected: '主任' });
    expect(figures(r, '李秀英')).toEqual({ votes: V(4, 3, 0), total: 7, majority: true, elected: '副主任' });
    expect(figures(r, '王芳')).toEqual({ votes: V(0, 6, 0), total: 6, majority: true, elected: null });
    expect(figures(r, '赵磊')).toEqual({ votes: V(0, 1, 0), total: 1, majority: false, elected: null });
    expect(figures(r, '孙丽')).toEqual({ votes: V(0, 0, 8), total: 8, majority: true, elected: '委员' });
    expect(figures(r, '周强')).toEqual({ votes: V(0, 0, 7), total: 7, majority: true, elected: '委员' });
    expect(figures(r, '吴敏')).toEqual({ votes: V(0, 0, 3), total: 3, majority: false, elected: null });
    expect(electedPairs(r)).toEqual(['主任:张建国', '副主任:李秀英', '委员:孙丽', '委员:周强']);
    expect(r.elected.find((e) => e.office === '副主任')).toMatchObject({ votes: 7, total: 7 });
    expect(isFinal(r)).toBe(true);
  });
});

describe('rule-too-few-majority — 过半数的人数少于应选人数: 另行选举 (第三十九条(二), 第四十条)', () => {
  it('王芳 at exactly half is not a majority; runoff candidates in order of 总得票数', async () => {
    const { result: r } = await runFixture('rule-too-few-majority');
    expect(classes(r)).toEqual({ returned: 10, valid: 10, blank: 0, partial: 0, invalid: 0, disputed: 0 });
    expect(figures(r, '张建国')).toEqual({ votes: V(10, 0, 0), total: 10, majority: true, elected: '主任' });
    expect(figures(r, '李秀英')).toEqual({ votes: V(0, 0, 0), total: 0, majority: false, elected: null });
    expect(figures(r, '王芳')).toEqual({ votes: V(0, 5, 0), total: 5, majority: false, elected: null });
    expect(figures(r, '赵磊')).toEqual({ votes: V(0, 2, 0), total: 2, majority: false, elected: null });
    expect(figures(r, '孙丽')).toEqual({ votes: V(0, 0, 6), total: 6, majority: true, elected: '委员' });
    expect(figures(r, '周强')).toEqual({ votes: V(0, 0, 4), total: 4, majority: false, elected: null });
    expect(figures(r, '吴敏')).toEqual({ votes: V(0, 0, 3), total: 3, majority: false, elected: null });
    expect(figures(r, '刘洋')).toEqual({ votes: V(0, 0, 1), total: 1, majority: false, elected: null });
    expect(electedPairs(r)).toEqual(['主任:张建国', '委员:孙丽']);
    expect(r.revote).toEqual([]);
    expect(r.runoff.map((x) => ({ office: x.office, seats: x.seats, candidates: x.candidates }))).toEqual([
      { office: '副主任', seats: 1, candidates: ['王芳', '周强'] },
      { office: '委员', seats: 1, candidates: ['吴敏', '赵磊'] },
    ]);
    expect(r.warnings.length).toBeGreaterThan(0); // 刘洋 written in without a roll
  });
});

describe('rule-separate — 分别投票', () => {
  it('top 3 of E by votes; 郑伟 has a majority but ranks 4th', async () => {
    const { result: r } = await runFixture('rule-separate');
    expect(classes(r)).toEqual({ returned: 9, valid: 9, blank: 0, partial: 0, invalid: 0, disputed: 0 });
    expect(r.boxes.map((b) => [b.box, b.returned])).toEqual([['ballots', 9]]);
    const fig = (n: string) => figures(r, n);
    expect(fig('孙丽')).toEqual({ votes: { 委员: 8 }, total: 8, majority: true, elected: '委员' });
    expect(fig('周强')).toEqual({ votes: { 委员: 7 }, total: 7, majority: true, elected: '委员' });
    expect(fig('吴敏')).toEqual({ votes: { 委员: 6 }, total: 6, majority: true, elected: '委员' });
    expect(fig('郑伟')).toEqual({ votes: { 委员: 5 }, total: 5, majority: true, elected: null });
    expect(fig('钱七')).toEqual({ votes: { 委员: 0 }, total: 0, majority: false, elected: null });
    expect(candidateMarks(r, '委员', '钱七')).toEqual({ approve: 0, oppose: 1, abstain: 8 });
    expect(electedPairs(r)).toEqual(['委员:孙丽', '委员:周强', '委员:吴敏']);
    expect(officeTally(r, '委员')).toMatchObject({ counted: 9, approvals: 26, unused: 1, void: 0 });
    expect(isFinal(r)).toBe(true);
  });
});

describe('write-in `:符号` column and rules.writeInWithoutMark', () => {
  it('rule-writein-mark-approve (default): blank mark under a written name approves', async () => {
    const { result: r, byTicket } = await runFixture('rule-writein-mark-approve');
    expect(r.election.rules.writeInWithoutMark).toBe('approve');
    expect(classes(r)).toEqual({ returned: 7, valid: 6, blank: 0, partial: 0, invalid: 0, disputed: 1 });
    expect(byTicket.get('000006')?.class).toBe('disputed');
    expect(person(r, '刘洋').votes).toEqual({ 主任: 0, 委员: 3 });
    expect(person(r, '孙丽').votes).toEqual({ 主任: 0, 委员: 5 });
    expect(person(r, '周强').votes).toEqual({ 主任: 0, 委员: 1 });
    expect(person(r, '张建国').votes).toEqual({ 主任: 6, 委员: 0 });
    expect(officeTally(r, '委员')).toMatchObject({ counted: 6, approvals: 9, unused: 3, void: 0 });
    expect(electedPairs(r)).toEqual(['主任:张建国', '委员:孙丽']);
  });
  it('rule-writein-mark-ignore: blank mark under a written name is no vote; ○ still approves', async () => {
    const { result: r } = await runFixture('rule-writein-mark-ignore');
    expect(r.election.rules.writeInWithoutMark).toBe('ignore');
    expect(classes(r)).toEqual({ returned: 7, valid: 6, blank: 0, partial: 0, invalid: 0, disputed: 1 });
    expect(person(r, '刘洋').votes).toEqual({ 主任: 0, 委员: 1 });
    expect(person(r, '孙丽').votes).toEqual({ 主任: 0, 委员: 5 });
    expect(officeTally(r, '委员')).toMatchObject({ counted: 6, approvals: 7, unused: 5, void: 0 });
  });
});

describe('rule-names-oppose — 手工录入格式, 委员:反对 列', () => {
  it('approved/opposed names, separators, spaces, duplicates, conflicts', async () => {
    const { result: r, byTicket } = await runFixture('rule-names-oppose');
    expect(classes(r)).toEqual({ returned: 10, valid: 8, blank: 1, partial: 1, invalid: 0, disputed: 1 });
    expect(byTicket.get('000003')).toMatchObject({ class: 'partial' });
    expect(byTicket.get('000003')?.reasons).toContain('OVERVOTE');
    expect(byTicket.get('000004')?.class).toBe('valid'); // all 委员 opposed: valid, not blank
    expect(byTicket.get('000005')?.reasons).toContain('BLANK');
    expect(byTicket.get('000006')?.class).toBe('disputed'); // 周强 both approved and opposed
    expect(byTicket.get('000008')?.class).toBe('valid'); // 孙丽 twice in one office counts once
    expect(figures(r, '张建国')).toEqual({ votes: V(6, 0, 0), total: 6, majority: true, elected: '主任' });
    expect(figures(r, '李秀英').votes).toEqual(V(1, 0, 0));
    expect(figures(r, '王芳')).toEqual({ votes: V(0, 6, 0), total: 6, majority: true, elected: '副主任' });
    expect(figures(r, '赵磊').votes).toEqual(V(0, 1, 0));
    expect(figures(r, '孙丽')).toEqual({ votes: V(0, 0, 6), total: 6, majority: true, elected: '委员' });
    expect(figures(r, '周强')).toEqual({ votes: V(0, 0, 4), total: 4, majority: false, elected: null });
    expect(figures(r, '吴敏').votes).toEqual(V(0, 0, 0));
    expect(figures(r, '刘洋').votes).toEqual(V(0, 0, 1));
    expect(candidateMarks(r, '委员', '孙丽')).toEqual({ approve: 6, oppose: 1, abstain: 1 });
    expect(candidateMarks(r, '委员', '周强')).toEqual({ approve: 4, oppose: 1, abstain: 3 });
    expect(candidateMarks(r, '委员', '吴敏')).toEqual({ approve: 0, oppose: 2, abstain: 6 });
    expect(r.offices.map((o) => [o.name, o.opposeKnown])).toEqual([
      ['主任', false],
      ['副主任', false],
      ['委员', true],
    ]);
    expect(electedPairs(r)).toEqual(['主任:张建国', '副主任:王芳', '委员:孙丽']);
  });
});

describe('rule-revote — 再次投票, 以得票多的当选', () => {
  it('周强 5 : 吴敏 4 — most votes wins, no majority needed', async () => {
    const { result: r } = await runFixture('rule-revote');
    expect(classes(r)).toEqual({ returned: 11, valid: 11, blank: 2, partial: 0, invalid: 0, disputed: 0 });
    expect(r.validity.valid).toBe(true);
    expect(figures(r, '周强')).toEqual({ votes: { 委员: 5 }, total: 5, majority: false, elected: '委员' });
    expect(figures(r, '吴敏')).toEqual({ votes: { 委员: 4 }, total: 4, majority: false, elected: null });
    expect(electedPairs(r)).toEqual(['委员:周强']);
    expect(r.revote).toEqual([]);
    expect(r.runoff).toEqual([]);
    expect(r.vacant).toEqual([]);
    expect(isFinal(r)).toBe(true);
  });
  it('tied again (5 : 5) → another revote between the same two', async () => {
    const f = loadFixture('rule-revote');
    // Ballot 000010 (line 11) was blank; it now approves 吴敏 → 5 : 5.
    const rows = f.rows.map((row) => (row.cells[0] === '000010' ? { ...row, cells: ['000010', '中心会场', '', '○', ''] } : row));
    const { result: r } = await run({ ...f, rows });
    expect(figures(r, '吴敏').votes).toEqual({ 委员: 5 });
    expect(r.elected).toEqual([]);
    expect(r.revote.map((x) => [x.office, x.seats, sorted(x.names)])).toEqual([['委员', 1, sorted(['周强', '吴敏'])]]);
  });
});
