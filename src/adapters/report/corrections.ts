/**
 * The live count's corrections on the 选举结果报告单 (issue 19: corrections never delete, and the final
 * report shows them): 撤销上一张 and 修改 made at the venue, with who, when, before and after, and their
 * count — a block set before the signatures, so the counting staff sign the figures with the
 * corrections that led to them (规程 第二条(七) 公开唱票、计票). Without corrections the sheets are
 * exactly those of `jipiao report`. Pure: sheets and rows in, sheets out.
 */
import { showControls } from '../safe-text.js';
import type { Block, Sheet } from './blocks.js';
import { formal } from './typography.js';

/** One correction, in words (the live journal's records). */
export interface CorrectionRow {
  readonly at: string;
  readonly station: string;
  readonly op: '撤销' | '修改';
  /** Which ballot: 票号 000011, or 复核 中心会场 第 3 张. */
  readonly ballot: string;
  readonly before: string;
  readonly after: string;
}

/**
 * A journal time (ISO 8601, UTC) as 北京时间 on the sheet, `2026-12-20 09:41:05`; the CSV records keep the
 * ISO time. The same on any machine whatever its time zone (the sheets are byte for byte reproducible).
 */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function correctionsBlocks(rows: readonly CorrectionRow[]): Block[] {
  const undone = rows.filter((r) => r.op === '撤销').length;
  return [
    {
      kind: 'para',
      text: `现场计票更正记录：共 ${rows.length} 条（撤销 ${undone} 条，修改 ${rows.length - undone} 条）。更正不删除原录入内容，每条均记有录入台、时间和更正前后的内容。`,
    },
    {
      kind: 'table',
      head: ['序号', '时间（北京时间）', '录入台', '操作', '选票', '更正前', '更正后'],
      rows: rows.map((r, i) => [
        String(i + 1),
        beijingTime(r.at),
        showControls(r.station),
        r.op,
        showControls(r.ballot),
        formal(showControls(r.before)),
        formal(showControls(r.after)),
      ]),
      nowrap: [true, true, false, true, true, false, false],
    },
  ];
}

/** The sheets with the corrections set into the 选举结果报告单, before its signatures; unchanged without corrections. */
export function withCorrections(sheets: readonly Sheet[], rows: readonly CorrectionRow[]): Sheet[] {
  if (rows.length === 0) return [...sheets];
  return sheets.map((s) => {
    if (s.id !== '选举结果报告单') return s;
    const last = s.blocks.length - 1;
    const signed = s.blocks[last]?.kind === 'keep' ? last : s.blocks.length;
    return { ...s, blocks: [...s.blocks.slice(0, signed), ...correctionsBlocks(rows), ...s.blocks.slice(signed)] };
  });
}
