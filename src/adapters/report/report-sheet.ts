/**
 * 选举结果报告单 (规程 9.(17) 填写选举结果报告单): the figures of the count on one A4 form — ballots by class
 * and by box, the validity checks, each office's 应选名额 and 唱票 tally, every person's votes with the
 * 过半数 threshold, who is elected and what must still happen, and the signatures of the counting staff.
 */
import type { CountResult } from '../../core/index.js';
import { METHOD_LABEL, MODE_LABEL, ROUND_LABEL, VALIDITY_ARTICLE, VALIDITY_LABEL, presidingText } from '../vocabulary.js';
import { showControls } from '../safe-text.js';
import type { Block, Sheet } from './blocks.js';
import { ballotFigures, byStroke, electedIn, finalOffices, namesWithVotes, shown, thresholdText } from './figures.js';
import { COUNTING_STAFF, LEADER, seal } from './signatures.js';
import { talliedBlocks } from './tally-note.js';
import { formal, joinNames } from './typography.js';
import { chineseDate, electionParts } from './wording.js';

/** Ballots by class, per box when there are several, with the total row (收回 = 有效 + 部分有效 + 无效 + 疑难). */
function countsTable(r: CountResult): Block[] {
  const b = r.ballots;
  const who = r.election.method === 'representative' ? '居民代表总数' : '登记选民';
  const row = (name: string, c: typeof b | (typeof r.boxes)[number]): string[] => [
    name,
    String(c.returned),
    `${c.valid}（${c.blank}）`,
    String(c.partial),
    String(c.invalid),
    String(c.disputed),
  ];
  ballotFigures(r); // asserts that the classes add up to the ballots returned
  return [
    {
      kind: 'fields',
      items: [
        [who, `${b.registered} 人`],
        ['发出选票', `${b.issued} 张`],
        ['收回选票', `${b.returned} 张`],
      ],
    },
    {
      kind: 'table',
      head: ['票箱', '收回选票', '有效票（含弃权票）', '部分有效票', '无效票（含废票）', '疑难选票'],
      rows: [...(r.boxes.length > 1 ? r.boxes.map((x) => row(showControls(x.box), x)) : []), row('合计', b)],
      numeric: [false, true, true, true, true, true],
    },
  ];
}

function validityBlocks(r: CountResult): Block[] {
  const lines = r.validity.checks.map((c) => `${c.passed ? '✓' : '✗'} ${formal(c.text)}`);
  const verdict = r.validity.valid
    ? '结论：选举有效。'
    : `结论：选举无效（${joinNames(r.validity.failed.map((c) => `${VALIDITY_LABEL[c]}，${VALIDITY_ARTICLE[c]}`))}），本次选举无人当选，应当重新组织选举。`;
  return [
    { kind: 'para', text: `选举有效性：${lines.join('；')}。` },
    { kind: 'para', strong: true, text: verdict },
  ];
}

/**
 * Every person's votes per office, 总得票数 and 过半数, with the 唱票 tally of the printed candidates (反对 and
 * 弃权 in the office they stand for; their 赞成 is their votes in that office) and the office elected to.
 */
function peopleTable(r: CountResult): Block {
  const offices = r.election.offices.map((o) => o.name);
  const combined = offices.length > 1;
  const marks = new Map(r.offices.flatMap((o) => o.candidates.map((c) => [c.name, { ...c, known: o.opposeKnown }] as const)));
  const head = [
    '姓名',
    '候选职务',
    ...(combined ? offices.map((o) => `${o}票`) : ['得票数']),
    ...(combined ? ['总得票数'] : []),
    '反对',
    '弃权',
    '过半数',
    '当选职务',
  ];
  const rows = r.people.map((p) => {
    const m = marks.get(p.name);
    return [
      shown(p.name),
      p.printed ?? '另选',
      ...offices.map((o) => String(p.votes[o] ?? 0)),
      ...(combined ? [String(p.total)] : []),
      m === undefined || !m.known ? '—' : String(m.oppose),
      m === undefined ? '—' : String(m.abstain),
      r.election.round === 'first' ? (p.majority ? '是' : '否') : '—',
      p.elected ?? '',
    ];
  });
  return {
    kind: 'table',
    caption: '得票情况（反对、弃权为正式候选人在其候选职务一栏的唱票数）',
    head,
    rows,
    numeric: head.map((_, i) => i > 1 && i < head.length - 2),
    nowrap: head.map(() => true),
  };
}

/** 应选名额 of each office and the threshold of this round. */
function seatsText(r: CountResult): string {
  const seats = r.election.offices.map((o) => `${o.name} ${o.seats} 名`);
  return `应选名额：${joinNames(seats)}。${thresholdText(r)}`;
}

function outcomeBlocks(r: CountResult): Block[] {
  if (!r.validity.valid) return [];
  const final = finalOffices(r);
  const elected = r.election.offices
    .map((o) => ({ o: o.name, seats: electedIn(r, o.name) }))
    .filter((x) => x.seats.length > 0)
    .map((x) => `${x.o}${final.includes(x.o) ? '' : '（暂定）'}　${namesWithVotes(x.seats)}`);
  const rest: string[] = [];
  for (const x of r.revote)
    rest.push(`${x.office} ${x.seats} 名得票相等，须就${joinNames([...x.names].sort(byStroke).map(shown))}再次投票`);
  for (const x of r.runoff) rest.push(`${x.office} ${x.seats} 名须另行选举，候选人${joinNames(x.candidates.map(shown))}`);
  for (const x of r.vacant) rest.push(`${x.office} ${x.seats} 名空缺（第四十一条）`);
  if (r.presiding) rest.push(formal(presidingText(r.presiding)));
  return [
    { kind: 'para', text: `当选：${elected.length === 0 ? '无' : `${elected.join('；')}`}。` },
    { kind: 'para', text: `尚需处理：${rest.length === 0 ? '无' : rest.join('；')}。` },
  ];
}

function pendingNote(r: CountResult): Block[] {
  if (!r.provisional) return [];
  const m = r.margin;
  const n = m?.pending ?? r.ballots.disputed;
  const effect = m?.stable
    ? '经按最不利情况核算，疑难选票不影响当选结果。'
    : `疑难选票可能影响${joinNames(m?.atStake ?? [])}的当选结果，这些职务的结果须待认定后再公布。`;
  return [{ kind: 'para', strong: true, text: `【暂定】尚有 ${n} 张疑难选票待选举领导小组认定。${effect}` }];
}

export function reportSheet(r: CountResult): Sheet {
  const e = r.election;
  const date = chineseDate(e.date);
  const blocks: Block[] = [
    { kind: 'title', text: '选举结果报告单' },
    {
      kind: 'fields',
      items: [
        ['选举名称', showControls(e.title)],
        ['选举日期', date],
        ['轮次', ROUND_LABEL[e.round]],
        ['选举方式', METHOD_LABEL[e.method]],
        ['投票方式', MODE_LABEL[e.mode]],
      ],
    },
    ...pendingNote(r),
    ...countsTable(r),
    ...talliedBlocks(r),
    ...validityBlocks(r),
    { kind: 'para', text: seatsText(r) },
    peopleTable(r),
    {
      kind: 'keep',
      blocks: [...outcomeBlocks(r), { kind: 'signatures', roles: [...COUNTING_STAFF, LEADER], seal: seal(electionParts(e)), date }],
    },
  ];
  return { id: '选举结果报告单', style: 'form', blocks };
}
