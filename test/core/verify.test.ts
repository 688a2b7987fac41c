/**
 * Double entry (issue 16): random elections typed twice — each side in the grid or the names layout,
 * marks in any accepted spelling (unreadable `?`/`？` too), names in any order — with injected differences
 * (swapped marks, swapped or mistyped written names, a missing ballot, an extra ballot, a mark typo —
 * into an unknown symbol too —, a status typo):
 * every injected difference is found and nothing else is reported.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type Election, type EntryFile, type VerifyResult, verifyEntries } from '../../src/core/index.js';

type M = 'approve' | 'oppose' | 'abstain' | 'unclear';
interface Ballot {
  ticket: string;
  status: '' | '疑难' | '无法辨认';
  offices: { marks: M[]; written: string[] }[];
}
interface Gen {
  election: Election;
  ballots: Ballot[];
  seed: number[];
}

const SPELL: Readonly<Record<M, readonly string[]>> = {
  approve: ['○', '〇', '◯', '√', '✓', '1', '同意', ' ○ '],
  oppose: ['×', 'X', 'x', '反对'],
  abstain: ['', '-', '弃权'],
  unclear: ['?', '？', ' ? '],
};
const SEPARATORS = ['、', ',', '，', ';', '；'];
const STRANGERS = ['路人甲', '路人乙', '路人丙', '路人丁'];
const NAMES = ['甲一', '乙二', '丙三', '丁四', '戊五', '己六', '庚七', '辛八'];

const genArb: fc.Arbitrary<Gen> = fc
  .record({
    offices: fc.array(fc.record({ seats: fc.integer({ min: 1, max: 2 }), extra: fc.integer({ min: 1, max: 2 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    n: fc.integer({ min: 1, max: 25 }),
    seed: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 500, maxLength: 500 }),
  })
  .map(({ offices, n, seed }) => {
    let k = 0;
    const rnd = (m: number): number => (seed[k++ % seed.length] ?? 0) % m;
    let ni = 0;
    const os = offices.map((o, i) => ({
      name: ['主任', '副主任', '委员'][i] ?? `职务${i}`,
      seats: o.seats,
      candidates: Array.from({ length: o.seats + o.extra }, () => NAMES[ni++] ?? `某${ni}`),
    }));
    const election: Election = {
      title: '录入核对',
      date: '2026-12-20',
      method: 'direct',
      mode: 'combined',
      round: 'first',
      registered: 100,
      issued: 100,
      offices: os,
      rules: DEFAULT_RULES,
      previouslyElected: [],
    };
    const ballots: Ballot[] = Array.from({ length: n }, (_, b) => ({
      ticket: String(b + 1).padStart(4, '0'),
      status: rnd(15) === 0 ? '疑难' : '',
      offices: os.map((o) => {
        const written = rnd(3) === 0 ? [STRANGERS[rnd(STRANGERS.length)] ?? ''] : [];
        return {
          marks: o.candidates.map(
            () => (['approve', 'oppose', 'abstain', 'abstain', 'approve', 'oppose', 'abstain', 'unclear'] as const)[rnd(8)] ?? 'abstain',
          ),
          written,
        };
      }),
    }));
    return { election, ballots, seed };
  });

/** Type a side: grid (one column per candidate, two 另选 slots) or names layout (with `:反对` columns). */
function typeSide(g: Gen, ballots: readonly Ballot[], layout: 'grid' | 'names', file: string, rnd: (m: number) => number): EntryFile {
  const os = g.election.offices;
  const header = ['票号', '票箱'];
  if (layout === 'grid')
    for (const o of os) header.push(...o.candidates.map((c) => `${o.name}:${c}`), `${o.name}:另选1`, `${o.name}:另选2`);
  else for (const o of os) header.push(o.name, `${o.name}:反对`);
  header.push('状态');
  const rows = ballots.map((b, i) => {
    const cells = [b.ticket, '中心会场'];
    os.forEach((o, oi) => {
      const s = b.offices[oi];
      if (!s) throw new Error('section');
      if (layout === 'grid') {
        cells.push(...s.marks.map((m) => SPELL[m][rnd(SPELL[m].length)] ?? ''));
        const slots = [...s.written, ''].slice(0, 2);
        if (rnd(2) === 0) slots.reverse();
        cells.push(slots[0] ?? '', slots[1] ?? '');
      } else {
        const approved = [...o.candidates.filter((_, ci) => s.marks[ci] === 'approve'), ...s.written];
        if (rnd(2) === 0) approved.reverse(); // names in another order are not a difference
        const sep = SEPARATORS[rnd(SEPARATORS.length)] ?? '、';
        cells.push(approved.join(sep), o.candidates.filter((_, ci) => s.marks[ci] === 'oppose').join('、'));
      }
    });
    cells.push(b.status);
    return { file, line: i + 2, cells };
  });
  return { file, rows: [{ file, line: 1, cells: header }, ...rows] };
}

