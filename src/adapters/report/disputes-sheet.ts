/**
 * 疑难选票认定表 (规程 10. 疑难选票认定, 文书范例14): one row per disputed ballot — 编号, 票号, 票箱, what is
 * unclear, the ruling, the vote of the 选举领导小组 and the reason; rows not yet ruled are left blank to fill
 * in by hand; a signature line for every member of the 选举领导小组 (第十条, 第十二条: 少数服从多数).
 */
import { type CountResult, describeIssues } from '../../core/index.js';
import { showControls } from '../safe-text.js';
import { CLASS_LABEL, VERDICT_LABEL } from '../vocabulary.js';
import type { Sheet } from './blocks.js';
import { leadGroupRoles, seal } from './signatures.js';
import { talliedDisputeRows, talliedDisputes } from './tally-note.js';
import { formal } from './typography.js';
import { chineseDate, electionParts } from './wording.js';

export function disputesSheet(r: CountResult): Sheet | undefined {
  const talliedCount = talliedDisputes(r);
  if (r.disputes.length === 0 && !talliedCount) return undefined;
  const head = ['编号', '票号', '票箱', '疑难情形', '认定结果', '表决（赞成：反对）', '理由'];
  const tallied = talliedCount && talliedDisputeRows(talliedCount, r.disputes.length + 1, head.length);
  const total = r.disputes.length + (talliedCount === undefined ? 0 : talliedCount.count);
  const ruled = r.disputes.filter((d) => d.ruling !== undefined).length;
  const date = chineseDate(r.election.date);
  return {
    id: '疑难选票认定表',
    style: 'form',
    blocks: [
      { kind: 'title', text: '疑难选票认定表' },
      {
        kind: 'fields',
        items: [
          ['选举名称', showControls(r.election.title)],
          ['日期', date],
        ],
      },
      ...(tallied ? [tallied.note] : []),
      {
        kind: 'table',
        head,
        rows: [
          ...r.disputes.map((d) => [
            String(d.no),
            showControls(d.ticket),
            showControls(d.box),
            formal(showControls(describeIssues(d.issues) + (d.note ? `；备注：${d.note}` : ''))),
            d.ruling ? `${VERDICT_LABEL[d.ruling.verdict]}（计为${CLASS_LABEL[d.ruling.finalClass]}）` : '',
            showControls(d.ruling?.vote ?? ''),
            formal(showControls(d.ruling?.reason ?? '')),
          ]),
          ...(tallied?.rows ?? []),
        ],
        nowrap: [true, true, true, false, false, true, false],
      },
      {
        kind: 'keep',
        blocks: [
          { kind: 'para', text: `疑难选票共 ${total} 张，已认定 ${ruled} 张，待认定 ${total - ruled} 张。` },
          { kind: 'para', text: '签名（选举领导小组组长、副组长、成员，总监票人）：' },
          { kind: 'signatures', roles: [...leadGroupRoles(r), '总监票人'], seal: seal(electionParts(r.election)), date },
        ],
      },
    ],
  };
}
