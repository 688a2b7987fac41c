/**
 * The journal's columns and the entry page's keys (issue 19). The journal is a grid-layout ballots CSV
 * (SPEC §2.2) — one column per printed candidate, `<职务>:另选<n>` slots, 状态 and 备注 — so that
 * `jipiao count` reads it unchanged. A ballot is typed as a Draft (what the 唱票员 called) and turned
 * into the row's cells here; the reverse gives the draft back for an edit. Pure: no node: modules.
 */
import type { Election } from '../../core/index.js';

/** The entry keys of the printed candidates, in ballot order across offices (1…9, 0, then letters). */
export const CANDIDATE_KEYS = '1234567890abcdefghijklmnopqrstuvwyz';

export type DraftMark = 'approve' | 'oppose' | 'unclear';
export type DraftStatus = '' | '无法辨认' | '疑难';

/** One ballot as typed on the entry page. */
export interface Draft {
  /** Mark per printed candidate, by global candidate number (0-based across offices); absent = 弃权. */
  readonly marks: Readonly<Record<string, DraftMark>>;
  /** Written names (另选) per office, in the order written. */
  readonly writeIns: readonly { readonly office: number; readonly name: string }[];
  readonly status: DraftStatus;
  readonly note: string;
}

export interface LiveCandidate {
  readonly office: number;
  readonly name: string;
  readonly key: string;
  readonly col: number;
}

export interface LiveLayout {
  readonly header: readonly string[];
  readonly candidates: readonly LiveCandidate[];
  /** 另选 columns per office. */
  readonly writeInCols: readonly (readonly number[])[];
  readonly statusCol: number;
  readonly noteCol: number;
}

/** Mark written into the journal for each draft mark (SPEC §2.2 vocabulary). */
const CELL: Readonly<Record<DraftMark, string>> = { approve: '○', oppose: '×', unclear: '?' };

/**
 * Columns: 票号, 票箱, per office its printed candidates then one 另选 slot per seat (a paper ballot
 * leaves as many blanks as seats), 状态, 备注.
 */
export function liveLayout(e: Election): LiveLayout {
  const header = ['票号', '票箱'];
  const candidates: LiveCandidate[] = [];
  const writeInCols: number[][] = [];
  e.offices.forEach((o, oi) => {
    for (const c of o.candidates) {
      candidates.push({ office: oi, name: c, key: CANDIDATE_KEYS[candidates.length] ?? '', col: header.length });
      header.push(`${o.name}:${c}`);
    }
    const slots: number[] = [];
    for (let s = 1; s <= o.seats; s++) {
      slots.push(header.length);
      header.push(`${o.name}:另选${s}`);
    }
    writeInCols.push(slots);
  });
  const statusCol = header.push('状态') - 1;
  const noteCol = header.push('备注') - 1;
  return { header, candidates, writeInCols, statusCol, noteCol };
}

export type DraftProblem =
  | { readonly code: 'LIVE_TOO_MANY_KEYS'; readonly message: string }
  | { readonly code: 'LIVE_WRITEIN_SLOTS_FULL'; readonly office: string; readonly slots: number; readonly message: string }
  | { readonly code: 'LIVE_BAD_DRAFT'; readonly message: string };

/** The journal row of one typed ballot. */
export function draftToCells(
  l: LiveLayout,
  e: Election,
  ticket: string,
  box: string,
  d: Draft,
): { ok: true; cells: string[] } | { ok: false; problem: DraftProblem } {
  const cells = l.header.map(() => '');
  cells[0] = ticket;
  cells[1] = box;
  for (const [k, m] of Object.entries(d.marks)) {
    const c = l.candidates[Number(k)];
    if (c === undefined) return { ok: false, problem: { code: 'LIVE_BAD_DRAFT', message: `没有第 ${Number(k) + 1} 号候选人` } };
    cells[c.col] = CELL[m];
  }
  const used = l.writeInCols.map(() => 0);
  for (const w of d.writeIns) {
    const slots = l.writeInCols[w.office];
    const office = e.offices[w.office]?.name;
    if (slots === undefined || office === undefined)
      return { ok: false, problem: { code: 'LIVE_BAD_DRAFT', message: `没有第 ${w.office + 1} 个职务` } };
    const n = used[w.office] ?? 0;
    const col = slots[n];
    if (col === undefined) {
      return {
        ok: false,
        problem: {
          code: 'LIVE_WRITEIN_SLOTS_FULL',
          office,
          slots: slots.length,
          message: `${office}栏只有 ${slots.length} 个另选格; 多写的姓名请记入备注, 并按 # 设为疑难`,
        },
      };
    }
    cells[col] = w.name;
    used[w.office] = n + 1;
  }
  cells[l.statusCol] = d.status;
  cells[l.noteCol] = d.note;
  return { ok: true, cells };
}

