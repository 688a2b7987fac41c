/**
 * Invariants of the count as fast-check properties over random elections (issue 2, issue 7):
 * ballot order and the split into boxes never change the result; every row gets exactly one class;
 * per office, counted ballots × seats = approvals + unused + void; a blank ballot changes only the
 * returned/valid/blank counts; a ruling that confirms a ballot's reading changes nothing but its class.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BallotLogEntry,
  type BallotSource,
  type CountResult,
  DEFAULT_RULES,
  type Election,
  type RawRow,
  type Ruling,
  count,
} from '../../src/core/index.js';

interface Gen {
  election: Election;
  header: string[];
  rows: string[][];
}

const MARKS = ['○', '√', '×', '', '', '', '-', '?'];
const NAMES = ['甲一', '乙二', '丙三', '丁四', '戊五', '己六', '庚七', '辛八', '壬九'];

const electionArb: fc.Arbitrary<Gen> = fc
  .record({
    offices: fc.array(fc.record({ seats: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 1, max: 3 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    writeIns: fc.integer({ min: 0, max: 2 }),
    ballots: fc.integer({ min: 0, max: 40 }),
    seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 400, maxLength: 400 }),
  })
  .map(({ offices, writeIns, ballots, seed }) => {
    let k = 0;
    const rnd = (n: number): number => (seed[k++ % seed.length] ?? 0) % n;
    let nameIdx = 0;
    const officeNames = ['主任', '副主任', '委员'];
    const os = offices.map((o, i) => {
      const candidates: string[] = [];
      for (let c = 0; c < o.seats + o.extra; c++, nameIdx++)
        candidates.push(`${NAMES[nameIdx % NAMES.length]}${Math.floor(nameIdx / NAMES.length) || ''}`);
      return { name: officeNames[i] ?? `职务${i}`, seats: o.seats, candidates };
    });
    const election: Election = {
      title: '性质测试选举',
      date: '2026-12-20',
      method: 'direct',
      mode: 'combined',
      round: 'first',
      registered: ballots + 1,
      issued: ballots + 5,
      offices: os,
      rules: DEFAULT_RULES,
      previouslyElected: [],
    };
    const header = ['票号'];
    for (const o of os) {
      for (const c of o.candidates) header.push(`${o.name}:${c}`);
      for (let w = 1; w <= writeIns; w++) header.push(`${o.name}:另选${w}`);
    }
    header.push('状态');
    const rows: string[][] = [];
    for (let b = 0; b < ballots; b++) {
      const row = [String(b + 1).padStart(5, '0')];
      for (const o of os) {
        for (let c = 0; c < o.candidates.length; c++) row.push(MARKS[rnd(MARKS.length)] ?? '');
        for (let w = 1; w <= writeIns; w++) {
          const x = rnd(12);
          // write-ins: empty, another office's candidate, a stranger
          row.push(x < 8 ? '' : x < 10 ? (os[rnd(os.length)]?.candidates[0] ?? '') : `路人${rnd(3)}`);
        }
      }
      const s = rnd(30);
      row.push(s === 0 ? '无法辨认' : s === 1 ? '疑难' : '');
      rows.push(row);
    }
    return { election, header, rows };
  });

function sources(g: Gen, split: number[][]): BallotSource[] {
  return split.map((idx, f) => {
    const file = `box${f}.csv`;
    const recs: RawRow[] = [{ file, line: 1, cells: g.header }, ...idx.map((i, j) => ({ file, line: j + 2, cells: g.rows[i] ?? [] }))];
    return { file, rows: recs };
  });
}

async function countOf(
  g: Gen,
  split: number[][],
  extra: { rulings?: Ruling[]; onBallot?: (e: BallotLogEntry) => void } = {},
): Promise<CountResult> {
  const r = await count(sources(g, split), { election: g.election, registered: g.election.registered ?? 0, ...extra });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** The result without what legitimately depends on files and boxes. */
function outcome(r: CountResult): unknown {
  const { boxes: _b, disputes, ...rest } = r;
  return { ...rest, disputes: disputes.map((d) => ({ no: d.no, ticket: d.ticket, issues: d.issues })) };
}

