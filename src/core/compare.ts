/**
 * Published result vs re-count (申诉复核, SPEC §6 `compare`): what differs, figure by figure, and whether
 * the outcome (validity, who is elected to which office, revote, runoff, vacancies) changed. Pure: takes
 * two parsed `jipiao.result/1` JSON documents.
 */
import { SCHEMA } from './audit.js';
import { type InputError, type Result, err, inputError, ok } from './result.js';

export interface ResultDoc {
  readonly schema: string;
  readonly election: { readonly title: string; readonly round?: string; readonly offices?: readonly { readonly name: string; readonly candidates: readonly string[] }[] };
  readonly ballots: Readonly<Record<string, number>>;
  readonly validity: { readonly valid: boolean; readonly failed: readonly string[] };
  readonly people: readonly { readonly name: string; readonly votes: Readonly<Record<string, number>>; readonly total: number }[];
  readonly elected: readonly { readonly office: string; readonly name: string }[];
  readonly revote: readonly { readonly office: string; readonly seats: number; readonly names: readonly string[] }[];
  readonly runoff: readonly { readonly office: string; readonly seats: number; readonly candidates: readonly string[] }[];
  readonly vacant: readonly { readonly office: string; readonly seats: number }[];
  readonly boxes?: readonly ({ readonly box: string } & Readonly<Record<string, number | string>>)[];
}

export interface FigureDiff {
  readonly what: string;
  readonly before: number;
  readonly after: number;
  readonly diff: number;
}

export interface Comparison {
  readonly title: string;
  readonly ballots: readonly FigureDiff[];
  readonly boxes: readonly (FigureDiff & { readonly box: string })[];
  readonly votes: readonly (FigureDiff & { readonly name: string; readonly office: string })[];
  readonly elected: { readonly removed: readonly string[]; readonly added: readonly string[] };
  readonly validity: { readonly before: boolean; readonly after: boolean; readonly failedBefore: readonly string[]; readonly failedAfter: readonly string[] };
  readonly pending: { readonly revote: boolean; readonly runoff: boolean; readonly vacant: boolean };
  readonly outcomeChanged: boolean;
  /** "当选结果不变" or "当选结果改变: …" */
  readonly verdict: string;
}

const BALLOT_KEYS: readonly [string, string][] = [
  ['registered', '登记选民'],
  ['issued', '发出'],
  ['returned', '收回'],
  ['valid', '有效'],
  ['blank', '弃权'],
  ['partial', '部分有效'],
  ['invalid', '无效'],
  ['disputed', '疑难'],
];

function isDoc(x: unknown): x is ResultDoc {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return o['schema'] === SCHEMA && typeof o['election'] === 'object' && Array.isArray(o['people']) && Array.isArray(o['elected']) && typeof o['ballots'] === 'object';
}

export function parseResultDoc(text: string, file: string): Result<ResultDoc> {
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch (e) {
    return err([inputError('COMPARE_NOT_JSON', `不是有效的 JSON (${e instanceof Error ? e.message : String(e)})`, { file })]);
  }
  if (!isDoc(x)) return err([inputError('COMPARE_NOT_RESULT', `不是 jipiao 计票结果 (应为 jipiao count --format json 的输出, schema "${SCHEMA}")`, { file, key: 'schema' })]);
  return ok(x);
}

const canon = (xs: readonly string[]): string => JSON.stringify([...xs].sort());

function candidatesOf(d: ResultDoc): string {
  return JSON.stringify((d.election.offices ?? []).map((o) => [o.name, [...o.candidates].sort()]));
}

