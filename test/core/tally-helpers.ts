/**
 * Test-only: the tally sheet a careful clerk would copy from the blackboard for one box, derived from
 * that box's ballot count (per printed candidate 票数 = votes, 反对 = opposed, 弃权 = the rest of the
 * ballots counted in that office; a row per write-in with votes). Used by the mixed-box property.
 */
import { type CountResult, TALLY_BALLOT_ROWS, TALLY_CLASS_ROWS, type TallyEntry } from '../../src/core/index.js';

export function tallyEntriesOf(r: CountResult, box: string, file = '计票统计表.csv', marks = true): TallyEntry[] {
  const out: TallyEntry[] = [];
  const add = (office: string, name: string, votes: number, oppose?: number, abstain?: number): void => {
    out.push({ file, line: out.length + 2, box, office, name, votes, oppose, abstain });
  };
  for (const [label, k] of TALLY_CLASS_ROWS) add(TALLY_BALLOT_ROWS, label, r.ballots[k]);
  for (const o of r.offices) {
    const nonVoid = o.counted - o.overvoted;
    for (const c of o.candidates) {
      const votes = r.people.find((p) => p.name === c.name)?.votes[o.name];
      if (votes === undefined) throw new Error(`no votes for ${c.name}`);
      if (marks) add(o.name, c.name, votes, c.oppose, nonVoid - votes - c.oppose);
      else add(o.name, c.name, votes);
    }
    for (const p of r.people) {
      const v = p.votes[o.name];
      if (v !== undefined && v > 0 && !o.candidates.some((c) => c.name === p.name)) add(o.name, p.name, v);
    }
  }
  return out;
}
