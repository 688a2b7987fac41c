/**
 * `jipiao compare` (申诉复核, issue 5): a seat that moves from one person to another (委员 周强 → 吴敏),
 * goldens of both formats, every change of outcome the verdict must name, order-insensitive revote and
 * runoff lists, documents that are damaged or of another election (exit 2 naming file and key, never 70),
 * and two properties: a result compared with itself is unchanged; the verdict's "changed" is symmetric.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseResultDoc } from '../../src/adapters/input/result-schema.js';
import { type ResultDoc, compareResults } from '../../src/core/index.js';
import { fakeIo } from '../cli/fake-io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (...p: string[]): string => path.join(root, 'fixtures', ...p);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jipiao-compare-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], cwd = root) {
  const io = fakeIo(cwd);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** A parsed fixture result, as a mutable plain object to derive variants from. */
function load(name: string): Record<string, unknown> & ResultDoc {
  return JSON.parse(readFileSync(fixture(name), 'utf8')) as Record<string, unknown> & ResultDoc;
}

function doc(x: unknown): ResultDoc {
  const d = parseResultDoc(JSON.stringify(x), 'x.json');
  if (!d.ok) throw new Error(JSON.stringify(d.error));
  return d.value;
}

function verdict(a: unknown, b: unknown): string {
  const c = compareResults(doc(a), doc(b), ['a.json', 'b.json']);
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  return c.value.verdict;
}

function write(name: string, x: unknown): string {
  const p = path.join(tmp, name);
  writeFileSync(p, typeof x === 'string' ? x : JSON.stringify(x));
  return p;
}

describe('a seat moves to another person (fixtures/appeal-swap)', () => {
  it('the fixture results are what the tool counts from the published and re-counted ballots', async () => {
    for (const f of ['published', 'recount']) {
      const r = await run(['count', `${f}.csv`, '--format', 'json'], fixture('appeal-swap'));
      expect(r.code).toBe(0);
      expect(r.out).toBe(readFileSync(fixture('appeal-swap', `${f}.json`), 'utf8'));
    }
  });

  it('table: matches the golden, ends with "当选结果改变: 委员 周强 → 吴敏", exit 1', async () => {
    const r = await run(['compare', 'published.json', 'recount.json'], fixture('appeal-swap'));
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('当选结果改变: 委员 周强 → 吴敏');
    expect(r.out).toMatch(/委员 │ 孙丽、周强 │ 孙丽、吴敏 │ 改变/u);
    expect(r.out).toBe(readFileSync(fixture('appeal-swap', 'expected-compare.txt'), 'utf8'));
  });

  it('JSON: matches the golden byte for byte, twice (deterministic)', async () => {
    const a = await run(['compare', 'published.json', 'recount.json', '--format', 'json'], fixture('appeal-swap'));
    const b = await run(['compare', 'published.json', 'recount.json', '--format', 'json'], fixture('appeal-swap'));
    expect(a.code).toBe(1);
    expect(a.out).toBe(b.out);
    expect(a.out).toBe(readFileSync(fixture('appeal-swap', 'expected-compare.json'), 'utf8'));
    const j = JSON.parse(a.out) as {
      schema: string;
      elected: { changes: unknown };
      votes: { name: string; office: string; diff: number }[];
    };
    expect(j.schema).toBe('jipiao.compare/1');
    expect(j.elected.changes).toEqual([{ office: '委员', removed: ['周强'], added: ['吴敏'] }]);
    expect(j.votes.map((v) => `${v.name} ${v.office} ${v.diff}`)).toEqual([
      '周强 委员 -2',
      '周强 总得票数 -2',
      '吴敏 委员 2',
      '吴敏 总得票数 2',
    ]);
  });
});

