/**
 * Who signs, named as the guideline names them: 规程 第二条(七) "监票工作由总监票一人、监票工作人员二人负责";
 * 规程 9.(15) 公开唱票、计票 and 9.7 选举工作人员 (总监票员、唱票员、计票员、监票员); the 选举领导小组 of
 * 7 to 11 members (第十条) rules the disputed ballots (10. 疑难选票认定, 文书范例14); the sheets carry the
 * seal of the 选举领导小组 (第四十三条: 选举结果经选举领导小组确认).
 */
import type { CountResult } from '../../core/index.js';
import type { ElectionParts } from './wording.js';

/** 总监票人 1, 监票人 2 (第二条(七)), 计票人 2, 唱票人 1. */
export const COUNTING_STAFF: readonly string[] = ['总监票人', '监票人', '监票人', '计票人', '计票人', '唱票人'];
export const LEADER = '选举领导小组组长';

export function seal(p: ElectionParts): string {
  return `${p.leadGroup}（盖章）`;
}

/**
 * Members of the 选举领导小组 who sign the 疑难选票认定表: as many as voted on a ruling (赞成 + 反对 of the
 * largest 表决), at least 7 (第十条: 7 至 11 人), the 组长 first.
 */
export function leadGroupRoles(r: CountResult): string[] {
  let voters = 7;
  for (const d of r.disputes) {
    const m = /^\s*(\d+)\s*[:：]\s*(\d+)\s*$/u.exec(d.ruling?.vote ?? '');
    if (m) voters = Math.max(voters, Number(m[1]) + Number(m[2]));
  }
  voters = Math.min(voters, 11);
  return ['组长', '副组长', ...Array.from({ length: voters - 2 }, () => '成员')];
}
