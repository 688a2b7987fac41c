/** What is unclear on a disputed ballot, in words for the 选举领导小组 (规程 10 疑难选票认定). */
import type { Unclear } from './ballot.js';

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
      return `「${u.column}」一栏的「${u.value}」不是${u.column.split(':')[0] ?? ''}的正式候选人, 不能投反对票`;
    case 'group':
      return `「${u.column}」一栏写的「${u.value}」与选民名单不符 (可能是: ${u.matches.join('、')})`;
  }
}

export function describeIssues(issues: readonly Unclear[]): string {
  return issues.length === 0 ? '疑难' : issues.map(describeUnclear).join('; ');
}