describe('what counts as a change of outcome', () => {
  const base = load('appeal-swap/published.json');

  it('a person moving office is named in both offices', () => {
    const after = {
      ...base,
      elected: [
        { office: '主任', name: '孙丽' },
        { office: '委员', name: '张建国' },
        { office: '委员', name: '周强' },
      ],
    };
    expect(verdict(base, after)).toBe('当选结果改变: 主任 张建国 → 孙丽; 委员 孙丽 → 张建国');
  });

  it('an election that becomes invalid: the reason in words, and who is no longer elected', () => {
    const after = { ...base, validity: { valid: false, failed: ['LOW_TURNOUT'] }, elected: [] };
    expect(verdict(base, after)).toBe(
      '当选结果改变: 选举由有效变为无效 (参加投票人数不足); 不再当选 主任 张建国; 不再当选 委员 孙丽、周强',
    );
  });

  it('a seat newly filled, a revote, a vacancy', () => {
    const before = { ...base, elected: base.elected.slice(0, 2), runoff: [{ office: '委员', seats: 1, candidates: ['周强', '吴敏'] }] };
    expect(verdict(before, base)).toBe('当选结果改变: 新当选 委员 周强; 另行选举: 无');
    const tie = { ...base, elected: base.elected.slice(0, 2), revote: [{ office: '委员', seats: 1, names: ['周强', '吴敏'] }] };
    expect(verdict(base, tie)).toBe('当选结果改变: 不再当选 委员 周强; 再次投票: 委员 1 名');
    expect(verdict(base, { ...base, vacant: [{ office: '委员', seats: 1 }] })).toBe('当选结果改变: 空缺: 委员 1 名');
  });

  it('the order in which tied or runoff persons are listed is not a change; the persons are', () => {
    const a = { ...base, revote: [{ office: '委员', seats: 1, names: ['周强', '吴敏'] }] };
    expect(verdict(a, { ...base, revote: [{ office: '委员', seats: 1, names: ['吴敏', '周强'] }] })).toBe('当选结果不变');
    expect(verdict(a, { ...base, revote: [{ office: '委员', seats: 1, names: ['吴敏', '孙丽'] }] })).toBe(
      '当选结果改变: 再次投票: 委员 1 名',
    );
  });

  it('counts that change without changing the outcome: 当选结果不变, the figures still listed', () => {
    const ballots = { ...(base.ballots as Record<string, number>), valid: 9, invalid: 1 };
    // Without 票箱 figures (their sums would have to change too: compare checks them, issue 13).
    const c = compareResults(doc({ ...base, boxes: undefined }), doc({ ...base, ballots, boxes: undefined }), ['a', 'b']);
    expect(c.ok && c.value.verdict).toBe('当选结果不变');
    expect(c.ok && c.value.ballots.filter((f) => f.diff !== 0).map((f) => `${f.what} ${f.diff}`)).toEqual(['有效 -1', '无效 1']);
  });

  it('a write-in only the re-count has appears with 0 before', () => {
    const people = [...base.people, { name: '李明', printed: null, votes: { 主任: 0, 委员: 2 }, total: 2, majority: false, elected: null }];
    const c = compareResults(doc(base), doc({ ...base, people }), ['a', 'b']);
    expect(c.ok && c.value.votes).toEqual([
      { name: '李明', office: '委员', before: 0, after: 2, diff: 2 },
      { name: '李明', office: '总得票数', before: 0, after: 2, diff: 2 },
    ]);
  });
});

