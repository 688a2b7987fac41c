/** What is unclear on a disputed ballot, in words for the 选举领导小组 (规程 10 疑难选票认定). */
import type { Unclear } from './ballot.js';
import type { Classified } from './classify.js';
import { must } from './must.js';

/** Control characters of user text shown as `\u0000` (never written raw to a terminal or a sheet). */
export function shown(s: string): string {
  return s.replace(/[\u0000-\u001F\u007F-\u009F]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const NAME_PROBLEM: Readonly<Record<Extract<Unclear, { kind: 'badName' }>['problem'], string>> = {
  mark: '是符号, 不是姓名 (姓名栏只填姓名)',
  number: '是数字, 不是姓名',
  markAttached: '姓名带有符号或批注, 不能确定是否赞成',
  separator: '不是姓名 (多个姓名请用「、」分隔)',
  control: '含有控制字符, 不是姓名',
  notName: '不是姓名 (姓名应为汉字, 少数民族姓名用「·」连接)',
  group: '括号中的内容不是选民名单中的居民小组, 不能确定是谁',
  groupNoRoll: '带有括号, 但没有选民名单可核对居民小组, 不能确定是谁',
  spaces: '中有空格, 不能确定是几个人',
};

/** `张建囯` one character off `张建国`, or `吳敏` the traditional form of `吴敏`. */
function nearText(u: Extract<Unclear, { kind: 'near' }>): string {
  return u.why === 'oneChar' ? `与候选人「${u.candidate}」只差一个字` : `是候选人「${u.candidate}」的繁体写法`;
}

export function describeUnclear(u: Unclear): string {
  switch (u.kind) {
    case 'flag':
      return '计票人员标为「疑难」';
    case 'mark':
      return `「${u.column}」一栏的符号「${u.value}」无法确定`;
    case 'name':
      return `「${u.column}」一栏写的姓名「${u.value}」无法辨认`;
    case 'homonym':
      return `「${u.column}」一栏写的「${u.value}」在选民名单中有同名: ${u.matches.join('、')}`;
    case 'conflict':
      return `「${u.column}」一栏的「${u.value}」同时被列为赞成和反对`;
    case 'opposeNotPrinted':
      return `「${u.column}」一栏的「${u.value}」不是${must(u.column.split(':')[0], 'the office of a column')}的正式候选人, 不能投反对票`;
    case 'group':
      return `「${u.column}」一栏写的「${u.value}」与选民名单不符 (可能是: ${u.matches.join('、')})`;
    case 'badName':
      return `「${u.column}」栏「${shown(u.value)}」${NAME_PROBLEM[u.problem]}`;
    case 'near':
      return `「${u.column}」栏「${u.value}」${nearText(u)}`;
  }
}

export function describeIssues(issues: readonly Unclear[]): string {
  return issues.length === 0 ? '疑难' : issues.map(describeUnclear).join('; ');
}

/** `「委员」栏「陈晓冬」不在选民名单中` for each write-in voided by the roll (规程 第三十四条: 另选须为登记选民). */
function notVoterText(c: Classified, offices: readonly { readonly name: string }[]): string[] {
  if (c.class !== 'valid' && c.class !== 'partial') return [];
  const out: string[] = [];
  c.sections.forEach((s, oi) => {
    for (const n of s.notVoterNames)
      out.push(`「${must(offices[oi], 'an office of the election').name}」栏「${shown(n)}」不在选民名单中, 这一票不计`);
  });
  return out;
}

/**
 * What the ballot log says beyond the reason codes (issue 12): for a disputed ballot, each unclear cell,
 * its text and why; for a counted ballot, each write-in voided because the roll does not have the person.
 * Empty for every other ballot, so the log of a clean election has only codes.
 */
export function ballotDetail(c: Classified, offices: readonly { readonly name: string }[]): string {
  if (c.class === 'disputed') return describeIssues(c.issues);
  return notVoterText(c, offices).join('; ');
}
