/**
 * The tally: one pass, one ballot at a time, memory bounded by the number of persons and boxes — never
 * by the number of ballots (after vxsuite libs/utils/src/tabulation). Pure.
 */
import type { BallotClass, Classified, CountedSection, ReasonCode } from './classify.js';
import type { Election } from './model.js';
import { must } from './must.js';

export interface ClassCounts {
  returned: number;
  valid: number;
  /** 弃权票, inside valid. */
  blank: number;
  partial: number;
  invalid: number;
  disputed: number;
}

export function emptyCounts(): ClassCounts {
  return { returned: 0, valid: 0, blank: 0, partial: 0, invalid: 0, disputed: 0 };
}

export interface CandidateMarks {
  approve: number;
  oppose: number;
  abstain: number;
}

/** Per office: the identity counted × seats = approvals + unused + void holds at every step. */
export interface OfficeTally {
  /** Valid + partially valid ballots (the sections that could carry votes). */
  counted: number;
  /** Counted votes in this office (sum over persons). */
  approvals: number;
  /** Seats left unused on non-void sections (fewer approvals than seats, removals). */
  unused: number;
  /** Slots lost: seats × void (overvoted) sections + votes for persons not on the roll. */
  void: number;
  /** Void (overvoted) sections. */
  overvoted: number;
  /** Votes for persons not on the roll (第三十四条). */
  notVoter: number;
  /** Approvals removed by 计票只记高职务. */
  removed: number;
  /** 赞成/反对/弃权 per printed candidate (唱票 sheet), from non-void sections. */
  readonly candidates: CandidateMarks[];
}

/** A tally as plain data, to be added into another (`Tally.absorb`: the fast path's typed tally). */
export interface TallyState {
  readonly counts: ClassCounts;
  readonly boxes: readonly (readonly [string, ClassCounts])[];
  readonly reasons: readonly (readonly [ReasonCode, number])[];
  readonly offices: readonly OfficeTally[];
  readonly votes: readonly (readonly [string, readonly number[]])[];
}

const COUNT_FIELDS = ['returned', 'valid', 'blank', 'partial', 'invalid', 'disputed'] as const;
const OFFICE_FIELDS = ['counted', 'approvals', 'unused', 'void', 'overvoted', 'notVoter', 'removed'] as const;
const MARK_FIELDS = ['approve', 'oppose', 'abstain'] as const;

/** Add the figures `keys` of `from` into `into`. */
function addFields<K extends string>(into: Record<K, number>, from: Readonly<Record<K, number>>, keys: readonly K[]): void {
  for (const k of keys) into[k] += from[k];
}

function addCounts(into: ClassCounts, k: ClassCounts): void {
  addFields(into, k, COUNT_FIELDS);
}

export class Tally {
  readonly counts: ClassCounts = emptyCounts();
  readonly boxes = new Map<string, ClassCounts>();
  readonly reasons = new Map<ReasonCode, number>();
  readonly offices: OfficeTally[];
  /** person key → votes per office. Insertion order is irrelevant: results are sorted later. */
  readonly votes = new Map<string, number[]>();
  /** Per office: written name → votes voided because the roll does not have the person (第三十四条). */
  readonly notVoterNames: Map<string, number>[];

  constructor(private readonly election: Election) {
    this.offices = election.offices.map((o) => emptyOffice(o.candidates.length));
    this.notVoterNames = election.offices.map(() => new Map<string, number>());
  }

  /** The box of the previous ballot: ballots come box by box, so this saves the Map lookup. */
  private lastBox: string | undefined;
  private lastCounts: ClassCounts | undefined;

  add(box: string, c: Classified): void {
    this.bump(this.counts, c);
    let b = box === this.lastBox ? this.lastCounts : this.boxes.get(box);
    if (!b) {
      b = emptyCounts();
      this.boxes.set(box, b);
    }
    this.lastBox = box;
    this.lastCounts = b;
    this.bump(b, c);
    for (const r of c.reasons) this.reasons.set(r, (this.reasons.get(r) ?? 0) + 1); // a reason not seen yet counts 0
    if (c.class !== 'valid' && c.class !== 'partial') return;
    const offices = this.election.offices;
    const sections = c.sections;
    for (let oi = 0; oi < sections.length; oi++) {
      const s = sections[oi] as CountedSection;
      const office = offices[oi];
      const t = this.offices[oi];
      if (!office || !t) continue;
      t.counted++;
      t.removed += s.removed;
      if (s.voided) {
        t.void += office.seats;
        t.overvoted++;
        continue;
      }
      t.approvals += s.approved.length;
      t.notVoter += s.notVoter;
      t.void += s.notVoter;
      if (s.notVoter > 0) {
        const names = this.notVoterNames[oi] as Map<string, number>;
        for (const n of s.notVoterNames) names.set(n, (names.get(n) ?? 0) + 1); // a name not seen yet counts 0
      }
      t.unused += office.seats - s.approved.length - s.notVoter;
      const marks = s.marks;
      const cms = t.candidates;
      for (let ci = 0; ci < marks.length && ci < cms.length; ci++) {
        const cm = cms[ci] as CandidateMarks;
        const m = marks[ci];
        if (m === 'approve') cm.approve++;
        else if (m === 'oppose') cm.oppose++;
        else cm.abstain++;
      }
      for (const p of s.approved) {
        let v = this.votes.get(p);
        if (!v) {
          v = new Array<number>(offices.length).fill(0);
          this.votes.set(p, v);
        }
        v[oi] = must(v[oi], 'a vote count per office') + 1;
      }
    }
  }

  /** Add another tally (of other ballots of the same election) into this one. */
  absorb(s: TallyState): void {
    addCounts(this.counts, s.counts);
    for (const [box, k] of s.boxes) {
      let b = this.boxes.get(box);
      if (!b) {
        b = emptyCounts();
        this.boxes.set(box, b);
      }
      addCounts(b, k);
    }
    for (const [r, n] of s.reasons) this.reasons.set(r, (this.reasons.get(r) ?? 0) + n); // a reason not seen yet counts 0
    s.offices.forEach((o, oi) => {
      const t = this.offices[oi];
      if (!t) return;
      addFields(t, o, OFFICE_FIELDS);
      o.candidates.forEach((c, ci) => {
        const m = t.candidates[ci];
        if (m) addFields(m, c, MARK_FIELDS);
      });
    });
    for (const [p, v] of s.votes) {
      let mine = this.votes.get(p);
      if (!mine) {
        mine = new Array<number>(this.election.offices.length).fill(0);
        this.votes.set(p, mine);
      }
      for (let i = 0; i < mine.length; i++) mine[i] = must(mine[i], 'a vote count per office') + must(v[i], 'a vote count per office');
    }
  }

  private bump(k: ClassCounts, c: Classified): void {
    k.returned++;
    const cls: BallotClass = c.class;
    k[cls]++;
    if (c.class === 'valid' && c.blank) k.blank++;
  }
}

/** An office's tally before any ballot: every figure 0, one entry per printed candidate. */
export function emptyOffice(candidates: number): OfficeTally {
  return {
    counted: 0,
    approvals: 0,
    unused: 0,
    void: 0,
    overvoted: 0,
    notVoter: 0,
    removed: 0,
    candidates: Array.from({ length: candidates }, () => ({ approve: 0, oppose: 0, abstain: 0 })),
  };
}