/** Inject one difference into a copy of ballot `b`; returns the expected difference keys. */
function inject(g: Gen, b: Ballot, kind: number, rnd: (m: number) => number, grid: boolean): string[] {
  const os = g.election.offices;
  const oi = rnd(os.length);
  const o = os[oi];
  const s = b.offices[oi];
  if (!o || !s) return [];
  switch (kind) {
    case 0: {
      // mark typo
      const ci = rnd(o.candidates.length);
      const was = s.marks[ci] ?? 'abstain';
      // a grid entry can also be mistyped into a symbol the vocabulary does not know (read as unclear)
      const others = (grid ? (['approve', 'oppose', 'abstain', 'unclear'] as const) : (['approve', 'oppose', 'abstain'] as const)).filter(
        (m) => m !== was,
      );
      s.marks[ci] = others[rnd(others.length)] ?? 'approve';
      return [`${b.ticket}|mark|${o.name}|${o.candidates[ci] ?? ''}`];
    }
    case 1: {
      // two candidates' marks swapped (names typed on the wrong line)
      const pairs: [number, number][] = [];
      s.marks.forEach((x, i) => s.marks.forEach((y, j) => i < j && x !== y && pairs.push([i, j])));
      const p = pairs[rnd(Math.max(1, pairs.length))];
      if (!p) return [];
      const [i, j] = p;
      [s.marks[i], s.marks[j]] = [s.marks[j] ?? 'abstain', s.marks[i] ?? 'abstain'];
      return [`${b.ticket}|mark|${o.name}|${o.candidates[i] ?? ''}`, `${b.ticket}|mark|${o.name}|${o.candidates[j] ?? ''}`];
    }
    case 2: {
      // a written name mistyped (or written where there was none)
      const other = STRANGERS.filter((x) => !s.written.includes(x));
      s.written = [other[rnd(other.length)] ?? '路人戊'];
      return [`${b.ticket}|written|${o.name}|`];
    }
    case 3: {
      // a written name typed under another office
      const to = (oi + 1) % os.length;
      const t = b.offices[to];
      const name = s.written[0];
      if (to === oi || !t || name === undefined || t.written.includes(name)) return [];
      s.written = [];
      t.written = [...t.written, name];
      return [`${b.ticket}|written|${o.name}|`, `${b.ticket}|written|${os[to]?.name ?? ''}|`];
    }
    default:
      b.status = b.status === '' ? '疑难' : '';
      return [`${b.ticket}|status||`];
  }
}

function found(r: VerifyResult): string[] {
  const out: string[] = [];
  for (const b of r.ballots) {
    if (!b.first) out.push(`${b.ticket}|onlySecond||`);
    else if (!b.second) out.push(`${b.ticket}|onlyFirst||`);
    for (const d of b.cells) out.push(`${b.ticket}|${d.kind}|${'office' in d ? d.office : ''}|${d.kind === 'mark' ? d.candidate : ''}`);
  }
  return out.sort();
}

