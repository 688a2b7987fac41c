/**
 * The one place where an input error's facts become Chinese (issue 18: errors as data). The core returns
 * codes with typed fields (src/core/errors.ts); every place that shows an `InputError` — the terminal line
 * (cli/errors.ts formatError), live pages, snapshots — calls `errorMessage`. An adapter that wrote its own
 * line (a `ProseError`) keeps it. A new code with facts does not compile until it has an entry here.
 */
import { describeUnclear, shown } from '../core/describe.js';
import type { ErrorOf, FactCode, FactError, InputError, RuledClass } from '../core/errors.js';

type Messages = { readonly [C in FactCode]: (e: ErrorOf<C>) => string };

const CLASS_WORD: Readonly<Record<RuledClass, string>> = { valid: '有效', partial: '部分有效', invalid: '无效' };
const TOTAL_ROW = '这一行全是数字, 看起来是合计行而不是一张选票; 请删除合计行';
const quoted = (names: readonly string[]): string => names.map((m) => `「${m}」`).join('');

const BALLOT_HEADER: Pick<
  Messages,
  | 'BALLOT_EMPTY_HEADER'
  | 'BALLOT_DUPLICATE_COLUMN'
  | 'BALLOT_UNKNOWN_OFFICE'
  | 'BALLOT_UNKNOWN_COLUMN'
  | 'BALLOT_UNKNOWN_CANDIDATE'
  | 'BALLOT_NO_TICKET_COLUMN'
  | 'BALLOT_MIXED_LAYOUT'
  | 'BALLOT_NO_OFFICE_COLUMNS'
  | 'BALLOT_OTHER_ELECTION'
  | 'BALLOT_MISSING_CANDIDATE'
> = {
  BALLOT_EMPTY_HEADER: (e) =>
    e.content === undefined ? `第 ${e.index} 列的列名为空` : `第 ${e.index} 列的列名为空, 但这一行在该列有内容「${e.content}」`,
  BALLOT_DUPLICATE_COLUMN: (e) => `列名「${e.header}」重复 (第 ${e.first} 列和第 ${e.second} 列)`,
  BALLOT_UNKNOWN_OFFICE: (e) => `列「${e.header}」中的职务「${e.office}」不在 election.json 的职务中 (${e.offices.join('、')})`,
  BALLOT_UNKNOWN_COLUMN: (e) =>
    e.why === 'shape'
      ? `无法识别的列「${e.header}」; 应为 票号、票箱、状态、备注、<职务>:<姓名>、<职务>:另选<n>[:符号] 或职务名`
      : e.why === 'name'
        ? `无法识别的列「${e.header}」`
        : `列「${e.header}」没有对应的另选姓名列`,
  BALLOT_UNKNOWN_CANDIDATE: (e) => `列「${e.header}」中的「${e.name}」不是${e.office}的正式候选人`,
  BALLOT_NO_TICKET_COLUMN: () => '缺少「票号」列 (每张选票必须有票号)',
  BALLOT_MIXED_LAYOUT: () => '表头同时含有「职务:姓名」列和职务名列; 一个文件只能用一种格式',
  BALLOT_NO_OFFICE_COLUMNS: () => '表头没有任何职务或候选人列',
  BALLOT_OTHER_ELECTION: (e) => `选票文件的候选人列与 election.json「${e.title}」的候选人完全不符, 可能是另一次选举的选票`,
  BALLOT_MISSING_CANDIDATE: (e) => `缺少候选人列「${e.office}:${e.candidate}」`,
};

const BALLOT_ROWS: Pick<
  Messages,
  | 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
  | 'BALLOT_REPEATED_HEADER'
  | 'BALLOT_TOTAL_ROW'
  | 'BALLOT_EMPTY_TICKET'
  | 'BALLOT_TICKET_CONTROL'
  | 'BALLOT_BAD_STATUS'
  | 'BALLOT_DUPLICATE_TICKET'
  | 'BALLOT_EMPTY_FILE'
  | 'ERRORS_OMITTED'
> = {
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: (e) => `这一行有 ${e.fields} 个字段, 表头有 ${e.expected} 个`,
  BALLOT_REPEATED_HEADER: () => '这一行重复了表头 (可能是两个票箱的表格粘贴在一起); 请删除这一行',
  BALLOT_TOTAL_ROW: (e) => (e.numbers ? TOTAL_ROW : '这一行是合计行而不是一张选票; 请删除合计行'),
  BALLOT_EMPTY_TICKET: () => '票号为空',
  BALLOT_TICKET_CONTROL: (e) => `票号「${shown(e.ticket)}」含有控制字符; 请检查这一行`,
  BALLOT_BAD_STATUS: (e) => `「状态」只能为空、「无法辨认」或「疑难」, 这里是「${e.value}」`,
  BALLOT_DUPLICATE_TICKET: (e) => {
    const first = e.firstSeen === undefined ? '' : ` (第一次出现在 ${e.firstSeen.file} 第 ${e.firstSeen.line} 行)`;
    return `票号「${e.ticket}」重复${first}; 每张选票的票号必须唯一`;
  },
  BALLOT_EMPTY_FILE: () => '选票文件是空的 (连表头都没有)',
  ERRORS_OMITTED: (e) => `还有 ${e.omitted} 个错误未列出 (请先改正以上错误, 再重新检查)`,
};

