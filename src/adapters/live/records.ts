/**
 * The records 结束计票 writes beside the result (issue 19): the correction records (撤销/修改: who,
 * when, before and after), the second station's ballots as a ballots CSV (for `jipiao verify`), and
 * 现场计票记录.txt for the report folder — the journal's SHA-256 and every correction, in words.
 */
import type { Election } from '../../core/index.js';
import { csvLine, type Journal } from './journal.js';
import { type LiveLayout, cellsToDraft, describeDraft } from './layout.js';

const BOM = '\uFEFF';

function text(e: Election, l: LiveLayout, cells: readonly string[]): string {
  return describeDraft(e, l, cellsToDraft(l, cells));
}

/** 更正记录: one row per 撤销 or 修改, in the order they happened. */
export function correctionsCsv(e: Election, l: LiveLayout, j: Journal): string {
  const rows = [['序号', '时间', '录入台', '录入方式', '操作', '票箱', '票号', '修改前', '修改后']];
  for (const ev of j.allEvents()) {
    if (ev.op !== 'undo' && ev.op !== 'edit') continue;
    rows.push([
      String(ev.seq),
      ev.at,
      ev.station,
      ev.track === 'main' ? '录入' : '复核',
      ev.op === 'undo' ? '撤销' : '修改',
      ev.box,
      ev.track === 'main' ? ev.ticket : `复核第 ${ev.ticket} 张`,
      text(e, l, ev.before),
      ev.op === 'edit' ? text(e, l, ev.after) : '(已撤销)',
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
  const corr = j.allEvents().filter((ev) => ev.op === 'undo' || ev.op === 'edit');
  if (corr.length === 0) lines.push('更正记录: 无');
  else {
    lines.push(`更正记录 (${corr.length} 条, 详见 现场计票-更正记录.csv):`);
    for (const ev of corr) {
      if (ev.op !== 'undo' && ev.op !== 'edit') continue;
      const what = ev.op === 'undo' ? '撤销' : '修改';
      const who = ev.track === 'main' ? `票号 ${ev.ticket}` : `复核 ${ev.box} 第 ${ev.ticket} 张`;
      const after = ev.op === 'edit' ? text(e, l, ev.after) : '(已撤销)';
      lines.push(`  ${ev.at} ${ev.station} ${what} ${who}: ${text(e, l, ev.before)} → ${after}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