const permutationArb = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: n, maxLength: n }).map((keys) =>
    keys
      .map((k, i) => [k, i] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map(([, i]) => i),
  );

describe('count properties', () => {
  it('ballot order and the split into boxes never change the result', async () => {
    await fc.assert(
      fc.asyncProperty(
        electionArb.chain((g) =>
          fc.tuple(
            fc.constant(g),
            permutationArb(g.rows.length),
            fc.integer({ min: 1, max: 4 }),
            fc.array(fc.integer({ min: 0, max: 3 }), { minLength: g.rows.length, maxLength: g.rows.length }),
          ),
        ),
        async ([g, perm, nBoxes, boxOf]) => {
          const base = await countOf(g, [g.rows.map((_, i) => i)]);
          const split: number[][] = Array.from({ length: nBoxes }, () => []);
          perm.forEach((i) => split[(boxOf[i] ?? 0) % nBoxes]?.push(i));
          const other = await countOf(g, split.filter((s) => s.length > 0).length > 0 ? split : [[]]);
          expect(outcome(other)).toEqual(outcome(base));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('every row gets exactly one class, reported once through the ballot log', async () => {
    await fc.assert(
      fc.asyncProperty(electionArb, async (g) => {
        const seen = new Map<string, number>();
        const r = await countOf(g, [g.rows.map((_, i) => i)], { onBallot: (e) => seen.set(e.ticket, (seen.get(e.ticket) ?? 0) + 1) });
        const b = r.ballots;
        expect(b.returned).toBe(g.rows.length);
        expect(b.valid + b.partial + b.invalid + b.disputed).toBe(b.returned);
        expect(seen.size).toBe(g.rows.length);
        expect([...seen.values()].every((n) => n === 1)).toBe(true);
        expect(b.blank).toBeLessThanOrEqual(b.valid);
      }),
      { numRuns: 80 },
    );
  });

  it('per office: counted ballots × seats = approvals + unused + void', async () => {
    await fc.assert(
      fc.asyncProperty(electionArb, async (g) => {
        const r = await countOf(g, [g.rows.map((_, i) => i)]);
        r.offices.forEach((o) => {
          expect(o.counted).toBe(r.ballots.valid + r.ballots.partial);
          expect(o.counted * o.seats).toBe(o.approvals + o.unused + o.void);
          const votes = r.people.reduce((s, p) => s + (p.votes[o.name] ?? 0), 0);
          expect(votes).toBe(o.approvals);
        });
      }),
      { numRuns: 80 },
    );
  });

  it('adding a blank ballot changes only returned, valid and blank (tallies unchanged)', async () => {
    await fc.assert(
      fc.asyncProperty(electionArb, async (g) => {
        const blank = ['99999', ...g.header.slice(1).map(() => '')];
        const g2: Gen = { ...g, rows: [...g.rows, blank] };
        const a = await countOf(g, [g.rows.map((_, i) => i)]);
        const b = await countOf(g2, [g2.rows.map((_, i) => i)]);
        expect(b.ballots).toEqual({
          ...a.ballots,
          returned: a.ballots.returned + 1,
          valid: a.ballots.valid + 1,
          blank: a.ballots.blank + 1,
        });
        expect(b.people.map((p) => [p.name, p.votes])).toEqual(a.people.map((p) => [p.name, p.votes]));
        b.offices.forEach((o, i) => {
          const x = a.offices[i];
          expect(o.approvals).toBe(x?.approvals);
          expect(o.void).toBe(x?.void);
          expect(o.unused).toBe((x?.unused ?? 0) + o.seats);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('a ruling that confirms a flagged ballot changes nothing but its class', async () => {
    await fc.assert(
      fc.asyncProperty(
        electionArb.filter((g) => g.rows.length > 0),
        fc.nat(),
        async (g, pick) => {
          const i = pick % g.rows.length;
          const row = g.rows[i] ?? [];
          // A clean reading of row i: clear unclear marks and the status, then flag it 疑难.
          const clean = row.map((c, j) => (j === row.length - 1 ? '' : c === '?' ? '' : c));
          const plain: Gen = { ...g, rows: g.rows.map((r, j) => (j === i ? clean : r)) };
          const flagged: Gen = { ...g, rows: g.rows.map((r, j) => (j === i ? [...clean.slice(0, -1), '疑难'] : r)) };
          const a = await countOf(plain, [plain.rows.map((_, j) => j)]);
          let cls = '';
          await countOf(plain, [plain.rows.map((_, j) => j)], { onBallot: (e) => void (e.ticket === clean[0] && (cls = e.class)) });
          const verdict = cls === 'valid' ? 'valid' : cls === 'partial' ? 'partial' : 'invalid';
          if (cls === 'disputed') return; // a homonym-free election cannot be disputed once cleaned
          const ruling: Ruling = {
            ticket: clean[0] ?? '',
            verdict,
            corrections: [],
            vote: '7:0',
            reason: '',
            file: 'rulings.csv',
            line: 2,
          };
          const b = await countOf(flagged, [flagged.rows.map((_, j) => j)], verdict === 'invalid' ? {} : { rulings: [ruling] });
          if (verdict === 'invalid') return; // 认定=无效 is RULED_INVALID by definition, a different reason
          expect(b.ballots).toEqual(a.ballots);
          expect(b.people).toEqual(a.people);
          expect(b.elected).toEqual(a.elected);
          expect(b.disputes).toHaveLength(a.disputes.length + 1);
          expect(b.disputes.find((d) => d.ticket === clean[0])?.ruling?.finalClass).toBe(cls);
        },
      ),
      { numRuns: 60 },
    );
  });
});
