/**
 * What the sheets say about boxes counted from a hand-count sheet (计票统计表, issue 16): which boxes, and
 * what such a sheet cannot give for the figures printed — never invented, said in the vocabulary's words.
 * The ballot log and the reason counts are on no sheet, so they are not mentioned here.
 */
import type { CountResult, TallyGapCode } from '../../core/index.js';
import { gapText } from '../render/tallied.js';
import { showControls } from '../safe-text.js';
import type { Block } from './blocks.js';
import { formal, joinNames } from './typography.js';

const ON_SHEETS: ReadonlySet<TallyGapCode> = new Set(['DISPUTED_LIST', 'OFFICE_DETAIL', 'BLANK', 'MARKS']);

/** 选举结果报告单: the boxes counted from a tally sheet and the figures it could not give (none when no tally). */
export function talliedBlocks(r: CountResult): Block[] {
  const t = r.tallied;
  if (!t) return [];
  const gaps = t.gaps.filter((g) => ON_SHEETS.has(g.code)).map((g) => formal(showControls(gapText(g))));
  const boxes = `${joinNames(t.boxes.map(showControls))}按计票统计表（手工唱票，各票箱合计数）计入。`;
  return [{ kind: 'para', text: gaps.length === 0 ? boxes : `${boxes}计票统计表无法提供、本表不作推算的内容：${gaps.join('；')}。` }];
}

/** Disputed ballots of tally boxes, per box: counted, but without 票号 or what is unclear (undefined when none). */
export function talliedDisputes(
  r: CountResult,
): { readonly boxes: readonly (readonly [string, number])[]; readonly count: number } | undefined {
  const gap = r.tallied?.gaps.find((g) => g.code === 'DISPUTED_LIST');
  if (!gap) return undefined;
  const boxes = r.boxes.filter((b) => gap.boxes.includes(b.box) && b.disputed > 0).map((b) => [b.box, b.disputed] as const);
  const count = boxes.reduce((n, [, k]) => n + k, 0);
  if (count === 0) throw new Error(`tally gap DISPUTED_LIST without disputed ballots in ${gap.boxes.join(', ')}`);
  return { boxes, count };
}

/**
 * 疑难选票认定表: the line for the disputed ballots a tally sheet only counts, and one blank row each (编号 and
 * 票箱 filled in) for the 选举领导小组 to complete by hand from the paper ballots.
 */
export function talliedDisputeRows(
  d: NonNullable<ReturnType<typeof talliedDisputes>>,
  firstNo: number,
  width: number,
): { note: Block; rows: string[][] } {
  const rows = d.boxes
    .flatMap(([box, n]) => Array.from({ length: n }, () => box))
    .map((box, i) => [String(firstNo + i), '', showControls(box), ...Array.from({ length: width - 3 }, () => '')]);
  return {
    note: {
      kind: 'para',
      strong: true,
      text: `其中 ${d.count} 张疑难选票在按计票统计表计入的票箱（${joinNames(d.boxes.map(([b]) => showControls(b)))}）：计票统计表只计张数，没有票号和疑难情形；表中为其留出空行，请对照原选票逐张填写、认定后改填计票统计表。`,
    },
    rows,
  };
}