describe('files compare refuses (exit 2, the file and key named, never an internal error)', () => {
  const base = load('appeal-swap/published.json');

  it('a damaged result: each missing or mistyped field is named by its key', async () => {
    const cases: [string, (j: Record<string, unknown>) => void, string][] = [
      ['validity', (j) => delete j['validity'], 'validity'],
      ['total', (j) => (((j['people'] as Record<string, unknown>[])[1] as Record<string, unknown>)['total'] = '7'), 'people[1].total'],
      ['returned', (j) => ((j['ballots'] as Record<string, unknown>)['returned'] = -1), 'ballots.returned'],
      ['elected', (j) => (j['elected'] as unknown[]).push({ office: '委员' }), 'elected[3].name'],
      ['runoff', (j) => (j['runoff'] = [{ office: '委员', seats: 1, candidates: '周强' }]), 'runoff[0].candidates'],
      ['boxes', (j) => (j['boxes'] = [{ box: 1 }]), 'boxes[0].box'],
    ];
    for (const [name, damage, key] of cases) {
      const j = structuredClone(base) as Record<string, unknown>;
      damage(j);
      const r = await run(['compare', fixture('appeal-swap/published.json'), write(`${name}.json`, j)]);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toBe(
        `错误 [COMPARE_NOT_RESULT] ${path.join(tmp, `${name}.json`)} 键 ${key}: 计票结果不完整或已被改动: 此键缺失或类型不对 (应为 jipiao count --format json 的输出, schema "jipiao.result/1")\n`,
      );
    }
  });

  it('not JSON, another schema, and a missing file: every bad file is reported, not only the first', async () => {
    const r = await run([
      'compare',
      write('broken.json', '{"schema": "jipiao.result/1",'),
      write('other.json', { schema: 'jipiao.compare/1' }),
    ]);
    expect(r.code).toBe(2);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^错误 \[COMPARE_NOT_JSON\] .*broken\.json: 不是有效的 JSON/u);
    expect(lines[1]).toMatch(/^错误 \[COMPARE_NOT_RESULT\] .*other\.json 键 schema: 不是 jipiao 计票结果: schema 为 "jipiao\.compare\/1"/u);
    const missing = await run(['compare', 'fixtures/appeal-swap/published.json', 'fixtures/appeal-swap/nothing.json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('错误 [FILE_NOT_FOUND] fixtures/appeal-swap/nothing.json: 文件不存在 (请检查路径)\n');
  });

  it('a result saved with a BOM (Windows editors) is still read', async () => {
    const p = write('bom.json', `\uFEFF${readFileSync(fixture('appeal-swap/published.json'), 'utf8')}`);
    const r = await run(['compare', 'fixtures/appeal-swap/published.json', p]);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('当选结果不变');
  });

  it('same title but other printed candidates, other seats, another round: different elections', async () => {
    const offices = base.election.offices ?? [];
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'candidates',
        {
          ...base,
          election: {
            ...base.election,
            offices: offices.map((o) => (o.name === '委员' ? { ...o, candidates: ['孙丽', '周强', '郑伟'] } : o)),
          },
          people: base.people.map((p) => (p.name === '吴敏' ? { ...p, name: '郑伟' } : p)),
        },
        'election.offices: 两份结果的职务或候选人不同, 不是同一次选举 (原结果 委员: 孙丽、吴敏、周强; 复核 委员: 孙丽、周强、郑伟)',
      ],
      [
        'seats',
        { ...base, election: { ...base.election, offices: offices.map((o) => (o.name === '委员' ? { ...o, seats: 1 } : o)) } },
        'election.offices: 两份结果的应选名额不同',
      ],
      ['round', { ...base, election: { ...base.election, round: 'runoff' } }, 'election.round: 两份结果的轮次不同 (first / runoff)'],
    ];
    for (const [name, j, expected] of cases) {
      const r = await run(['compare', 'fixtures/appeal-swap/published.json', write(`${name}-other.json`, j)]);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toContain(`[COMPARE_DIFFERENT_ELECTION] ${path.join(tmp, `${name}-other.json`)} 键 ${expected}`);
    }
  });

  it('--format other than table|json is a usage error', async () => {
    const r = await run(['compare', 'fixtures/appeal-swap/published.json', 'fixtures/appeal-swap/recount.json', '--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误 \[USAGE\] 参数值无效/u);
  });
});

describe('properties', () => {
  const base = load('appeal-flip/published.json');
  const names = base.people.map((p) => p.name);
  const offices = (base.election.offices ?? []).map((o) => o.name);
  /** A result of the same election with arbitrary votes, elected set and pending lists. */
  const variant = fc
    .record({
      votes: fc.array(fc.nat(20), { minLength: names.length * offices.length, maxLength: names.length * offices.length }),
      elected: fc.subarray(names.flatMap((name) => offices.map((office) => ({ office, name })))),
      revote: fc.subarray(names),
      valid: fc.boolean(),
      returned: fc.nat(12),
    })
    .map(({ votes, elected, revote, valid, returned }) => ({
      ...base,
      // Figures that add up (compare refuses a result whose classes do not make the ballots returned).
      ballots: { ...(base.ballots as Record<string, number>), returned, valid: returned, blank: 0, partial: 0, invalid: 0, disputed: 0 },
      boxes: undefined,
      validity: { valid, failed: valid ? [] : ['LOW_TURNOUT'] },
      people: base.people.map((p, i) => {
        const v = Object.fromEntries(offices.map((o, k) => [o, votes[i * offices.length + k] ?? 0]));
        return { ...p, votes: v, total: Object.values(v).reduce((s, x) => s + x, 0) };
      }),
      elected,
      revote: revote.length > 0 ? [{ office: '委员', seats: 1, names: revote }] : [],
    }));

  it('a result compared with itself: 当选结果不变, no vote or box differences', () => {
    fc.assert(
      fc.property(variant, (x) => {
        const c = compareResults(doc(x), doc(x), ['a', 'b']);
        return (
          c.ok && !c.value.outcomeChanged && c.value.verdict === '当选结果不变' && c.value.votes.length === 0 && c.value.boxes.length === 0
        );
      }),
    );
  });

  it('changed one way ⇔ changed the other way; every vote difference is the negative of the reverse one', () => {
    fc.assert(
      fc.property(variant, variant, (x, y) => {
        const ab = compareResults(doc(x), doc(y), ['a', 'b']);
        const ba = compareResults(doc(y), doc(x), ['b', 'a']);
        if (!ab.ok || !ba.ok) return false;
        const rev = new Map(ba.value.votes.map((v) => [`${v.name}|${v.office}`, v.diff]));
        return (
          ab.value.outcomeChanged === ba.value.outcomeChanged &&
          ab.value.votes.length === ba.value.votes.length &&
          ab.value.votes.every((v) => rev.get(`${v.name}|${v.office}`) === -v.diff)
        );
      }),
    );
  });
});
