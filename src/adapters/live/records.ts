/**
 * The records 结束计票 writes beside the result (issue 19): the correction records (撤销/修改: who,
 * when, before and after) as 更正记录.csv, as the ballot log's 更正 cell and as a block of the
 * 选举结果报告单; the second station's ballots as a ballots CSV (for `jipiao verify`); and
 * 现场计票记录.txt for the report folder — the journal's SHA-256 and every correction, in words.
 */
import type { Election } from '../../core/index.js';
import type { CorrectionRow } from '../report/corrections.js';
import { type Journal, type JournalEvent, type Track, csvLine } from './journal.js';
import { type LiveLayout, cellsToDraft, describeDraft } from './layout.js';

const BOM = '\uFEFF';

function text(e: Election, l: LiveLayout, cells: readonly string[]): string {
  return describeDraft(e, l, cellsToDraft(l, cells));
}

/** One 撤销 or 修改 of the journal, in words (the one place a correction is worded). */
export interface Correction {
  readonly seq: number;
  readonly at: string;
  readonly station: string;
  readonly track: Track;
  readonly op: '撤销' | '修改';
  readonly box: string;
  /** Main track: the 票号. Check track: the position within its 票箱. */
  readonly ticket: string;
  readonly before: string;
  readonly after: string;
}

/** Every correction of the journal, in the order they happened. */
export function corrections(e: Election, l: LiveLayout, events: readonly JournalEvent[]): Correction[] {
  const out: Correction[] = [];
  for (const ev of events) {
    if (ev.op !== 'undo' && ev.op !== 'edit') continue;
    const after = ev.op === 'edit' ? text(e, l, ev.after) : '(已撤销)';
    out.push({
      seq: ev.seq,
      at: ev.at,
      station: ev.station,
      track: ev.track,
      op: ev.op === 'undo' ? '撤销' : '修改',
      box: ev.box,
      ticket: ev.ticket,
      before: text(e, l, ev.before),
      after,
    });
  }
  return out;
}

/** Which ballot a correction is about, in words (票号 000011, or 复核 中心会场 第 3 张). */
export function correctedBallot(c: Correction): string {
  return c.track === 'main' ? `票号 ${c.ticket}` : `复核 ${c.box} 第 ${c.ticket} 张`;
}

/**
 * The 更正 cell of the ballot log per main-track 票号 that was ever corrected (who, when, before → after;
 * several corrections of one 票号 joined by `；`), or undefined when no ballot was corrected: the ballot
 * log then keeps the columns of `count --ballot-log`.
 */
export function ballotLogCorrections(list: readonly Correction[]): ReadonlyMap<string, string> | undefined {
  const out = new Map<string, string>();
  for (const c of list) {
    if (c.track !== 'main') continue;
    const said = `${c.op} (${c.station}, ${c.at}): ${c.before} → ${c.after}`;
    const prev = out.get(c.ticket);
    out.set(c.ticket, prev === undefined ? said : `${prev}；${said}`);
  }
  return out.size > 0 ? out : undefined;
}

/** The corrections as the 选举结果报告单 lists them. */
export function reportCorrections(list: readonly Correction[]): CorrectionRow[] {
  return list.map((c) => ({ at: c.at, station: c.station, op: c.op, ballot: correctedBallot(c), before: c.before, after: c.after }));
}

/** 更正记录: one row per 撤销 or 修改, in the order they happened. */
export function correctionsCsv(list: readonly Correction[]): string {
  const rows = [['序号', '时间', '录入台', '录入方式', '操作', '票箱', '票号', '修改前', '修改后']];
  for (const c of list) {
    rows.push([
      String(c.seq),
      c.at,
      c.station,
      c.track === 'main' ? '录入' : '复核',
      c.op,
      c.box,
      c.track === 'main' ? c.ticket : `复核第 ${c.ticket} 张`,
      c.before,
      c.after,
    ]);
  }
  return BOM + rows.map(csvLine).join('');
}

/** The second station's ballots as a ballots CSV, numbered with the main track's 票号 where paired. */
export function checkCsv(l: LiveLayout, j: Journal): string {
  const mainByBox = new Map<string, string[]>();
  for (const m of j.entries('main')) mainByBox.set(m.box, [...(mainByBox.get(m.box) ?? []), m.ticket]);
  const rows = j.entries('check').map((c) => {
    const cells = [...c.cells];
    cells[0] = mainByBox.get(c.box)?.[Number(c.ticket) - 1] ?? `复核-${c.box}-${c.ticket}`;
    return cells;
  });
  return BOM + csvLine(l.header) + rows.map(csvLine).join('');
}

/** 现场计票记录: what the report folder says about the live count. */
export function liveRecordText(e: Election, l: LiveLayout, j: Journal, sha256: string, mismatchCount: number): string {
  const lines = [
    `${e.title} — 现场计票记录`,
    '',
    `计票记录文件: 现场计票.csv (共 ${j.entries('main').length} 张选票)`,
    `SHA-256: ${sha256}`,
    `复核录入: ${j.entries('check').length} 张, 结束时仍不一致 ${mismatchCount} 张`,
    '',
  ];
  const corr = corrections(e, l, j.allEvents());
  if (corr.length === 0) lines.push('更正记录: 无');
  else {
    lines.push(`更正记录 (${corr.length} 条, 详见 现场计票-更正记录.csv):`);
    for (const c of corr) lines.push(`  ${c.at} ${c.station} ${c.op} ${correctedBallot(c)}: ${c.before} → ${c.after}`);
  }
  return `${lines.join('\n')}\n`;
}
