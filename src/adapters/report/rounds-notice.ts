/**
 * 再次投票公告 (规程 第三十九条(三), 11.: 3日内就票数相等的人员再次投票) and 另行选举公告 (第三十九条(二),
 * 第四十条: 30日内, 按第一次投票未当选人得票多少为序确定候选人). Offices whose result pending disputed
 * ballots could still change are left out: who is tied or who stands again is not known yet.
 */
import type { CountResult } from '../../core/index.js';
import type { Block, Sheet } from './blocks.js';
import { byStroke, finalOffices, shown } from './figures.js';
import { seal } from './signatures.js';
import { joinNames } from './typography.js';
import { chineseDate, electionParts, electionPhrase } from './wording.js';

export function roundsNotice(r: CountResult): Sheet | undefined {
  const final = finalOffices(r);
  const revote = r.revote.filter((x) => final.includes(x.office));
  const runoff = r.runoff.filter((x) => final.includes(x.office));
  if (revote.length === 0 && runoff.length === 0) return undefined;
  const totals = new Map(r.people.map((p) => [p.name, p.total]));
  const withVotes = (names: readonly string[]): string => joinNames(names.map((n) => `${shown(n)}（${totals.get(n) ?? 0} 票）`));
  const p = electionParts(r.election);
  const text = runoff.length > 0 ? (revote.length > 0 ? '再次投票及另行选举公告' : '另行选举公告') : '再次投票公告';
  const blocks: Block[] = [
    { kind: 'title', over: `${p.body}${p.event}`, text },
    {
      kind: 'para',
      indent: true,
      text: `${electionPhrase(r.election)}于${chineseDate(r.election.date)}投票，经计票，以下职务未能全部选出：`,
    },
  ];
  for (const x of revote) {
    blocks.push({
      kind: 'para',
      indent: true,
      text: `${x.office} ${x.seats} 名：${withVotes([...x.names].sort(byStroke))}得票相等，不能确定当选人。依照规程第三十九条（三），应当在 3 日内就得票相等的人员再次投票，以得票多的当选。`,
    });
  }
  for (const x of runoff) {
    blocks.push({
      kind: 'para',
      indent: true,
      text:
        `${x.office} ${x.seats} 名：获得过半数选票的人数少于应选名额，不足的名额另行选举（第三十九条（二））。依照第四十条，另行选举应当在 30 日内完成，` +
        `按第一次投票未当选人得票多少为序确定候选人：${withVotes(x.candidates)}${x.tieAtCutoff ? '（截止处得票相等，候选人数由选举领导小组确定）' : ''}。` +
        '另行选举需登记选民过半数参加投票方为有效，以得赞成票多者当选，但所得赞成票数不得少于已投选票总数的三分之一。',
    });
  }
  blocks.push({
    kind: 'keep',
    blocks: [
      { kind: 'para', indent: true, text: '投票时间、地点另行公告。特此公告。' },
      { kind: 'right', lines: [seal(p), chineseDate(r.election.date)] },
    ],
  });
  return { id: runoff.length > 0 ? '另行选举公告' : '再次投票公告', style: 'board', roomy: true, blocks };
}