export function compareResults(a: ResultDoc, b: ResultDoc, files: readonly [string, string]): Result<Comparison> {
  const errors: InputError[] = [];
  if (a.election.title !== b.election.title) {
    errors.push(inputError('COMPARE_DIFFERENT_ELECTION', `两份结果不是同一次选举: 「${a.election.title}」与「${b.election.title}」`, { file: files[1], key: 'election.title' }));
  } else if (candidatesOf(a) !== candidatesOf(b)) {
    errors.push(inputError('COMPARE_DIFFERENT_ELECTION', '两份结果的职务或候选人不同, 不是同一次选举', { file: files[1], key: 'election.offices' }));
  } else if ((a.election.round ?? 'first') !== (b.election.round ?? 'first')) {
    errors.push(inputError('COMPARE_DIFFERENT_ELECTION', `两份结果的轮次不同 (${a.election.round ?? ''} / ${b.election.round ?? ''})`, { file: files[1], key: 'election.round' }));
  }
  if (errors.length > 0) return err(errors);
  const fd = (what: string, before: number, after: number): FigureDiff => ({ what, before, after, diff: after - before });
  const ballots = BALLOT_KEYS.map(([k, label]) => fd(label, a.ballots[k] ?? 0, b.ballots[k] ?? 0));
  const boxes: (FigureDiff & { box: string })[] = [];
  const boxNames = [...new Set([...(a.boxes ?? []).map((x) => x.box), ...(b.boxes ?? []).map((x) => x.box)])].sort();
  for (const box of boxNames) {
    const x = (a.boxes ?? []).find((y) => y.box === box);
    const y = (b.boxes ?? []).find((z) => z.box === box);
    for (const [k, label] of BALLOT_KEYS.slice(2)) {
      const before = Number(x?.[k] ?? 0);
      const after = Number(y?.[k] ?? 0);
      if (before !== after) boxes.push({ box, ...fd(label, before, after) });
    }
  }
  const offices = (a.election.offices ?? []).map((o) => o.name);
  const names = [...new Set([...a.people.map((p) => p.name), ...b.people.map((p) => p.name)])];
  const votes: (FigureDiff & { name: string; office: string })[] = [];
  for (const name of names) {
    const p = a.people.find((x) => x.name === name);
    const q = b.people.find((x) => x.name === name);
    for (const office of [...offices, '总得票数']) {
      const before = office === '总得票数' ? (p?.total ?? 0) : (p?.votes[office] ?? 0);
      const after = office === '总得票数' ? (q?.total ?? 0) : (q?.votes[office] ?? 0);
      votes.push({ name, office, ...fd(office, before, after) });
    }
  }
  const seat = (e: { office: string; name: string }): string => `${e.office} ${e.name}`;
  const sa = a.elected.map(seat);
  const sb = b.elected.map(seat);
  const removed = sa.filter((s) => !sb.includes(s));
  const added = sb.filter((s) => !sa.includes(s));
  const revoteChanged = canon(a.revote.map((x) => `${x.office}:${x.seats}:${canon(x.names)}`)) !== canon(b.revote.map((x) => `${x.office}:${x.seats}:${canon(x.names)}`));
  const runoffChanged = canon(a.runoff.map((x) => `${x.office}:${x.seats}:${canon(x.candidates)}`)) !== canon(b.runoff.map((x) => `${x.office}:${x.seats}:${canon(x.candidates)}`));
  const vacantChanged = canon(a.vacant.map((x) => `${x.office}:${x.seats}`)) !== canon(b.vacant.map((x) => `${x.office}:${x.seats}`));
  const validityChanged = a.validity.valid !== b.validity.valid;
  const outcomeChanged = validityChanged || removed.length > 0 || added.length > 0 || revoteChanged || runoffChanged || vacantChanged;
  const parts: string[] = [];
  if (validityChanged) parts.push(b.validity.valid ? '选举由无效变为有效' : `选举由有效变为无效 (${b.validity.failed.join(', ')})`);
  if (removed.length > 0) parts.push(`不再当选 ${removed.join('、')}`);
  if (added.length > 0) parts.push(`新当选 ${added.join('、')}`);
  if (revoteChanged) parts.push(`再次投票: ${b.revote.map((x) => `${x.office} ${x.seats} 名`).join('、') || '无'}`);
  if (runoffChanged) parts.push(`另行选举: ${b.runoff.map((x) => `${x.office} ${x.seats} 名`).join('、') || '无'}`);
  if (vacantChanged) parts.push(`空缺: ${b.vacant.map((x) => `${x.office} ${x.seats} 名`).join('、') || '无'}`);
  return ok({
    title: a.election.title,
    ballots,
    boxes,
    votes: votes.filter((v) => v.diff !== 0),
    elected: { removed, added },
    validity: { before: a.validity.valid, after: b.validity.valid, failedBefore: [...a.validity.failed], failedAfter: [...b.validity.failed] },
    pending: { revote: revoteChanged, runoff: runoffChanged, vacant: vacantChanged },
    outcomeChanged,
    verdict: outcomeChanged ? `当选结果改变: ${parts.join('; ')}` : '当选结果不变',
  });
}
