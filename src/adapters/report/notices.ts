/**
 * The notices posted on the board (poster-sized type): 选举结果公告 (every candidate's and write-in's votes,
 * 规程 11.选举有效性确认 "须当场宣布,同时应当公布所有候选人和被选人所得票数"), 当选公告 (文书范例15, only
 * for offices whose result is final) and 选举无效公告 (the reason with its article and what must follow).
 */
import type { CountResult, PersonResult } from '../../core/index.js';
import { METHOD_LABEL, MODE_LABEL, VALIDITY_ARTICLE, VALIDITY_LABEL, VALIDITY_REMEDY, presidingText } from '../vocabulary.js';
import type { Block, Sheet } from './blocks.js';
import { ballotFigures, byStroke, electedIn, finalOffices, namesWithVotes, shown, thresholdText } from './figures.js';
import { COUNTING_STAFF, seal } from './signatures.js';
import { formal, joinNames, sentence } from './typography.js';
import { GUIDELINE, LAW, chineseDate, electionParts, electionPhrase } from './wording.js';

function header(r: CountResult, text: string): Block {
  const p = electionParts(r.election);
  return { kind: 'title', over: `${p.body}${p.event}`, text };
}

function issuer(r: CountResult): Block {
  return { kind: 'right', lines: [seal(electionParts(r.election)), chineseDate(r.election.date)] };
}

function held(r: CountResult): string {
  const e = r.election;
  return `${electionPhrase(e)}于${chineseDate(e.date)}举行，采用${METHOD_LABEL[e.method]}、${MODE_LABEL[e.mode]}的方式。`;
}

/** Rank by 总得票数 (equal votes share a rank, listed in 姓氏笔画 order). */
function ranked(people: readonly PersonResult[]): { p: PersonResult; rank: number; tied: boolean }[] {
  const sorted = [...people].sort((a, b) => b.total - a.total || byStroke(a.name, b.name));
  return sorted.map((p, i) => ({
    p,
    rank: sorted.findIndex((q) => q.total === p.total) + 1,
    tied: sorted.some((q, j) => j !== i && q.total === p.total),
  }));
}

/** 选举结果公告: only for a valid election (an invalid one gets the 选举无效公告). */
export function resultsNotice(r: CountResult): Sheet | undefined {
  if (!r.validity.valid) return undefined;
  const offices = r.election.offices.map((o) => o.name);
  const combined = offices.length > 1;
  const final = finalOffices(r);
  const note = (p: PersonResult, tied: boolean): string => {
    const parts: string[] = [];
    if (p.elected !== null) parts.push(final.includes(p.elected) ? `当选${p.elected}` : `${p.elected}（待定）`);
    if (tied) parts.push('并列');
    if (p.printed === null) parts.push('另选');
    return joinNames(parts);
  };
  // One line per person at poster size: 总得票数 and, in combined mode, the offices the votes were for.
  const byOffice = (p: PersonResult): string =>
    joinNames(offices.filter((o) => (p.votes[o] ?? 0) > 0).map((o) => `${o} ${p.votes[o] ?? 0}`));
  const head = ['名次', '姓名', combined ? '总得票数' : '得票数', ...(combined ? ['其中'] : []), '备注'];
  const rows = ranked(r.people).map(({ p, rank, tied }) => [
    String(rank),
    shown(p.name),
    String(p.total),
    ...(combined ? [byOffice(p)] : []),
    note(p, tied),
  ]);
  const pending = r.provisional
    ? [
        {
          kind: 'para',
          indent: true,
          text: `另有疑难选票 ${r.margin?.pending ?? r.ballots.disputed} 张待选举领导小组认定，认定后的得票以重新公布的为准。`,
        } as const,
      ]
    : [];
  return {
    id: '选举结果公告',
    style: 'board',
    blocks: [
      header(r, '选举结果公告'),
      { kind: 'para', indent: true, text: `${held(r)}现将所有候选人和另选人的得票公告如下（按得票多少排列，得票相等的并列）：` },
      { kind: 'table', head, rows, numeric: head.map((_, i) => i === 0 || i === 2), nowrap: head.map((_, i) => i < 3) },
      ...pending,
      {
        kind: 'keep',
        blocks: [
          { kind: 'para', indent: true, text: `${ballotFigures(r)}${thresholdText(r)}` },
          { kind: 'signatures', roles: COUNTING_STAFF },
          issuer(r),
        ],
      },
    ],
  };
}

