/**
 * The live count with the core's own functions: one typed ballot classified for the entry page's
 * preview (class and reasons before saving, write-ins checked against the roll), and the whole journal
 * counted for the board exactly as `jipiao count` counts a file (core `count`).
 */
import {
  cleanWritten,
  type BallotClass,
  CLASS_LABEL,
  type CountResult,
  type Election,
  type HeaderPlan,
  type InputError,
  type Result,
  type RollIndex,
  type Ruling,
  compileHeader,
  count,
  describeUnclear,
  isUnclearName,
  printedIndex,
  readRow,
  resolveWritten,
  classify,
  REASON_LABEL,
} from '../../core/index.js';
import type { LiveLayout } from './layout.js';

export interface LiveElection {
  readonly election: Election;
  readonly registered: number;
  readonly roll: RollIndex | undefined;
  readonly rulings: readonly Ruling[];
  readonly layout: LiveLayout;
  /** The journal as shown in messages (its file name). */
  readonly file: string;
}

export type WriteInVerdict = 'printed' | 'onRoll' | 'notVoter' | 'homonym' | 'unclear' | 'noRoll' | 'near';

export interface WriteInCheck {
  readonly office: number;
  readonly name: string;
  readonly verdict: WriteInVerdict;
  readonly text: string;
}

export interface Preview {
  readonly class: BallotClass;
  readonly label: string;
  readonly reasons: readonly string[];
  readonly writeIns: readonly WriteInCheck[];
}

const PLANS = new WeakMap<LiveElection, HeaderPlan>();

function planOf(le: LiveElection): HeaderPlan {
  let p = PLANS.get(le);
  if (!p) {
    const r = compileHeader(le.layout.header, le.election, le.file);
    // The header is built from the same election: a failure here is a bug, not an input problem.
    if (!r.ok) throw new Error(`live header does not compile: ${r.error.map((e) => e.code).join(',')}`);
    p = r.value;
    PLANS.set(le, p);
  }
  return p;
}

/**
 * Who a written name is, in words for the 计票员, before the ballot is saved: the same rules as the count
 * (SPEC §2.2 "What a written name may be": marks or digits typed as names, attached marks, unknown groups,
 * ambiguous spaces, near-miss names `NAME_NEAR_CANDIDATE`; §3 step 3; 规程 第三十四条: 另选须为登记选民).
 */
export function checkWriteIn(le: LiveElection, office: number, raw: string): WriteInCheck {
  const name = cleanWritten(raw);
  const column = `${le.election.offices[office]?.name ?? ''}:另选`;
  if (isUnclearName(name)) return { office, name: raw, verdict: 'unclear', text: `「${raw}」无法辨认, 选票将列为疑难` };
  const printed = printedIndex(le.election);
  const resolved = resolveWritten(column, name, printed, le.roll);
  const [r] = resolved;
  if (r === undefined || resolved.length > 1)
    return { office, name: raw, verdict: 'unclear', text: `「${raw}」是几个人的姓名; 一个另选栏只写一人` };
  if (r.kind === 'unclear') {
    const verdict = r.issue.kind === 'near' ? 'near' : r.issue.kind === 'homonym' || r.issue.kind === 'group' ? 'homonym' : 'unclear';
    return { office, name: raw, verdict, text: describeUnclear(r.issue) };
  }
  if (r.kind === 'notVoter') return { office, name: raw, verdict: 'notVoter', text: `「${raw}」不在选民名单中, 这一票不计 (第三十四条)` };
  if (printed.has(r.key)) return { office, name: raw, verdict: 'printed', text: `「${r.key}」是正式候选人` };
  if (!le.roll) return { office, name: raw, verdict: 'noRoll', text: `「${raw}」: 没有选民名单, 未核对是否登记选民` };
  return { office, name: raw, verdict: 'onRoll', text: `「${r.key}」在选民名单中` };
}

/** Class and reasons of one journal row, before it is saved (rulings are not applied: a new ballot has none). */
export function previewCells(le: LiveElection, cells: readonly string[]): Preview {
  const plan = planOf(le);
  const read = readRow(plan, le.election, { file: le.file, line: 0, cells });
  if (!read.ok) throw new Error(`live row does not read: ${read.error.code}`);
  const reading = read.value;
  const c = classify(reading, le.election, printedIndex(le.election), le.roll);
  const offices = le.election.offices;
  const reasons: string[] = [];
  if (c.class === 'disputed') reasons.push(...c.issues.map(describeUnclear));
  else if (c.class === 'invalid' && c.reasons.includes('UNREADABLE')) reasons.push(REASON_LABEL.UNREADABLE);
  else if (c.class === 'invalid') reasons.push('每一栏都超过应选名额, 全票作废');
  else {
    c.sections.forEach((s, oi) => {
      const o = offices[oi];
      if (!o) return;
      if (s.voided) reasons.push(`${o.name}栏超过应选名额 (${s.approvalsBeforeVoid} > ${o.seats}), 本栏作废`);
      if (s.removed > 0) reasons.push(`${o.name}栏: ${REASON_LABEL.SAME_PERSON_TWICE}`);
      if (s.notVoter > 0) reasons.push(`${o.name}栏: ${REASON_LABEL.WRITE_IN_NOT_VOTER}, 该票不计`);
    });
    if (c.class === 'valid' && c.blank) reasons.push(REASON_LABEL.BLANK);
  }
  const writeIns: WriteInCheck[] = [];
  reading.sections.forEach((s, oi) => {
    for (const w of s.written) writeIns.push(checkWriteIn(le, oi, w.name));
  });
  return { class: c.class, label: CLASS_LABEL[c.class], reasons, writeIns };
}

/**
 * The journal counted as `jipiao count` counts it. Rulings of ballots not typed yet are left out (they
 * would be an unknown 票号); a ruling the typed ballots contradict is reported and the count is shown
 * without rulings, so the board never goes blank in the middle of the count.
 */
export async function countRows(
  le: LiveElection,
  rows: readonly (readonly string[])[],
): Promise<{ result: Result<CountResult>; problems: readonly InputError[] }> {
  const tickets = new Set(rows.map((r) => r[0] ?? ''));
  const src = (): { file: string; rows: { file: string; line: number; cells: readonly string[] }[] } => ({
    file: le.file,
    rows: [le.layout.header, ...rows].map((cells, i) => ({ file: le.file, line: i + 1, cells })),
  });
  const base = { election: le.election, registered: le.registered, roll: le.roll };
  const first = await count([src()], { ...base, rulings: le.rulings.filter((r) => tickets.has(r.ticket)) });
  if (first.ok || le.rulings.length === 0) return { result: first, problems: [] };
  const second = await count([src()], { ...base, rulings: [] });
  return { result: second, problems: first.error };
}
