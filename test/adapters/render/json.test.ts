/**
 * `--format json` (SPEC §5): the contract keys in their order with hand-checked values, determinism
 * (same result → same bytes, whatever the order the ballots were read in), --now only when given.
 */
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../../src/adapters/render/json.js';
import { SCHEMA, TOOL, type Ruling } from '../../../src/core/index.js';
import { GRID_BALLOTS, GRID_HEADER, INPUTS, PLAIN, countRows, election, handChecked, rows } from './helpers.js';

const CONTRACT = [
  'schema',
  'tool',
  'inputs',
  'election',
  'ballots',
  'validity',
  'people',
  'elected',
  'revote',
  'runoff',
  'vacant',
  'provisional',
];

type Json = Record<string, unknown>;
const parse = (s: string): Json => JSON.parse(s) as Json;
const obj = (x: unknown): Json => x as Json;
const arr = (x: unknown): Json[] => x as Json[];
const pick = (o: Json, keys: readonly string[]): Json => Object.fromEntries(keys.map((k) => [k, o[k]]));

describe('renderJson — contract (hand-checked election)', () => {
  it('starts with exactly the contract keys, in order', async () => {
    const { result } = await handChecked();
    const j = parse(renderJson(result, PLAIN));
    expect(Object.keys(j).slice(0, CONTRACT.length)).toEqual(CONTRACT);
    expect(j['schema']).toBe('jipiao.result/1');
    expect(j['schema']).toBe(SCHEMA);
    expect(j['tool']).toBe(TOOL);
  });

  it('inputs: file and sha256 first, one entry per input file in the given order', async () => {
    const { result } = await handChecked();
    const inputs = arr(parse(renderJson(result, PLAIN))['inputs']);
    expect(inputs.map((i) => Object.keys(i).slice(0, 2))).toEqual(INPUTS.map(() => ['file', 'sha256']));
    expect(inputs.map((i) => pick(i, ['file', 'sha256', 'role']))).toEqual(
      INPUTS.map((i) => ({ file: i.file, sha256: i.sha256, role: i.role })),
    );
  });

  it('election, ballots, validity', async () => {
    const { result } = await handChecked();
    const j = parse(renderJson(result, PLAIN));
    const e = obj(j['election']);
    expect(Object.keys(e).slice(0, 4)).toEqual(['title', 'round', 'mode', 'method']);
    expect(pick(e, ['title', 'round', 'mode', 'method', 'community', 'date'])).toEqual({
      title: '测试社区第一届居民委员会选举',
      round: 'first',
      mode: 'combined',
      method: 'direct',
      community: '测试社区',
      date: '2026-12-20',
    });
    const b = obj(j['ballots']);
    expect(Object.keys(b)).toEqual(['registered', 'issued', 'returned', 'valid', 'blank', 'partial', 'invalid', 'disputed']);
    // 001–010: 007 blank, 008 委员 overvoted (partial), 009 无法辨认 (invalid), the other seven valid.
    expect(b).toEqual({ registered: 12, issued: 11, returned: 10, valid: 8, blank: 1, partial: 1, invalid: 1, disputed: 0 });
    const v = obj(j['validity']);
    expect(Object.keys(v).slice(0, 2)).toEqual(['valid', 'failed']);
    expect(pick(v, ['valid', 'failed'])).toEqual({ valid: true, failed: [] });
    expect(arr(v['checks']).map((c) => c['code'])).toEqual([
      'MORE_RETURNED_THAN_ISSUED',
      'LOW_TURNOUT',
      'NOT_COMPETITIVE',
      'NOT_COMPETITIVE',
    ]);
  });

  it('people: every printed candidate, then the write-in; votes per office; majority = 2 × total > 10', async () => {
    const { result } = await handChecked();
    const people = arr(parse(renderJson(result, PLAIN))['people']);
    for (const p of people) expect(Object.keys(p).slice(0, 6)).toEqual(['name', 'printed', 'votes', 'total', 'majority', 'elected']);
    for (const p of people) expect(Object.keys(obj(p['votes']))).toEqual(['主任', '委员']);
    expect(people.map((p) => pick(p, ['name', 'printed', 'votes', 'total', 'majority', 'elected']))).toEqual([
      { name: '张三', printed: '主任', votes: { 主任: 7, 委员: 0 }, total: 7, majority: true, elected: '主任' },
      { name: '李四', printed: '主任', votes: { 主任: 1, 委员: 0 }, total: 1, majority: false, elected: null },
      { name: '王五', printed: '委员', votes: { 主任: 0, 委员: 6 }, total: 6, majority: true, elected: '委员' },
      { name: '赵六', printed: '委员', votes: { 主任: 0, 委员: 5 }, total: 5, majority: false, elected: null },
      { name: '钱七', printed: '委员', votes: { 主任: 0, 委员: 1 }, total: 1, majority: false, elected: null },
      { name: '陈一', printed: null, votes: { 主任: 0, 委员: 2 }, total: 2, majority: false, elected: null },
    ]);
  });

  it('elected, revote, runoff, vacant, provisional', async () => {
    const { result } = await handChecked();
    const j = parse(renderJson(result, PLAIN));
    expect(arr(j['elected']).map((x) => pick(x, ['office', 'name']))).toEqual([
      { office: '主任', name: '张三' },
      { office: '委员', name: '王五' },
    ]);
    for (const x of arr(j['elected'])) expect(Object.keys(x).slice(0, 2)).toEqual(['office', 'name']);
    expect(j['revote']).toEqual([]);
    // One 委员 seat short (赵六 has 5 of 10): 另行选举 between the next two by 总得票数 (第四十条).
    expect(arr(j['runoff']).map((x) => pick(x, ['office', 'seats', 'candidates']))).toEqual([
      { office: '委员', seats: 1, candidates: ['赵六', '陈一'] },
    ]);
    expect(Object.keys(arr(j['runoff'])[0] ?? {}).slice(0, 3)).toEqual(['office', 'seats', 'candidates']);
    expect(j['vacant']).toEqual([]);
    expect(j['provisional']).toBe(false);
  });

  it('extras after the contract: final, boxes, reasons, office tallies, warnings', async () => {
    const { result } = await handChecked();
    const j = parse(renderJson(result, PLAIN));
    expect(j['final']).toBe(false); // a runoff is still needed
    expect(j['boxes']).toEqual([
      { box: '中心会场', returned: 5, valid: 5, blank: 0, partial: 0, invalid: 0, disputed: 0 },
      { box: '流动票箱', returned: 5, valid: 3, blank: 1, partial: 1, invalid: 1, disputed: 0 },
    ]);
    expect(j['reasons']).toEqual({ BLANK: 1, OVERVOTE: 1, UNREADABLE: 1 });
    const [zr, wy] = arr(j['offices']);
    expect(zr && pick(zr, ['name', 'seats', 'counted', 'overvoted', 'approvals'])).toEqual({
      name: '主任',
      seats: 1,
      counted: 9,
      overvoted: 0,
      approvals: 8,
    });
    expect(zr?.['candidates']).toEqual([
      { name: '张三', approve: 7, oppose: 0, abstain: 2 },
      { name: '李四', approve: 1, oppose: 1, abstain: 7 },
    ]);
    // counted × seats = approvals + unused + void: 9 × 2 = 14 + 2 + 2.
    expect(wy && pick(wy, ['counted', 'overvoted', 'approvals', 'unused', 'void'])).toEqual({
      counted: 9,
      overvoted: 1,
      approvals: 14,
      unused: 2,
      void: 2,
    });
    expect(j['rollChecked']).toBe(false);
    expect(j['warnings']).toEqual(['未提供选民名单: 另选人是否为登记选民未经核对 (第三十四条)']);
    expect(obj(obj(j['election'])['rules'])).toEqual({ writeInWithoutMark: 'approve', maxProxies: 3 });
  });
});

