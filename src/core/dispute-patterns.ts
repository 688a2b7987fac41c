/**
 * Patterns among disputed ballots: one unknown mark (every ○ typed as `v`) or one kind of unclear name
 * can make hundreds of ballots disputed. Said once, with what to do, instead of only ballot by ballot.
 * Pure.
 */
import type { Unclear } from './ballot.js';
import type { DisputedBallot } from './count.js';
import { markKey } from './marks.js';

/** "More than a handful": a pattern on more disputed ballots than this is summarised. */
export const HANDFUL = 5;

export interface DisputePattern {
  /** What repeats: an unknown mark spelling, a kind of unclear name, a near-miss name, or the same issue text. */
  readonly kind: 'mark' | 'name' | 'near' | 'other';
  /** The mark or name as typed (first spelling seen), or the kind of problem. */
  readonly value: string;
  /** A representative issue, for the words. */
  readonly sample: Unclear;
  /** Disputed ballots with this pattern. */
  readonly ballots: number;
  /** Times it occurs in all (a ballot may carry it in several cells). */
  readonly occurrences: number;
}

function keyOf(u: Unclear): [DisputePattern['kind'], string] | undefined {
  switch (u.kind) {
    case 'mark':
      return ['mark', markKey(u.value)];
    case 'badName':
      return ['name', u.problem];
    case 'near':
      return ['near', `${u.value}\u0000${u.candidate}`];
    case 'flag':
      return undefined; // set aside by the counters: each one is its own story
    default:
      return ['other', `${u.kind}\u0000${u.value}`];
  }
}

/** Patterns on more than `min` pending disputed ballots, most ballots first. */
export function disputePatterns(disputes: readonly DisputedBallot[], min = HANDFUL): DisputePattern[] {
  const found = new Map<string, { kind: DisputePattern['kind']; sample: Unclear; ballots: number; occurrences: number }>();
  for (const d of disputes) {
    if (d.ruling !== undefined) continue;
    const onThis = new Set<string>();
    for (const u of d.issues) {
      const k = keyOf(u);
      if (k === undefined) continue;
      const id = `${k[0]}\u0000${k[1]}`;
      let p = found.get(id);
      if (!p) found.set(id, (p = { kind: k[0], sample: u, ballots: 0, occurrences: 0 }));
      p.occurrences++;
      if (!onThis.has(id)) {
        onThis.add(id);
        p.ballots++;
      }
    }
  }
  return [...found.values()]
    .filter((p) => p.ballots > min)
    .map((p) => ({ kind: p.kind, value: p.sample.value, sample: p.sample, ballots: p.ballots, occurrences: p.occurrences }))
    .sort((a, b) => b.ballots - a.ballots || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
