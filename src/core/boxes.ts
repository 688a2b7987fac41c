/**
 * 收回 ≤ 发出 per 票箱 (election.json `boxes`). 规程 第三十七条 makes an election invalid when the
 * ballots cast outnumber those issued for the whole election ("每次选举所投的票数…多于所发选票总数的,
 * 选举无效"); a single box over its own issue count does not by itself meet that rule, so it is a
 * warning for the 选举领导小组 to look into (流动票箱 are where ballots go missing or are added), shown
 * in the per-box table and the 提示 — never an invalid election on its own.
 */
import type { ClassCounts } from './tally.js';
import type { Election } from './model.js';

export interface BoxCheck {
  readonly box: string;
  readonly issued: number;
  readonly returned: number;
}

/** The configured boxes' issued figures beside their returned ballots, and a warning per excess. */
export function checkBoxes(
  election: Election,
  boxes: readonly (ClassCounts & { readonly box: string })[],
): { issued: Map<string, number>; warnings: string[] } {
  const issued = new Map((election.boxes ?? []).map((b) => [b.name, b.issued] as const));
  const warnings: string[] = [];
  for (const b of election.boxes ?? []) {
    const returned = boxes.find((x) => x.box === b.name)?.returned ?? 0; // a listed box without ballots returned 0
    if (returned > b.issued)
      warnings.push(
        `票箱「${b.name}」收回 ${returned} 张, 多于该票箱发出的 ${b.issued} 张; 请选举领导小组核查 (全选举的收回数仍按第三十七条与发出总数比较)`,
      );
    if (!boxes.some((x) => x.box === b.name)) warnings.push(`election.json 列出的票箱「${b.name}」没有任何选票 (请核对票箱名称)`);
  }
  return { issued, warnings };
}
