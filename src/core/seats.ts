/**
 * Seat assignment (规程 第三十九、四十、四十一条; 11.选举有效性确认). Integer arithmetic only: every
 * threshold is a comparison of integer products (2·votes > R, 3·votes ≥ R), never a division.
 */
import { must } from './must.js';
import type { Election } from './model.js';
import { competitiveRange } from './model.js';
import { byStroke } from './stroke.js';

export interface PersonVotes {
  readonly key: string;
  /** Index of the office where the person is printed as a candidate, or undefined for a write-in. */
  readonly printedOffice: number | undefined;
  /** Votes per office, aligned with election.offices. */
  readonly votes: readonly number[];
  readonly total: number;
}

export interface Seat {
  readonly office: number;
  readonly person: string;
  /** The figure the office was decided on (主任票; 主任+副主任票; 总得票数). */
  readonly score: number;
  readonly total: number;
}

/** Round outcome per office: discriminated by what happened to its seats. */
export type OfficeOutcome =
  | { readonly kind: 'filled'; readonly office: number; readonly seats: readonly Seat[] }
  | {
      readonly kind: 'open';
      readonly office: number;
      readonly seats: readonly Seat[];
      /** Seats tied at the boundary → 再次投票 among `tied`. */
      readonly revote: { readonly seats: number; readonly tied: readonly string[] } | undefined;
      /** Seats with nobody eligible → 另行选举 (first round) or 空缺 (runoff, 第四十一条). */
      readonly short: number;
    };

export interface Assignment {
  readonly offices: readonly OfficeOutcome[];
  /** 2·总得票数 > R (过半数, 第三十八条). */
  readonly majority: ReadonlySet<string>;
}

/**
 * Score of a person for office i (规程 11: 副主任得票数 = 主任票 + 副主任票; 委员按总得票数): the
 * cumulative votes of offices 0..i; for the last office that is the 总得票数.
 */
export function score(p: PersonVotes, office: number): number {
  let s = 0;
  for (let i = 0; i <= office; i++) s += must(p.votes[i], 'a vote count per office');
  return s;
}

interface Ranked {
  readonly p: PersonVotes;
  readonly score: number;
}

/** Compare by score, then by 总得票数 (第三十九条(三)); 0 means an unbreakable tie. */
function cmp(a: Ranked, b: Ranked): number {
  if (a.score !== b.score) return b.score - a.score;
  return b.p.total - a.p.total;
}

/**
 * Fill `seats` from `pool` (already filtered for eligibility): the top ones are elected; a tie across
 * the boundary leaves the tied seats open for 再次投票; too few eligible leaves seats short.
 */
function fill(office: number, seats: number, pool: Ranked[]): OfficeOutcome {
  // Stable order for equal people (姓氏笔画), so the output never depends on input order.
  pool.sort((a, b) => cmp(a, b) || byStroke(a.p.key, b.p.key));
  const toSeat = (r: Ranked): Seat => ({ office, person: r.p.key, score: r.score, total: r.p.total });
  if (pool.length <= seats) {
    const short = seats - pool.length;
    const got = pool.map(toSeat);
    return short === 0 ? { kind: 'filled', office, seats: got } : { kind: 'open', office, seats: got, revote: undefined, short };
  }
  const last = pool[seats - 1];
  const next = pool[seats];
  if (!last || !next || cmp(last, next) !== 0) return { kind: 'filled', office, seats: pool.slice(0, seats).map(toSeat) };
  // 第三十九条(三): 得票相等不能确定当选人时 … 再次投票.
  const tied = pool.filter((r) => cmp(r, last) === 0);
  const above = pool.filter((r) => cmp(r, last) < 0);
  return {
    kind: 'open',
    office,
    seats: above.map(toSeat),
    revote: { seats: seats - above.length, tied: tied.map((r) => r.p.key) },
    short: 0,
  };
}

/**
 * Assign seats for the round `election.round`. `returned` is R (all ballots returned, 第三十七条).
 * Offices are filled in rank order; a person placed (or tied for a revote) in a higher office is not
 * placed again in a lower one.
 */
