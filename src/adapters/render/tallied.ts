/**
 * What the count result says about boxes counted from hand tallies (计票统计表, issue 16): which boxes,
 * and what a tally cannot tell — in words for the terminal and the sheets, as data for the JSON.
 */
import type { CountResult, TalliedInfo, TallyGap } from '../../core/index.js';
import { TALLY_GAP_LABEL } from '../vocabulary.js';

export { TALLY_GAP_LABEL };

/** One gap in words: the office (if any), what is not available, the boxes. */
export function gapText(g: TallyGap): string {
  return `${g.office !== undefined ? `${g.office}的` : ''}${TALLY_GAP_LABEL[g.code]}: ${g.boxes.join('、')}`;
}

/** Terminal lines (empty when no box was counted from a tally). */
export function talliedLines(r: CountResult): string[] {
  const t = r.tallied;
  if (!t) return [];
  return [
    `按计票统计表计入的票箱: ${t.boxes.join('、')} (手工唱票, 各票箱合计数)`,
    '计票统计表无法提供以下内容 (不作推算):',
    ...t.gaps.map((g) => `  - ${gapText(g)}`),
  ];
}

/** The `tallied` field of the JSON result. */
export function talliedJson(t: TalliedInfo): Record<string, unknown> {
  return {
    files: [...t.files],
    boxes: [...t.boxes],
    unavailable: t.gaps.map((g) => ({ code: g.code, office: g.office ?? null, boxes: [...g.boxes], text: TALLY_GAP_LABEL[g.code] })),
  };
}

/** `--format csv`: one `未提供` row per gap (姓名 = the gap in words, 印刷职务 = its office), padded to `width`. */
export function talliedCsvRows(r: CountResult, width: number): string[][] {
  return (r.tallied?.gaps ?? []).map((g) => {
    const row = ['未提供', gapText(g), g.office ?? ''];
    while (row.length < width) row.push('');
    return row;
  });
}