/** Why the 当选公告 is not printed, or printed for some offices only; empty when it is complete. */
export function announcementWithheld(r: CountResult): { offices: string[]; reason: string } | undefined {
  if (!r.validity.valid || !r.provisional) return undefined;
  const final = finalOffices(r);
  const offices = r.election.offices.map((o) => o.name).filter((o) => !final.includes(o));
  if (offices.length === 0) return undefined;
  const stake = r.margin?.atStake ?? [];
  const cascade = offices.filter((o) => !stake.includes(o));
  const also = cascade.length > 0 ? `，${joinNames(cascade)}的结果随之待定（上一职务的当选变动会影响下一职务）` : '';
  return {
    offices,
    reason: `尚有 ${r.margin?.pending ?? r.ballots.disputed} 张疑难选票待认定，可能改变${joinNames(stake)}的当选结果${also}`,
  };
}

/** 当选公告 (文书范例15): the elected of the offices whose result is final, in 姓氏笔画 order with their votes. */
export function announcementSheet(r: CountResult): Sheet | undefined {
  const final = finalOffices(r);
  const lines = final.map((o) => ({ o, seats: electedIn(r, o) })).filter((x) => x.seats.length > 0);
  if (lines.length === 0) return undefined;
  const p = electionParts(r.election);
  const offices = r.election.offices.map((o) => o.name);
  const who = offices.length > 1 ? '成员' : (offices[0] ?? '成员');
  const notes: Block[] = [];
  const withheld = announcementWithheld(r);
  if (withheld)
    notes.push({
      kind: 'para',
      indent: true,
      text: `本公告仅公布${joinNames(final)}的当选结果；${withheld.reason}，须待选举领导小组认定后另行公告。`,
    });
  for (const x of r.revote.filter((v) => final.includes(v.office)))
    notes.push({ kind: 'para', indent: true, text: `${x.office}尚有 ${x.seats} 名因得票相等须再次投票，另行公告。` });
  for (const x of r.runoff.filter((v) => final.includes(v.office)))
    notes.push({ kind: 'para', indent: true, text: `${x.office}尚有 ${x.seats} 名须另行选举，另行公告。` });
  for (const x of r.vacant)
    notes.push({ kind: 'para', indent: true, text: `${x.office} ${x.seats} 名经另行选举仍未选出，职位空缺（第四十一条）。` });
  if (r.presiding) notes.push({ kind: 'para', indent: true, text: sentence(formal(presidingText(r.presiding))) });
  return {
    id: '当选公告',
    style: 'board',
    roomy: true,
    blocks: [
      header(r, '当选公告'),
      {
        kind: 'para',
        indent: true,
        text: `根据${LAW}和${GUIDELINE}，${held(r)}${ballotFigures(r)}经选举领导小组确认，选举有效。下列人员当选为${p.body}${who}（同一职务以姓氏笔画为序）：`,
      },
      ...lines.map((x) => ({ kind: 'para', strong: true, indent: true, text: `${x.o}：${namesWithVotes(x.seats)}` }) as const),
      { kind: 'keep', blocks: [...notes, { kind: 'para', indent: true, text: '特此公告。' }, issuer(r)] },
    ],
  };
}

/** 选举无效公告: the reasons in words with their articles, and that the election must be held again. */
export function invalidNotice(r: CountResult): Sheet | undefined {
  if (r.validity.valid) return undefined;
  const failed = r.validity.checks.filter((c) => !c.passed);
  const reasons = failed.map((c) => `${VALIDITY_LABEL[c.code]}：${formal(c.text)}，依照${VALIDITY_ARTICLE[c.code]}，选举无效`);
  const remedies = [...new Set(r.validity.failed.map((c) => VALIDITY_REMEDY[c]))];
  return {
    id: '选举无效公告',
    style: 'board',
    roomy: true,
    blocks: [
      header(r, '选举无效公告'),
      { kind: 'para', indent: true, text: `${held(r)}${ballotFigures(r)}` },
      { kind: 'para', indent: true, text: `经选举领导小组核查，本次选举无效，无人当选。原因：${reasons.join('；')}。` },
      {
        kind: 'keep',
        blocks: [
          {
            kind: 'para',
            indent: true,
            text: `依照规程第五十二条“选举无效的，应组织重新选举”，选举领导小组应当${remedies.join('；')}，重新选举的时间、地点另行公告，并将本次选举情况报街道办事处（乡镇人民政府）备案。`,
          },
          { kind: 'para', indent: true, text: '特此公告。' },
          issuer(r),
        ],
      },
    ],
  };
}