const RULINGS: Pick<
  Messages,
  'RULING_NOT_DISPUTED' | 'RULING_UNKNOWN_COLUMN' | 'RULING_STILL_UNCLEAR' | 'RULING_CONTRADICTS' | 'RULING_UNKNOWN_TICKET'
> = {
  RULING_NOT_DISPUTED: (e) => `认定的票号「${e.ticket}」不是疑难选票 (原读为${CLASS_WORD[e.read]})`,
  RULING_UNKNOWN_COLUMN: (e) => `更正中的列「${e.header}」不在选票文件 ${e.ballots} 的表头中`,
  RULING_STILL_UNCLEAR: (e) => `票号「${e.ticket}」按更正读取后仍有无法确定之处, 请在「更正」中写明`,
  RULING_CONTRADICTS: (e) => `票号「${e.ticket}」认定为「${CLASS_WORD[e.verdict]}」, 但按更正后的标记应为「${CLASS_WORD[e.reread]}」`,
  RULING_UNKNOWN_TICKET: (e) => {
    const hint = e.padded === undefined ? '' : `; 选票中有票号「${e.padded}」, 可能是表格软件去掉了前导零 (请把票号列设为文本)`;
    return `认定中的票号「${e.ticket}」不在任何选票文件中${hint}`;
  },
};

/** `票箱「1」主任「张三」` or, for a 选票 row, `票箱「1」的「有效」`. */
const boxRow = (e: { box: string; name: string; office?: string | undefined }): string =>
  e.office === undefined ? `票箱「${e.box}」的「${e.name}」` : `票箱「${e.box}」${e.office}「${e.name}」`;

const TALLY_ROWS: Pick<
  Messages,
  | 'TALLY_UNKNOWN_ITEM'
  | 'TALLY_MARKS_NOT_PRINTED'
  | 'TALLY_DUPLICATE_ROW'
  | 'TALLY_EMPTY_NUMBER'
  | 'TALLY_UNKNOWN_OFFICE'
  | 'TALLY_EMPTY_NAME'
  | 'TALLY_UNCLEAR_NAME'
  | 'TALLY_MARKS_INCOMPLETE'
  | 'TALLY_HOMONYM'
  | 'TALLY_EMPTY'
> = {
  TALLY_UNKNOWN_ITEM: (e) => `「选票」行的姓名栏应为 ${e.items.join('、')} 之一, 这里是「${e.name}」`,
  TALLY_MARKS_NOT_PRINTED: (e) =>
    e.name === undefined ? '「选票」行不填反对、弃权' : `「${e.name}」不是${e.office ?? ''}的正式候选人, 不填反对、弃权`,
  TALLY_DUPLICATE_ROW: (e) => `${boxRow(e)}重复 (第一次在第 ${e.firstLine} 行)`,
  TALLY_EMPTY_NUMBER: (e) => `${boxRow(e)}没有填票数 (没有请填 0)`,
  TALLY_UNKNOWN_OFFICE: (e) => `职务「${e.office}」不在 election.json 的职务中 (${e.offices.join('、')}), 也不是「选票」`,
  TALLY_EMPTY_NAME: () => '姓名为空',
  TALLY_UNCLEAR_NAME: (e) => {
    if (e.why === 'described') return `${describeUnclear(e.issue)}; 计票统计表只能写确定的姓名`;
    if (e.why === 'unclear') return `姓名「${e.name}」无法确定; 计票统计表只能写确定的姓名 (疑难选票计入「疑难」)`;
    return e.why === 'not-a-name' ? `「${e.name}」不像是姓名; 请检查是否抄错了列` : `「${e.name}」是几个人的姓名; 每行只写一人`;
  },
  TALLY_MARKS_INCOMPLETE: (e) => `「${e.name}」的反对和弃权须同时填写或同时不填`,
  TALLY_HOMONYM: (e) => `「${e.name}」在选民名单中不止一人 (${e.matches.join('、')}); 请写作「姓名(居民小组)」`,
  TALLY_EMPTY: (e) => (e.noHeader ? '计票统计表是空的 (连表头都没有)' : '计票统计表没有任何数据行'),
};