export function assignSeats(election: Election, people: readonly PersonVotes[], returned: number): Assignment {
  const majority = new Set<string>();
  for (const p of people) if (2 * p.total > returned) majority.add(p.key);
  const taken = new Set<string>(election.previouslyElected.map((x) => x.name));
  const offices: OfficeOutcome[] = [];
  election.offices.forEach((office, oi) => {
    const pool: Ranked[] = [];
    for (const p of people) {
      if (taken.has(p.key)) continue;
      const s = score(p, oi);
      if (s <= 0) continue;
      let eligible: boolean;
      if (election.round === 'first')
        eligible = majority.has(p.key); // 第三十八条: 过半数赞成票, 始得当选
      else if (election.round === 'runoff')
        eligible = 3 * s >= returned; // 第四十条: 不得少于已投选票总数的三分之一
      else eligible = p.printedOffice === oi; // 再次投票: 就得票相等的候选人再次投票, 以得票多的当选
      if (eligible) pool.push({ p, score: s });
    }
    const outcome = fill(oi, office.seats, pool);
    for (const s of outcome.seats) taken.add(s.person);
    if (outcome.kind === 'open' && outcome.revote) for (const t of outcome.revote.tied) taken.add(t);
    offices.push(outcome);
  });
  return { offices, majority };
}

/** 另行选举 candidates for the seats a first round left open (第四十条: 按第一次投票未当选人得票多少为序). */
export interface RunoffProposal {
  readonly office: number;
  readonly seats: number;
  readonly candidates: readonly string[];
  /** Set when a tie at the cut-off makes the list longer than the 差额 rule allows. */
  readonly tieAtCutoff: boolean;
}

export function proposeRunoff(election: Election, people: readonly PersonVotes[], a: Assignment): RunoffProposal[] {
  const used = new Set<string>();
  for (const o of a.offices) {
    for (const s of o.seats) used.add(s.person);
    if (o.kind === 'open' && o.revote) for (const t of o.revote.tied) used.add(t);
  }
  const order = people
    .filter((p) => !used.has(p.key))
    .slice()
    .sort((x, y) => y.total - x.total || byStroke(x.key, y.key));
  const out: RunoffProposal[] = [];
  for (const o of a.offices) {
    if (o.kind !== 'open' || o.short === 0) continue;
    const office = election.offices[o.office];
    if (!office) continue;
    const { min, max } = competitiveRange({ ...office, seats: o.short });
    const rest = order.filter((p) => !used.has(p.key));
    let n = Math.min(min, rest.length);
    // Extend over a tie at the cut-off while the 差额 rule allows it.
    while (n < rest.length && n < max && rest[n - 1] && rest[n]?.total === rest[n - 1]?.total) n++;
    const tieAtCutoff = n > 0 && n < rest.length && rest[n]?.total === rest[n - 1]?.total;
    const picked = rest.slice(0, n);
    for (const p of picked) used.add(p.key);
    out.push({ office: o.office, seats: o.short, candidates: picked.map((p) => p.key), tieAtCutoff });
  }
  return out;
}

/**
 * Worst case for a provisional result (SPEC §3): `d` disputed ballots could each add at most one vote
 * to any person's score for an office and to their 总得票数 (a person is counted in one office per
 * ballot). The result is stable iff no such addition can change who is elected; returns the offices
 * whose seats are at stake.
 */
export function officesAtStake(election: Election, people: readonly PersonVotes[], a: Assignment, returned: number, d: number): number[] {
  if (d === 0) return [];
  const atStake: number[] = [];
  const majority = (p: PersonVotes): boolean => 2 * (p.total + d) > returned;
  const elected = new Set<string>();
  for (const o of a.offices) for (const s of o.seats) elected.add(s.person);
  for (const o of a.offices) {
    const oi = o.office;
    if (o.kind === 'open') {
      atStake.push(oi); // a revote or an open seat can be decided by the disputed ballots
      continue;
    }
    const seatsHere = new Set(o.seats.map((s) => s.person));
    const worst = o.seats.reduce<Seat | undefined>(
      (w, s) => (w === undefined || s.score < w.score || (s.score === w.score && s.total < w.total) ? s : w),
      undefined,
    );
    if (!worst) continue;
    const threat = people.some((p) => {
      if (seatsHere.has(p.key)) return false;
      if (election.previouslyElected.some((x) => x.name === p.key)) return false;
      // Someone elected to a higher office stays there (their lead only grows).
      const higher = a.offices.some((x) => x.office < oi && x.seats.some((s) => s.person === p.key));
      if (higher) return false;
      const eligible =
        election.round === 'first'
          ? majority(p)
          : election.round === 'runoff'
            ? 3 * (score(p, oi) + d) >= returned
            : p.printedOffice === oi;
      if (!eligible) return false;
      const s = score(p, oi) + d;
      const t = p.total + d;
      return s > worst.score || (s === worst.score && t >= worst.total);
    });
    if (threat) atStake.push(oi);
  }
  return atStake;
}