describe('verifyEntries (double entry)', () => {
  it('finds every injected difference and nothing else, whatever the layouts and spellings', () => {
    fc.assert(
      fc.property(
        genArb,
        fc.constantFrom('grid', 'names'),
        fc.constantFrom('grid', 'names'),
        fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 25, maxLength: 25 }),
        (g, la, lb, plan) => {
          let k = 0;
          const rnd = (m: number): number => (g.seed[k++ % g.seed.length] ?? 0) % m;
          const second: Ballot[] = [];
          const expected: string[] = [];
          // the names layout has no place for an unreadable mark: such ballots are typed as blank there
          if (la === 'names' || lb === 'names')
            for (const b of g.ballots) for (const o of b.offices) o.marks = o.marks.map((m) => (m === 'unclear' ? 'abstain' : m));
          g.ballots.forEach((b, i) => {
            const p = plan[i] ?? 8;
            if (p === 5) return void expected.push(`${b.ticket}|onlyFirst||`); // missing in the second entry
            const copy: Ballot = structuredClone(b);
            if (p <= 4) expected.push(...inject(g, copy, p, rnd, la === 'grid' && lb === 'grid'));
            second.push(copy);
            if (p === 6) {
              const extra = structuredClone(b);
              extra.ticket = `9${b.ticket}`;
              second.push(extra);
              expected.push(`${extra.ticket}|onlySecond||`);
            }
          });
          const r = verifyEntries([typeSide(g, g.ballots, la, 'a.csv', rnd)], [typeSide(g, second, lb, 'b.csv', rnd)], g.election);
          if (!r.ok) throw new Error(r.error.map((e) => JSON.stringify(e)).join('; '));
          expect(found(r.value)).toEqual(expected.sort());
          expect(r.value.agree + r.value.ballots.filter((b) => b.first && b.second).length).toBe(r.value.paired);
        },
      ),
      { numRuns: 150 },
    );
  });

  const election: Election = {
    title: 't',
    date: '2026-12-20',
    method: 'direct',
    mode: 'combined',
    round: 'first',
    registered: 9,
    issued: 9,
    offices: [{ name: '委员', seats: 2, candidates: ['孙丽', '周强', '吴敏'] }],
    rules: DEFAULT_RULES,
    previouslyElected: [],
  };
  const side = (file: string, header: string[], ...rows: string[][]): EntryFile => ({
    file,
    rows: [header, ...rows].map((cells, i) => ({ file, line: i + 1, cells })),
  });

  it('a names file without 反对 columns: 反对 and 弃权 are both "not approved", not a difference', () => {
    const grid = side('a.csv', ['票号', '委员:孙丽', '委员:周强', '委员:吴敏'], ['1', '○', '×', ''], ['2', '?', '', '']);
    const names = side('b.csv', ['票号', '委员'], ['1', '孙丽'], ['2', '']);
    const r = verifyEntries([grid], [names], election);
    if (!r.ok) throw new Error('bad input');
    expect(r.value.agree).toBe(1);
    expect(r.value.ballots[0]?.cells).toEqual([
      { kind: 'mark', office: '委员', candidate: '孙丽', first: { mark: 'unclear', raw: '?' }, second: { mark: 'notApprove' } },
    ]);
  });

  it('a repeated 票号 on one side is bad input naming both places (票号 compared after NFKC)', () => {
    const a = side('a.csv', ['票号', '委员'], ['0001', '孙丽'], ['０００１', '周强']);
    const r = verifyEntries([a], [side('b.csv', ['票号', '委员'])], election);
    expect(r.ok ? [] : r.error.map((e) => [e.code, e.file, e.line])).toEqual([['BALLOT_DUPLICATE_TICKET', 'a.csv', 3]]);
    expect(r.ok ? undefined : r.error[0]).toMatchObject({ ticket: '0001', firstSeen: { file: 'a.csv', line: 2 } });
  });
});
