/**
 * Issue 16, mixed boxes: some boxes counted ballot by ballot, some from hand tallies of the same ballots
 * — the result (seats, validity, revote, runoff, per-person votes, class counts, per-office figures)
 * is the one counting every ballot gives. Also: a sheet that passed is never rejected for a box that
 * was counted with 反对/弃权 left out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BallotSource,
  type CountResult,
  DEFAULT_RULES,
  type Election,
  type RawRow,
  type TallyEntry,
  count,
  readTallies,
} from '../../src/core/index.js';
import { tallyEntriesOf } from './tally-helpers.js';

interface Gen {
  election: Election;
  header: string[];
  /** Rows by box. */
  boxes: string[][][];
}

const MARKS = ['○', '○', '√', '×', '', '', '-', '?'];
const NAMES = ['甲一', '乙二', '丙三', '丁四', '戊五', '己六', '庚七', '辛八', '壬九'];

const genArb: fc.Arbitrary<Gen> = fc
  .record({
    offices: fc.array(fc.record({ seats: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 1, max: 2 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    ballots: fc.integer({ min: 0, max: 40 }),
    nBoxes: fc.integer({ min: 1, max: 4 }),
    round: fc.constantFrom('first' as const, 'runoff' as const, 'revote' as const),
    method: fc.constantFrom('direct' as const, 'representative' as const),
    seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 300, maxLength: 300 }),
  })
  .map(({ offices, ballots, nBoxes, round, method, seed }) => {
    let k = 0;
    const rnd = (n: number): number => (seed[k++ % seed.length] ?? 0) % n;
    let ni = 0;
    const os = offices.map((o, i) => ({
      name: ['主任', '副主任', '委员'][i] ?? `职务${i}`,
      seats: o.seats,
      candidates: Array.from({ length: o.seats + o.extra }, () => NAMES[ni++] ?? `某${ni}`),
    }));
    const election: Election = {
      title: '混合计票',
      date: '2026-12-20',
      method,
      mode: 'combined',
      round,
      registered: ballots + 1,
      issued: ballots + 2,
      offices: os,
      rules: DEFAULT_RULES,
      previouslyElected: [],
    };
    const header = ['票号', '票箱'];
    for (const o of os) header.push(...o.candidates.map((c) => `${o.name}:${c}`), `${o.name}:另选1`);
    header.push('状态');
    const boxes: string[][][] = Array.from({ length: nBoxes }, () => []);
    for (let b = 0; b < ballots; b++) {
      const box = rnd(nBoxes);
      const row = [String(b + 1).padStart(4, '0'), `箱${box}`];
      os.forEach((o, oi) => {
        for (const _ of o.candidates) row.push(MARKS[rnd(MARKS.length)] ?? '');
        const x = rnd(10);
        // a write-in: nobody, a stranger, or a candidate printed for ANOTHER office
        const other = os[(oi + 1) % os.length];
        row.push(x < 6 ? '' : x < 8 ? `路人${rnd(2)}` : other && other !== o ? (other.candidates[0] ?? '') : '');
      });
      const s = rnd(25);
      row.push(s === 0 ? '无法辨认' : s === 1 ? '疑难' : '');
      boxes[box]?.push(row);
    }
    return { election, header, boxes };
  });

function source(g: Gen, b: number): BallotSource {
  const file = `箱${b}.csv`;
  const rows: RawRow[] = [{ file, line: 1, cells: g.header }, ...(g.boxes[b] ?? []).map((cells, j) => ({ file, line: j + 2, cells }))];
  return { file, rows };
}

async function counted(g: Gen, srcs: BallotSource[], tallies: TallyEntry[] = []): Promise<CountResult> {
  const opts = { election: g.election, registered: g.election.registered ?? 0 };
  const sheet = tallies.length > 0 ? readTallies('计票统计表.csv', tallies, g.election, undefined) : undefined;
  if (sheet && !sheet.ok) throw new Error(`tally refused: ${sheet.error.map((e) => JSON.stringify(e)).join('; ')}`);
  const r = await count(srcs, { ...opts, tallies: sheet ? [sheet.value] : [] });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** What must be the same whether a box came as ballots or as a tally. */
function outcome(r: CountResult, marks: boolean): unknown {
  return {
    ballots: r.ballots,
    boxes: r.boxes,
    validity: r.validity,
    people: r.people,
    elected: r.elected,
    revote: r.revote,
    runoff: r.runoff,
    provisional: r.provisional,
    margin: r.margin,
    offices: r.offices.map((o) => ({
      counted: o.counted,
      approvals: o.approvals,
      notVoter: o.notVoter,
      ...(marks ? { void: o.void, unused: o.unused, overvoted: o.overvoted, candidates: o.candidates } : {}),
    })),
  };
}

describe('tally sheets (issue 16)', () => {
  it('boxes given as tallies of their ballots count the same as the ballots (seats, validity, votes)', async () => {
    await fc.assert(
      fc.asyncProperty(
        genArb.chain((g) =>
          fc.tuple(fc.constant(g), fc.array(fc.boolean(), { minLength: g.boxes.length, maxLength: g.boxes.length }), fc.boolean()),
        ),
        async ([g, asTally, marks]) => {
          const present = g.boxes.map((rows, b) => (rows.length > 0 ? b : -1)).filter((b) => b >= 0);
          const all = await counted(g, present.length > 0 ? present.map((b) => source(g, b)) : [source(g, 0)]);
          const entries: TallyEntry[] = [];
          const ballotBoxes: BallotSource[] = [];
          for (const b of present) {
            if (!asTally[b]) {
              ballotBoxes.push(source(g, b));
              continue;
            }
            const one = await counted(g, [source(g, b)]);
            entries.push(...tallyEntriesOf(one, `箱${b}`, '计票统计表.csv', marks));
          }
          const mixed = await counted(g, ballotBoxes, entries);
          expect(outcome(mixed, marks)).toEqual(outcome(all, marks));
          if (entries.length > 0)
            expect(mixed.tallied?.boxes).toEqual(
              present
                .filter((b) => asTally[b])
                .map((b) => `箱${b}`)
                .sort(),
            );
          else expect(mixed.tallied).toBeUndefined();
        },
      ),
      { numRuns: 80 },
    );
  });
});