/** The draft a journal row was typed from (for an edit, and to show the ballot again). */
export function cellsToDraft(l: LiveLayout, cells: readonly string[]): Draft {
  const marks: Record<string, DraftMark> = {};
  l.candidates.forEach((c, i) => {
    const v = cells[c.col] ?? '';
    if (v === CELL.approve) marks[String(i)] = 'approve';
    else if (v === CELL.oppose) marks[String(i)] = 'oppose';
    else if (v !== '') marks[String(i)] = 'unclear';
  });
  const writeIns: { office: number; name: string }[] = [];
  l.writeInCols.forEach((cols, office) => {
    for (const col of cols) {
      const name = cells[col] ?? '';
      if (name !== '') writeIns.push({ office, name });
    }
  });
  const s = cells[l.statusCol] ?? '';
  return { marks, writeIns, status: s === '无法辨认' || s === '疑难' ? s : '', note: cells[l.noteCol] ?? '' };
}

/** What was typed, in words (the board's "last ballots" and the correction log). */
export function describeDraft(e: Election, l: LiveLayout, d: Draft): string {
  if (d.status === '无法辨认') return '无法辨认';
  const parts = e.offices.map((o, oi) => {
    const names: string[] = [];
    l.candidates.forEach((c, i) => {
      if (c.office !== oi) return;
      const m = d.marks[String(i)];
      if (m === 'approve') names.push(c.name);
      else if (m === 'oppose') names.push(`${c.name}(反对)`);
      else if (m === 'unclear') names.push(`${c.name}(?)`);
    });
    for (const w of d.writeIns) if (w.office === oi) names.push(`另选 ${w.name}`);
    return `${o.name}: ${names.length > 0 ? names.join('、') : '—'}`;
  });
  if (d.status === '疑难') parts.push('疑难');
  return parts.join('; ');
}

/** Typed text that Excel would take for a formula (`= + - @`) gets a leading `'` in the journal CSV. */
function noFormula(text: string): string {
  return /^[=+\-@]/u.test(text) ? `'${text}` : text;
}

/** A draft from untrusted JSON (the entry page's request body), or a reason it is not one. */
export function parseDraft(x: unknown, l: LiveLayout): Draft | string {
  if (typeof x !== 'object' || x === null) return '缺少选票内容';
  const o = x as Record<string, unknown>;
  const marks: Record<string, DraftMark> = {};
  if (typeof o['marks'] !== 'object' || o['marks'] === null) return 'marks 必须是对象';
  for (const [k, v] of Object.entries(o['marks'] as Record<string, unknown>)) {
    if (!/^\d+$/u.test(k) || Number(k) >= l.candidates.length) return `没有候选人编号 ${k}`;
    if (v !== 'approve' && v !== 'oppose' && v !== 'unclear') return `候选人 ${k} 的符号无效`;
    marks[k] = v;
  }
  if (!Array.isArray(o['writeIns'])) return 'writeIns 必须是数组';
  const writeIns: { office: number; name: string }[] = [];
  for (const w of o['writeIns'] as unknown[]) {
    const r = w as Record<string, unknown> | null;
    if (typeof r?.['office'] !== 'number' || typeof r['name'] !== 'string' || !Number.isInteger(r['office'])) return '另选格式无效';
    const name = noFormula(r['name'].replace(/[\r\n]+/gu, ' ').trim());
    if (name !== '') writeIns.push({ office: r['office'], name });
  }
  const status = o['status'];
  if (status !== '' && status !== '无法辨认' && status !== '疑难') return '状态无效';
  const note = typeof o['note'] === 'string' ? noFormula(o['note'].replace(/[\r\n]+/gu, ' ').trim()) : '';
  return { marks, writeIns, status, note };
}