describe('renderJson — bytes', () => {
  it('2-space indent, trailing newline, no timestamp without --now', async () => {
    const { result } = await handChecked();
    const s = renderJson(result, PLAIN);
    expect(s).toBe(`${JSON.stringify(JSON.parse(s), null, 2)}\n`);
    expect(s.endsWith('}\n')).toBe(true);
    expect(s).not.toContain('generatedAt');
  });

  it('generatedAt only when ctx.now is given, after everything else', async () => {
    const { result } = await handChecked();
    const j = parse(renderJson(result, { ...PLAIN, now: '2026-12-20T18:00:00+08:00' }));
    expect(j['generatedAt']).toBe('2026-12-20T18:00:00+08:00');
    expect(Object.keys(j).at(-1)).toBe('generatedAt');
  });

  it('same result → same bytes, twice', async () => {
    const { result } = await handChecked();
    expect(renderJson(result, PLAIN)).toBe(renderJson(result, PLAIN));
    const again = await handChecked();
    expect(renderJson(again.result, PLAIN)).toBe(renderJson(result, PLAIN));
  });

  it('byte-identical whatever order the ballots are read in', async () => {
    const base = renderJson((await handChecked()).result, PLAIN);
    const n = GRID_BALLOTS.length;
    const orders = [[...Array(n).keys()].reverse(), [3, 9, 0, 7, 1, 8, 2, 6, 4, 5], [5, 4, 6, 2, 8, 1, 7, 0, 9, 3]];
    for (const o of orders) expect(renderJson((await handChecked(o)).result, PLAIN)).toBe(base);
  });

  it('byte-identical across ballot orders also with disputed and ruled ballots', async () => {
    // 006 unclear (pending), 007 set aside and ruled invalid; 王五 and 赵六 equal on 5 (order by 笔画).
    const ballots = [
      ['001', '甲', '○', '', '○', '○', '', '', ''],
      ['002', '甲', '○', '', '○', '○', '', '', ''],
      ['003', '乙', '○', '', '○', '', '○', '', ''],
      ['004', '乙', '○', '', '', '○', '○', '', ''],
      ['005', '甲', '', '○', '○', '○', '', '', ''],
      ['006', '甲', '?', '', '○', '', '', '', ''],
      ['007', '乙', '○', '', '', '', '', '', '疑难'],
      ['008', '甲', '', '', '', '', '', '', ''],
      ['009', '乙', '○', '', '○', '○', '', '', ''],
    ];
    const ruling: Ruling = {
      ticket: '007',
      verdict: 'invalid',
      corrections: [],
      vote: '5:0',
      reason: '撕破',
      file: 'rulings.csv',
      line: 2,
    };
    const all = rows('b.csv', GRID_HEADER, ballots);
    const header = all[0];
    if (!header) throw new Error('no header');
    const body = all.slice(1);
    const once = async (order: readonly number[]) =>
      renderJson(
        (
          await countRows(
            election({ registered: 12, issued: 10 }),
            [{ file: 'b.csv', rows: [header, ...order.map((i) => body[i]).filter((x) => x !== undefined)] }],
            { rulings: [ruling] },
          )
        ).result,
        PLAIN,
      );
    const a = await once([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await once([8, 7, 6, 5, 4, 3, 2, 1, 0])).toBe(a);
    expect(await once([4, 0, 6, 2, 8, 5, 1, 7, 3])).toBe(a);
    const j = parse(a);
    expect(j['provisional']).toBe(true);
    expect(obj(j['ballots'])).toMatchObject({ returned: 9, valid: 7, blank: 1, invalid: 1, disputed: 1 });
    expect(arr(j['disputes']).map((d) => pick(d, ['no', 'ticket', 'box', 'line']))).toEqual([
      { no: 1, ticket: '006', box: '甲', line: 7 },
      { no: 2, ticket: '007', box: '乙', line: 8 },
    ]);
    expect(arr(j['disputes'])[0]?.['ruling']).toBeNull();
    expect(obj(arr(j['disputes'])[1]?.['ruling'])).toMatchObject({
      verdict: 'invalid',
      file: 'rulings.csv',
      line: 2,
      finalClass: 'invalid',
    });
    expect(arr(j['elected']).map((x) => `${String(x['office'])}:${String(x['name'])}`)).toEqual(['主任:张三', '委员:王五', '委员:赵六']);
  });
});