const TALLY_BOXES: Pick<
  Messages,
  | 'TALLY_MISSING_CLASS'
  | 'TALLY_MISSING_CANDIDATE'
  | 'TALLY_CLASSES_SUM'
  | 'TALLY_BLANK_OVER_VALID'
  | 'TALLY_MARKS_SUM'
  | 'TALLY_MARKS_UNEQUAL'
  | 'TALLY_OFFICE_OVER'
  | 'TALLY_PERSON_OVER'
  | 'TALLY_BOX_ALSO_BALLOTS'
  | 'TALLY_BOX_TWICE'
> = {
  TALLY_MISSING_CLASS: (e) => `票箱「${e.box}」缺少「选票,${e.item}」一行`,
  TALLY_MISSING_CANDIDATE: (e) => `票箱「${e.box}」缺少候选人「${e.office},${e.candidate}」一行 (没有得票请填 0)`,
  TALLY_CLASSES_SUM: (e) =>
    `票箱「${e.box}」有效 ${e.valid} + 部分有效 ${e.partial} + 无效 ${e.invalid} + 疑难 ${e.disputed} = ${e.valid + e.partial + e.invalid + e.disputed}, 不等于收回 ${e.returned}`,
  TALLY_BLANK_OVER_VALID: (e) => `票箱「${e.box}」弃权票 ${e.blank} 张多于有效票 ${e.valid} 张 (弃权票是有效票的一部分)`,
  TALLY_MARKS_SUM: (e) => `${boxRow(e)}赞成 + 反对 + 弃权 = ${e.marks}, 应在有效票 ${e.valid} 与有效 + 部分有效 ${e.counted} 之间`,
  TALLY_MARKS_UNEQUAL: (e) =>
    `${boxRow(e)}赞成 + 反对 + 弃权 = ${e.marks}, 与同一职务其他候选人的 ${e.others} 不同 (每张计入的选票对每位候选人都有一个标记)`,
  TALLY_OFFICE_OVER: (e) =>
    `票箱「${e.box}」${e.office}的票数合计 ${e.total} 超过计入选票 ${e.ballots} × 应选 ${e.seats} = ${e.ballots * e.seats}`,
  TALLY_PERSON_OVER: (e) =>
    e.office === undefined
      ? `票箱「${e.box}」「${e.name}」各职务得票合计 ${e.votes} 多于有效 + 部分有效 ${e.ballots} 张 (一张选票只计一人一个职务)`
      : `${boxRow({ box: e.box, name: e.name, office: e.office })}得票 ${e.votes} 多于计入选票 ${e.ballots} 张`,
  TALLY_BOX_ALSO_BALLOTS: (e) => `票箱「${e.box}」既在选票文件中又在计票统计表中; 一个票箱只能计一次`,
  TALLY_BOX_TWICE: (e) => `票箱「${e.box}」在计票统计表 ${e.firstSheet} 中已有; 一个票箱只能计一次`,
};

const FILES: Pick<
  Messages,
  | 'RULINGS_EMPTY'
  | 'RULINGS_MISSING_COLUMN'
  | 'RULINGS_EMPTY_TICKET'
  | 'RULINGS_DUPLICATE_TICKET'
  | 'RULINGS_BAD_VERDICT'
  | 'RULINGS_BAD_CORRECTION'
  | 'RULINGS_BAD_VOTE'
  | 'ROLL_EMPTY'
  | 'ROLL_MISSING_COLUMN'
  | 'ROLL_DUPLICATE_VOTER'
  | 'REGISTERED_MISMATCH'
  | 'REGISTERED_MISSING'
> = {
  RULINGS_EMPTY: () => '认定文件是空的 (没有表头)',
  RULINGS_MISSING_COLUMN: (e) => `认定文件缺少列: ${e.missing.join('、')} (应有 票号,认定,更正,表决,理由)`,
  RULINGS_EMPTY_TICKET: (e) => (e.control ? '票号含有控制字符' : '票号为空'),
  RULINGS_DUPLICATE_TICKET: (e) => `票号「${e.ticket}」已在第 ${e.firstLine} 行认定过; 每张选票只能有一个认定`,
  RULINGS_BAD_VERDICT: (e) => `「认定」应为 有效、部分有效 或 无效, 这里是「${e.value}」`,
  RULINGS_BAD_CORRECTION: (e) => `「更正」中的「${e.value}」应写成 列名=内容, 如 委员:周强=○`,
  RULINGS_BAD_VOTE: (e) => `「表决」应写成 赞成:反对, 如 7:0, 这里是「${e.value}」`,
  ROLL_EMPTY: () => '选民名单是空的 (没有表头)',
  REGISTERED_MISMATCH: (e) => `election.json 的 registered 为 ${e.registered}, 但选民名单 ${e.rollFile} 有 ${e.rollSize} 人; 两者必须一致`,
  REGISTERED_MISSING: () => '未给出登记选民数: 请在 election.json 中写 registered, 或提供选民名单 voters.csv',
  ROLL_MISSING_COLUMN: () => '选民名单缺少「姓名」列',
  ROLL_DUPLICATE_VOTER: (e) =>
    `${e.idColumn}「${e.value}」在第 ${e.firstLine} 行和第 ${e.againLine} 行重复 (同一选民登记了两次?); 请用 jipiao roll check 检查选民名单`,
};

