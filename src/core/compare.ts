/**
 * Published result vs re-count (申诉复核, SPEC §6 `compare`): what differs, figure by figure, and whether
 * the outcome (validity, who is elected to which office, revote, runoff, vacancies) changed. Pure: takes
 * two `jipiao.result/1` JSON documents (as text or parsed) and returns plain data; deterministic (every
 * list follows the documents' own order or a fixed order, never a hash order).
 */
import type { ElectionDifference, WrongSum } from './errors.js';
import { type InputError, type Result, err, factError, ok } from './result.js';
import { stroke } from './stroke.js';

export interface ResultDoc {
  readonly schema: string;
  readonly election: {
    readonly title: string;
    readonly round?: string | undefined;
    readonly mode?: string | undefined;
    readonly offices?:
      readonly { readonly name: string; readonly seats?: number | undefined; readonly candidates: readonly string[] }[] | undefined;
  };
  readonly ballots: Readonly<Record<string, number>>;
  readonly validity: { readonly valid: boolean; readonly failed: readonly string[] };
  readonly people: readonly {
    readonly name: string;
    readonly printed?: string | null | undefined;
    readonly votes: Readonly<Record<string, number>>;
    readonly total: number;
  }[];
  readonly elected: readonly { readonly office: string; readonly name: string }[];
  readonly revote: readonly { readonly office: string; readonly seats: number; readonly names: readonly string[] }[];
  readonly runoff: readonly { readonly office: string; readonly seats: number; readonly candidates: readonly string[] }[];
  readonly vacant: readonly { readonly office: string; readonly seats: number }[];
  readonly provisional?: boolean | undefined;
  readonly boxes?: readonly ({ readonly box: string } & Readonly<Record<string, number | string>>)[] | undefined;
}

export interface FigureDiff {
  readonly what: string;
  readonly before: number;
  readonly after: number;
  readonly diff: number;
}

/** One person's votes for one office (or 总得票数), published vs re-count. */
export interface VoteDiff {
  readonly name: string;
  readonly office: string;
  readonly before: number;
  readonly after: number;
  readonly diff: number;
}

export interface ElectedPlace {
  readonly office: string;
  readonly name: string;
}

/** A seat moved from one set of persons to another within one office (e.g. 委员 周强 → 吴敏). */
export interface SeatChange {
  readonly office: string;
  /** Elected in the published result, not in the re-count. */
  readonly removed: readonly string[];
  /** Elected in the re-count, not in the published result. */
  readonly added: readonly string[];
}

export interface Comparison {
  readonly title: string;
  /** Every ballot figure (登记选民, 发出, 收回 and each class), changed or not. */
  readonly ballots: readonly FigureDiff[];
  /** Per 票箱, only the figures that differ. */
  readonly boxes: readonly (FigureDiff & { readonly box: string })[];
  /** Per person and office (and 总得票数), only the figures that differ. */
  readonly votes: readonly VoteDiff[];
  readonly elected: {
    /** `<职务> <姓名>` elected before, not after. */
    readonly removed: readonly string[];
    /** `<职务> <姓名>` elected after, not before. */
    readonly added: readonly string[];
    readonly before: readonly ElectedPlace[];
    readonly after: readonly ElectedPlace[];
    /** Per office, in office order. */
    readonly changes: readonly SeatChange[];
  };
  readonly validity: {
    readonly before: boolean;
    readonly after: boolean;
    readonly failedBefore: readonly string[];
    readonly failedAfter: readonly string[];
  };
  /** Which of revote / runoff / vacant changed. */
  readonly pending: { readonly revote: boolean; readonly runoff: boolean; readonly vacant: boolean };
  readonly revote: { readonly before: readonly string[]; readonly after: readonly string[] };
  readonly runoff: { readonly before: readonly string[]; readonly after: readonly string[] };
  readonly vacant: { readonly before: readonly string[]; readonly after: readonly string[] };
  /** Disputed ballots pending (not an outcome change by itself, but said in the report). */
  readonly provisional: { readonly before: boolean; readonly after: boolean };
  readonly outcomeChanged: boolean;
  /** The parts of the verdict after `当选结果改变: `, in a fixed order. */
  readonly changes: readonly string[];
  /** "当选结果不变" or "当选结果改变: …" */
  readonly verdict: string;
}

