/**
 * One vocabulary: every code the core returns → the Chinese words a person reads. The terminal, the JSON
 * `labels`, the CSV files and the printed sheets all take their words from here, so no renderer can print a
 * raw code (`LOW_TURNOUT`). The label tables of the core's own types stay beside those types (they are the
 * types' exhaustive records) and are re-exported here; renderers import from this module only.
 */
import {
  CLASS_LABEL,
  MARK_LABEL,
  METHOD_LABEL,
  MODE_LABEL,
  REASON_LABEL,
  ROLL_CHECK_LABEL,
  ROUND_LABEL,
  VERDICT_LABEL,
  type Presiding,
  type TallyGapCode,
  type ValidityCode,
} from '../core/index.js';

export { CLASS_LABEL, MARK_LABEL, METHOD_LABEL, MODE_LABEL, REASON_LABEL, ROLL_CHECK_LABEL, ROUND_LABEL, VERDICT_LABEL };

/** Why an election is invalid, in words (规程 11.选举有效性确认). */
export const VALIDITY_LABEL: Readonly<Record<ValidityCode, string>> = {
  MORE_RETURNED_THAN_ISSUED: '收回选票多于发出选票',
  LOW_TURNOUT: '参加投票人数不足',
  NOT_COMPETITIVE: '违反差额选举原则',
};

/** The guideline's article behind each validity check (cited on the invalid-election notice). */
export const VALIDITY_ARTICLE: Readonly<Record<ValidityCode, string>> = {
  MORE_RETURNED_THAN_ISSUED: '规程第三十七条、11.选举有效性确认（5）',
  LOW_TURNOUT: '规程第三十八条、11.选举有效性确认（3）',
  NOT_COMPETITIVE: '规程第二条（四）、第二十二条、11.选举有效性确认（4）',
};

/** What the 选举领导小组 must do after an election found invalid for this reason (规程 第五十二条: 应组织重新选举). */
export const VALIDITY_REMEDY: Readonly<Record<ValidityCode, string>> = {
  MORE_RETURNED_THAN_ISSUED: '查明收回选票多于发出选票的原因，重新组织投票选举',
  LOW_TURNOUT: '广泛动员登记选民参加投票，重新组织投票选举',
  NOT_COMPETITIVE: '依照差额选举原则重新确定正式候选人（第二十二条）后，重新组织投票选举',
};

/** What a hand-count sheet (计票统计表, `--tallies`) cannot give, in words (terminal, JSON, CSV and the sheets). */
export const TALLY_GAP_LABEL: Readonly<Record<TallyGapCode, string>> = {
  BALLOT_LOG: '逐票记录 (--ballot-log 只含选票文件中的选票)',
  DISPUTED_LIST: '疑难选票清单 (票号和疑难情形; 只计张数, 认定后请改填计票统计表)',
  REASONS: '无效、部分有效选票的原因统计',
  OFFICE_DETAIL: '只计高职务去掉的票数 (唱票统计中不含这些票箱)',
  BLANK: '弃权票张数 (未填, 按 0 计)',
  MARKS: '反对、弃权 (未填; 唱票统计中不含这些票箱的反对、弃权和超额作废张数)',
};

const TABLES: readonly Readonly<Record<string, string>>[] = [REASON_LABEL, VALIDITY_LABEL, ROLL_CHECK_LABEL];

/**
 * The label of any reason, validity or roll-check code. An unknown code is a bug in the program (a code was
 * added without its words), so this throws rather than let the code reach a page.
 */
export function codeLabel(code: string): string {
  for (const t of TABLES) {
    const label = t[code];
    if (label !== undefined) return label;
  }
  throw new Error(`no Chinese label for code ${JSON.stringify(code)} (add it to src/adapters/vocabulary.ts)`);
}

/** 第四十一条: who presides, in the sentence the JSON `presiding`, the terminal and the sheets show. */
export function presidingText(p: Presiding): string {
  switch (p.code) {
    case 'DEPUTY':
      return `主任未选出, 由副主任${p.names.join('、')}主持工作 (第四十一条)`;
    case 'NONE_ELECTED':
      return '主任、副主任、委员均未选出, 由选举领导小组报街道办事处研究 (第四十一条未作规定)';
    case 'MEMBERS_TIED':
      return `主任、副主任都未选出, 当选委员${p.names.join('、')}得票相同且最高, 主持工作人选需选举领导小组确定 (第四十一条)`;
    case 'TOP_MEMBER':
      return `主任、副主任都未选出, 由当选委员中得票最高的${p.name}主持工作 (第四十一条)`;
  }
}