const SETUP: Pick<
  Messages,
  | 'CANDIDATES_EMPTY'
  | 'CANDIDATES_MISSING_COLUMN'
  | 'CANDIDATES_NO_OFFICE'
  | 'CANDIDATES_BAD_SEATS'
  | 'CANDIDATES_SEATS_DIFFER'
  | 'CANDIDATES_NO_SEATS'
  | 'CANDIDATES_NONE'
  | 'SETUP_NOT_COMPETITIVE'
> = {
  CANDIDATES_EMPTY: (e) => (e.noHeader ? '候选人表是空的 (没有表头)' : '候选人表中没有候选人'),
  CANDIDATES_MISSING_COLUMN: (e) => `候选人表缺少列: ${quoted(e.missing)} (表头应为 职务,应选人数,候选人)`,
  CANDIDATES_NO_OFFICE: () => '第一行候选人没有写职务',
  CANDIDATES_BAD_SEATS: (e) => `应选人数「${e.text}」不是正整数`,
  CANDIDATES_SEATS_DIFFER: (e) => `${e.office}的应选人数前面写的是 ${e.before}, 这里是 ${e.now}`,
  CANDIDATES_NO_SEATS: (e) => `${e.office}没有写应选人数`,
  CANDIDATES_NONE: (e) => `${e.office}没有候选人`,
  SETUP_NOT_COMPETITIVE: (e) => {
    const want = e.min === e.max ? `${e.min} 人` : `${e.min} 至 ${e.max} 人`;
    return `${e.office}应选 ${e.seats} 人, 候选人 ${e.candidates} 人; 差额选举要求候选人为 ${want} (规程 第二十二条)`;
  },
};

function wrongSum(e: ErrorOf<'COMPARE_SUMS_WRONG'>): string {
  const w = e.wrong;
  const what =
    w.sum === 'classes'
      ? `有效 ${w.valid} + 部分有效 ${w.partial} + 无效 ${w.invalid} + 疑难 ${w.disputed} = ${w.valid + w.partial + w.invalid + w.disputed}, 不等于收回 ${w.returned}`
      : w.sum === 'blank'
        ? `弃权 ${w.blank} 多于有效 ${w.valid} (弃权票计入有效票)`
        : w.sum === 'person'
          ? `${w.name} 各职务得票之和 ${w.total} 不等于总得票 ${w.stated}`
          : w.sum === 'box'
            ? `票箱「${w.box}」各类选票之和 ${w.total} 不等于收回 ${w.returned}`
            : `各票箱${w.label}之和 ${w.total} 不等于总数 ${w.stated}`;
  return `计票结果的数字对不上, 文件可能已被改动: ${what}`;
}

function differentElection(e: ErrorOf<'COMPARE_DIFFERENT_ELECTION'>): string {
  const d = e.difference;
  switch (d.differs) {
    case 'title':
      return `两份结果不是同一次选举: 「${d.first}」与「${d.second}」`;
    case 'candidates': {
      const only = [...d.onlyFirst.map((x) => `原结果 ${x}`), ...d.onlySecond.map((x) => `复核 ${x}`)];
      return `两份结果的职务或候选人不同, 不是同一次选举 (${only.join('; ')})`;
    }
    case 'seats':
      return `两份结果的应选名额不同 (${d.first} / ${d.second}), 不是同一次选举`;
    default:
      return `两份结果的${d.differs === 'round' ? '轮次' : '投票方式'}不同 (${d.first} / ${d.second}), 不是同一次选举`;
  }
}

const MESSAGES: Messages = {
  ...BALLOT_HEADER,
  ...BALLOT_ROWS,
  ...RULINGS,
  ...TALLY_ROWS,
  ...TALLY_BOXES,
  ...FILES,
  ...SETUP,
  COMPARE_SUMS_WRONG: wrongSum,
  COMPARE_DIFFERENT_ELECTION: differentElection,
};

/** The one line of Simplified Chinese for an error (without its place; formatError adds that). */
export function errorMessage(e: InputError): string {
  if ('message' in e) return e.message;
  return (MESSAGES[e.code] as (x: FactError) => string)(e);
}