export const BALLOT_FIGURES: readonly (readonly [string, string])[] = [
  ['registered', '登记选民'],
  ['issued', '发出'],
  ['returned', '收回'],
  ['valid', '有效'],
  ['blank', '弃权'],
  ['partial', '部分有效'],
  ['invalid', '无效'],
  ['disputed', '疑难'],
];

/** Figures of a 票箱 (SPEC §6: returned and each class per box). */
const BOX_FIGURES = BALLOT_FIGURES.slice(2);

/** Why an election is invalid, in words (规程 第三十七、三十八条, 差额选举). */
export const INVALID_BECAUSE: Readonly<Record<string, string>> = {
  MORE_RETURNED_THAN_ISSUED: '收回选票多于发出选票',
  LOW_TURNOUT: '参加投票人数不足',
  NOT_COMPETITIVE: '违反差额选举原则',
};

// ---------------------------------------------------------------------------------------------------
// A result document's own arithmetic (its shape is checked where it is read: adapters/input/result-schema.ts).

/**
 * What a result document must add up to before compare trusts it (issue 13): the classes make the
 * ballots returned (弃权 counted inside 有效), each person's total is the sum of their office votes, and
 * the 票箱 figures add up to the whole. A tampered file that breaks one is refused, naming the key.
 */
export function checkResultSums(d: ResultDoc, file: string): InputError[] {
  const errors: InputError[] = [];
  const bad = (key: string, wrong: WrongSum): void => void errors.push(factError('COMPARE_SUMS_WRONG', { wrong }, { file, key }));
  const b = d.ballots;
  const n = (k: string, x: Readonly<Record<string, number | string>> = b): number => {
    const v = x[k];
    return typeof v === 'number' ? v : 0;
  };
  const classes = (x: Readonly<Record<string, number | string>>): number =>
    n('valid', x) + n('partial', x) + n('invalid', x) + n('disputed', x);
  if (classes(b) !== n('returned'))
    bad('ballots.returned', {
      sum: 'classes',
      valid: n('valid'),
      partial: n('partial'),
      invalid: n('invalid'),
      disputed: n('disputed'),
      returned: n('returned'),
    });
  if (n('blank') > n('valid')) bad('ballots.blank', { sum: 'blank', blank: n('blank'), valid: n('valid') });
  d.people.forEach((p, i) => {
    let sum = 0;
    for (const v of Object.values(p.votes)) sum += v;
    if (sum !== p.total) bad(`people[${i}].total`, { sum: 'person', name: p.name, total: sum, stated: p.total });
  });
  const boxes = d.boxes ?? [];
  boxes.forEach((x, i) => {
    if (x['returned'] !== undefined && classes(x) !== n('returned', x))
      bad(`boxes[${i}].returned`, { sum: 'box', box: x.box, total: classes(x), returned: n('returned', x) });
  });
  if (boxes.length > 0) {
    for (const [k, label] of BOX_FIGURES) {
      let sum = 0;
      for (const x of boxes) sum += n(k, x);
      if (sum !== n(k)) bad(`ballots.${k}`, { sum: 'figure', label, total: sum, stated: n(k) });
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------------

/** `主任: 张三、李四` — the printed candidates per office, candidates in 姓氏笔画 order. */
function printedOf(d: ResultDoc): string[] {
  const lines = new Map<string, Set<string>>();
  const add = (office: string, name: string): void => {
    const s = lines.get(office) ?? new Set<string>();
    s.add(name);
    lines.set(office, s);
  };
  for (const o of d.election.offices ?? []) for (const c of o.candidates) add(o.name, c);
  // Older or trimmed documents without election.offices still say who was printed, per person.
  for (const p of d.people) if (typeof p.printed === 'string') add(p.printed, p.name);
  return [...lines].map(([office, names]) => `${office}: ${[...names].sort(stroke.compare).join('、')}`).sort();
}

function seatsOf(d: ResultDoc): string {
  return (d.election.offices ?? []).map((o) => `${o.name} ${o.seats ?? '?'}`).join('、');
}

function sameElection(a: ResultDoc, b: ResultDoc, second: string): InputError[] {
  const diff = (key: string, difference: ElectionDifference): InputError[] => [
    factError('COMPARE_DIFFERENT_ELECTION', { difference }, { file: second, key }),
  ];
  if (a.election.title !== b.election.title)
    return diff('election.title', { differs: 'title', first: a.election.title, second: b.election.title });
  const pa = printedOf(a);
  const pb = printedOf(b);
  if (pa.join('\n') !== pb.join('\n')) {
    const setA = new Set(pa);
    const setB = new Set(pb);
    return diff('election.offices', {
      differs: 'candidates',
      onlyFirst: pa.filter((x) => !setB.has(x)),
      onlySecond: pb.filter((x) => !setA.has(x)),
    });
  }
  if (a.election.offices !== undefined && b.election.offices !== undefined && seatsOf(a) !== seatsOf(b)) {
    return diff('election.offices', { differs: 'seats', first: seatsOf(a), second: seatsOf(b) });
  }
  for (const k of ['round', 'mode'] as const) {
    // round and mode are optional in the document: absent on both sides is the same.
    const x = a.election[k] ?? '';
    const y = b.election[k] ?? '';
    if (x !== y) return diff(`election.${k}`, { differs: k, first: String(x), second: String(y) });
  }
  return [];
}

/** Office order: the election's, then any other office named in the documents, in first-seen order. */
function officeOrder(a: ResultDoc, b: ResultDoc): string[] {
  const out = new Set<string>();
  for (const d of [a, b]) for (const o of d.election.offices ?? []) out.add(o.name);
  for (const d of [a, b]) {
    for (const p of d.people) for (const k of Object.keys(p.votes)) out.add(k);
    for (const x of [...d.elected, ...d.revote, ...d.runoff, ...d.vacant]) out.add(x.office);
  }
  return [...out];
}

const seatsText = (xs: readonly { readonly office: string; readonly seats: number }[]): string =>
  xs.length === 0 ? '无' : xs.map((x) => `${x.office} ${x.seats} 名`).join('、');

const fd = (what: string, before: number, after: number): FigureDiff => ({ what, before, after, diff: after - before });

/** Per box: every box either document names, in code-point order of the box name. */
function boxDiffs(a: ResultDoc, b: ResultDoc): (FigureDiff & { box: string })[] {
  const boxes: (FigureDiff & { box: string })[] = [];
  const boxesA = new Map((a.boxes ?? []).map((x) => [x.box, x] as const));
  const boxesB = new Map((b.boxes ?? []).map((x) => [x.box, x] as const));
  for (const box of [...new Set([...boxesA.keys(), ...boxesB.keys()])].sort()) {
    const x = boxesA.get(box);
    const y = boxesB.get(box);
    for (const [k, label] of BOX_FIGURES) {
      // A box absent from one document had nothing there.
      const d = fd(label, Number(x?.[k] ?? 0), Number(y?.[k] ?? 0));
      if (d.diff !== 0) boxes.push({ box, ...d });
    }
  }
  return boxes;
}

/** Per person and office: published order, then persons only the re-count has (new write-ins). */
function voteDiffs(a: ResultDoc, b: ResultDoc, offices: readonly string[]): VoteDiff[] {
  const peopleA = new Map(a.people.map((p) => [p.name, p] as const));
  const peopleB = new Map(b.people.map((p) => [p.name, p] as const));
  const votes: VoteDiff[] = [];
  for (const name of new Set([...peopleA.keys(), ...peopleB.keys()])) {
    const p = peopleA.get(name);
    const q = peopleB.get(name);
    for (const office of [...offices, '总得票数']) {
      const total = office === '总得票数';
      // A person absent from one document, or without votes in an office there, had 0 votes in it.
      const before = (total ? p?.total : p?.votes[office]) ?? 0;
      const after = (total ? q?.total : q?.votes[office]) ?? 0;
      if (before !== after) votes.push({ name, office, before, after, diff: after - before });
    }
  }
  return votes;
}

export function compareResults(a: ResultDoc, b: ResultDoc, files: readonly [string, string]): Result<Comparison> {
  const mismatch = sameElection(a, b, files[1]);
  if (mismatch.length > 0) return err(mismatch);
  const offices = officeOrder(a, b);

  // A figure an older result document does not carry (its schema makes it optional) is 0 there.
  const ballots = BALLOT_FIGURES.map(([k, label]) => fd(label, a.ballots[k] ?? 0, b.ballots[k] ?? 0));

  const boxes = boxDiffs(a, b);
  const votes = voteDiffs(a, b, offices);

  // Who is elected to which office (计票只记高职务: a person moving office is a change in both).
  const seat = (e: ElectedPlace): string => `${e.office} ${e.name}`;
  const sa = a.elected.map(seat);
  const sb = b.elected.map(seat);
  const inA = new Set(sa);
  const inB = new Set(sb);
  const removed = sa.filter((s) => !inB.has(s));
  const added = sb.filter((s) => !inA.has(s));
  const changes: SeatChange[] = [];
  for (const office of offices) {
    const r = a.elected.filter((x) => x.office === office && !inB.has(seat(x))).map((x) => x.name);
    const ad = b.elected.filter((x) => x.office === office && !inA.has(seat(x))).map((x) => x.name);
    if (r.length > 0 || ad.length > 0) changes.push({ office, removed: r, added: ad });
  }

  const revoteText = (d: ResultDoc): string[] => d.revote.map((x) => `${x.office} ${x.seats} 名: ${x.names.join('、')}`);
  const runoffText = (d: ResultDoc): string[] => d.runoff.map((x) => `${x.office} ${x.seats} 名: ${x.candidates.join('、')}`);
  const vacantText = (d: ResultDoc): string[] => d.vacant.map((x) => `${x.office} ${x.seats} 名`);
  const canon = (xs: readonly string[]): string => JSON.stringify([...xs].sort());
  // Tied or runoff persons are compared as sets (their listed order is not part of the outcome).
  const revoteKey = (d: ResultDoc): string => canon(d.revote.map((x) => `${x.office}:${x.seats}:${canon(x.names)}`));
  const runoffKey = (d: ResultDoc): string => canon(d.runoff.map((x) => `${x.office}:${x.seats}:${canon(x.candidates)}`));
  const revoteChanged = revoteKey(a) !== revoteKey(b);
  const runoffChanged = runoffKey(a) !== runoffKey(b);
  const vacantChanged = canon(vacantText(a)) !== canon(vacantText(b));
  const validityChanged = a.validity.valid !== b.validity.valid;
  const outcomeChanged = validityChanged || removed.length > 0 || added.length > 0 || revoteChanged || runoffChanged || vacantChanged;

  const parts: string[] = [];
  const why = (failed: readonly string[]): string => failed.map((c) => INVALID_BECAUSE[c] ?? c).join('、');
  if (validityChanged) parts.push(b.validity.valid ? '选举由无效变为有效' : `选举由有效变为无效 (${why(b.validity.failed)})`);
  for (const c of changes) {
    if (c.removed.length > 0 && c.added.length > 0) parts.push(`${c.office} ${c.removed.join('、')} → ${c.added.join('、')}`);
    else if (c.removed.length > 0) parts.push(`不再当选 ${c.office} ${c.removed.join('、')}`);
    else parts.push(`新当选 ${c.office} ${c.added.join('、')}`);
  }
  if (revoteChanged) parts.push(`再次投票: ${seatsText(b.revote)}`);
  if (runoffChanged) parts.push(`另行选举: ${seatsText(b.runoff)}`);
  if (vacantChanged) parts.push(`空缺: ${seatsText(b.vacant)}`);

  return ok({
    title: a.election.title,
    ballots,
    boxes,
    votes,
    elected: {
      removed,
      added,
      before: a.elected.map((x) => ({ office: x.office, name: x.name })),
      after: b.elected.map((x) => ({ office: x.office, name: x.name })),
      changes,
    },
    validity: {
      before: a.validity.valid,
      after: b.validity.valid,
      failedBefore: [...a.validity.failed],
      failedAfter: [...b.validity.failed],
    },
    pending: { revote: revoteChanged, runoff: runoffChanged, vacant: vacantChanged },
    revote: { before: revoteText(a), after: revoteText(b) },
    runoff: { before: runoffText(a), after: runoffText(b) },
    vacant: { before: vacantText(a), after: vacantText(b) },
    provisional: { before: a.provisional === true, after: b.provisional === true },
    outcomeChanged,
    changes: parts,
    verdict: outcomeChanged ? `当选结果改变: ${parts.join('; ')}` : '当选结果不变',
  });
}
