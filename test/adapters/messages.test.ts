/**
 * Errors as data (issue 18): every code with facts has a Chinese message made from them at the edge
 * (src/adapters/messages.ts), and a code not declared in src/core/errors.ts does not compile.
 */
import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/adapters/messages.js';
import {
  type ErrorFacts,
  FACT_CODES,
  type FactCode,
  INPUT_ERROR_CODES,
  PROSE_CODES,
  factError,
  inputError,
  isInputErrorCode,
} from '../../src/core/index.js';

/** Sample facts for every code (every variant): the type makes the table complete. */
const SAMPLES: { readonly [C in FactCode]: readonly ErrorFacts[C][] } = {
  BALLOT_EMPTY_HEADER: [{ index: 3 }, { index: 3, content: '○' }],
  BALLOT_DUPLICATE_COLUMN: [{ header: '委员:张三', first: 2, second: 5 }],
  BALLOT_UNKNOWN_OFFICE: [{ header: '秘书:另选1', office: '秘书', offices: ['主任', '委员'] }],
  BALLOT_UNKNOWN_COLUMN: [
    { header: '编号', why: 'shape' },
    { header: '编号', why: 'name' },
    { header: '委员:另选1:○', why: 'mark' },
  ],
  BALLOT_UNKNOWN_CANDIDATE: [{ header: '委员:孙八', name: '孙八', office: '委员' }],
  BALLOT_NO_TICKET_COLUMN: [{}],
  BALLOT_MIXED_LAYOUT: [{}],
  BALLOT_NO_OFFICE_COLUMNS: [{}],
  BALLOT_OTHER_ELECTION: [{ title: '测试社区居民委员会选举' }],
  BALLOT_MISSING_CANDIDATE: [{ office: '委员', candidate: '钱七' }],
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: [{ fields: 4, expected: 7 }],
  BALLOT_REPEATED_HEADER: [{}],
  BALLOT_TOTAL_ROW: [{ numbers: true }, { numbers: false }],
  BALLOT_EMPTY_TICKET: [{}],
  BALLOT_TICKET_CONTROL: [{ ticket: '1\u0007' }],
  BALLOT_BAD_STATUS: [{ value: '作废' }],
  BALLOT_DUPLICATE_TICKET: [{ ticket: '1' }, { ticket: '1', firstSeen: { file: '票箱一.csv', line: 2 } }],
  BALLOT_EMPTY_FILE: [{}],
  RULING_NOT_DISPUTED: [
    { ticket: '7', read: 'valid' },
    { ticket: '7', read: 'partial' },
    { ticket: '7', read: 'invalid' },
  ],
  RULING_UNKNOWN_COLUMN: [{ header: '委员:某某', ballots: '票箱一.csv' }],
  RULING_STILL_UNCLEAR: [{ ticket: '7' }],
  RULING_CONTRADICTS: [{ ticket: '7', verdict: 'valid', reread: 'invalid' }],
  RULING_UNKNOWN_TICKET: [{ ticket: '13' }, { ticket: '13', padded: '000013' }],
  ERRORS_OMITTED: [{ omitted: 12 }],
  TALLY_UNKNOWN_ITEM: [{ name: '作废', items: ['收回', '有效'] }],
  TALLY_MARKS_NOT_PRINTED: [{}, { name: '路人', office: '委员' }],
  TALLY_DUPLICATE_ROW: [
    { box: '一组', name: '有效', firstLine: 3 },
    { box: '一组', name: '张三', office: '委员', firstLine: 3 },
  ],
  TALLY_EMPTY_NUMBER: [
    { box: '一组', name: '有效' },
    { box: '一组', name: '张三', office: '委员' },
  ],
  TALLY_UNKNOWN_OFFICE: [{ office: '秘书', offices: ['主任', '委员'] }],
  TALLY_EMPTY_NAME: [{}],
  TALLY_UNCLEAR_NAME: [
    { why: 'unclear', name: '张?' },
    { why: 'not-a-name', name: '12' },
    { why: 'several', name: '张三、李四' },
    { why: 'described', issue: { kind: 'flag', column: '状态', value: '疑难' } },
  ],
  TALLY_MARKS_INCOMPLETE: [{ name: '张三' }],
  TALLY_HOMONYM: [{ name: '王芳', matches: ['王芳(一组)', '王芳(二组)'] }],
  TALLY_MISSING_CLASS: [{ box: '一组', item: '收回' }],
  TALLY_MISSING_CANDIDATE: [{ box: '一组', office: '委员', candidate: '张三' }],
  TALLY_CLASSES_SUM: [{ box: '一组', valid: 8, partial: 1, invalid: 1, disputed: 0, returned: 11 }],
  TALLY_BLANK_OVER_VALID: [{ box: '一组', blank: 9, valid: 8 }],
  TALLY_MARKS_SUM: [{ box: '一组', office: '委员', name: '张三', marks: 12, valid: 8, counted: 9 }],
  TALLY_MARKS_UNEQUAL: [{ box: '一组', office: '委员', name: '张三', marks: 8, others: 9 }],
  TALLY_OFFICE_OVER: [{ box: '一组', office: '委员', total: 19, ballots: 9, seats: 2 }],
  TALLY_PERSON_OVER: [
    { box: '一组', name: '张三', office: '委员', votes: 10, ballots: 9 },
    { box: '一组', name: '张三', votes: 10, ballots: 9 },
  ],
  TALLY_EMPTY: [{ noHeader: true }, { noHeader: false }],
  TALLY_BOX_ALSO_BALLOTS: [{ box: '一组' }],
  TALLY_BOX_TWICE: [{ box: '一组', firstSheet: '统计表一.csv' }],
  RULINGS_EMPTY: [{}],
  REGISTERED_MISMATCH: [{ registered: 1200, rollSize: 1187, rollFile: 'voters.csv' }],
  REGISTERED_MISSING: [{}],
  RULINGS_MISSING_COLUMN: [{ missing: ['认定', '更正'] }],
  RULINGS_EMPTY_TICKET: [{ control: false }, { control: true }],
  RULINGS_DUPLICATE_TICKET: [{ ticket: '7', firstLine: 2 }],
  RULINGS_BAD_VERDICT: [{ value: '作废' }],
  RULINGS_BAD_CORRECTION: [{ value: '周强' }],
  RULINGS_BAD_VOTE: [{ value: '七比零' }],
  ROLL_EMPTY: [{}],
  ROLL_MISSING_COLUMN: [{}],
  ROLL_DUPLICATE_VOTER: [{ idColumn: '身份证号', value: '110101199001011234', firstLine: 2, againLine: 4 }],
  CANDIDATES_EMPTY: [{ noHeader: true }, { noHeader: false }],
  CANDIDATES_MISSING_COLUMN: [{ missing: ['应选人数', '候选人'] }],
  CANDIDATES_NO_OFFICE: [{}],
  CANDIDATES_BAD_SEATS: [{ text: '两' }],
  CANDIDATES_SEATS_DIFFER: [{ office: '委员', before: 3, now: 4 }],
  CANDIDATES_NO_SEATS: [{ office: '委员' }],
  CANDIDATES_NONE: [{ office: '委员' }],
  SETUP_NOT_COMPETITIVE: [
    { office: '主任', seats: 1, candidates: 1, min: 2, max: 2 },
    { office: '委员', seats: 3, candidates: 3, min: 4, max: 6 },
  ],
  COMPARE_SUMS_WRONG: [
    { wrong: { sum: 'classes', valid: 1, partial: 0, invalid: 0, disputed: 0, returned: 2 } },
    { wrong: { sum: 'blank', blank: 3, valid: 2 } },
    { wrong: { sum: 'person', name: '张三', total: 4, stated: 5 } },
    { wrong: { sum: 'box', box: '一组', total: 4, returned: 5 } },
    { wrong: { sum: 'figure', label: '有效票', total: 4, stated: 5 } },
  ],
  COMPARE_DIFFERENT_ELECTION: [
    { difference: { differs: 'title', first: '甲社区', second: '乙社区' } },
    { difference: { differs: 'candidates', onlyFirst: ['主任: 张三'], onlySecond: ['主任: 李四'] } },
    { difference: { differs: 'seats', first: '主任 1', second: '主任 2' } },
    { difference: { differs: 'round', first: '1', second: '2' } },
    { difference: { differs: 'mode', first: '直接选举', second: '户代表选举' } },
  ],
};

/** ASCII a Chinese message may hold: file names and formats, election.json keys, the program and its commands, options, column syntax, an escaped control character. */
const ALLOWED_ASCII = /election\.json|registered|jipiao(?: [a-z]+)*|CSV|(?:[a-z]+)?\.csv|\\u[0-9A-Fa-f]{4}|--[a-z]+|<[^>]*>|\[[^\]]*\]/gu;

describe('adapters/messages.ts: one Chinese line per code with facts', () => {
  const cases = FACT_CODES.flatMap((code) => (SAMPLES[code] as readonly object[]).map((facts, i) => [code, i, facts] as const));

  it('the sample table covers every code with facts, and every code is declared once', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...FACT_CODES].sort());
    expect(new Set(INPUT_ERROR_CODES).size).toBe(INPUT_ERROR_CODES.length);
    expect(INPUT_ERROR_CODES).toHaveLength(FACT_CODES.length + PROSE_CODES.length);
  });

  it.each(cases)('%s (variant %i) has a Chinese message', (code, _i, facts) => {
    const m = errorMessage(factError(code, facts as never, { file: 'a.csv', line: 2 }));
    expect(m).toMatch(/\p{Script=Han}/u);
    expect(m.replace(ALLOWED_ASCII, '')).not.toMatch(/[A-Za-z]/u);
    expect(m).not.toContain('undefined');
    expect(m).not.toContain('\n');
  });

  it('different variants of one code read differently', () => {
    for (const code of FACT_CODES) {
      const texts = (SAMPLES[code] as readonly object[]).map((f) => errorMessage(factError(code, f as never)));
      expect(new Set(texts).size, code).toBe(texts.length);
    }
  });

  it('the facts are fields of the error, beside its place; the message is not', () => {
    const e = factError(
      'BALLOT_DUPLICATE_TICKET',
      { ticket: '1', firstSeen: { file: 'a.csv', line: 2 } },
      { file: 'b.csv', line: 3, column: 1 },
    );
    expect(e).toEqual({
      code: 'BALLOT_DUPLICATE_TICKET',
      ticket: '1',
      firstSeen: { file: 'a.csv', line: 2 },
      file: 'b.csv',
      line: 3,
      column: 1,
    });
    expect(errorMessage(e)).toBe('票号「1」重复 (第一次出现在 a.csv 第 2 行); 每张选票的票号必须唯一');
  });

  it('an adapter-written message is kept as written', () => {
    expect(errorMessage(inputError('FILE_BINARY', '这不是文本文件', { file: 'x.csv' }))).toBe('这不是文本文件');
  });

  it('dynamic code families are declared codes; other strings are not', () => {
    for (const c of [
      'OUT_ENOSPC',
      'IO_EACCES',
      'BALLOTS_IS_ROLL',
      'CSV_QUOTE_NOT_CLOSED',
      'INVALID_OPENING_QUOTE',
      'TALLY_EMPTY',
      'FILE_BINARY',
    ]) {
      expect(isInputErrorCode(c), c).toBe(true);
    }
    for (const c of ['BALLOT_TYPO', 'ballot_empty_file', 'BALLOTS_IS_VOTERS', '']) expect(isInputErrorCode(c), c).toBe(false);
  });

  it('a literal code not declared in core/errors.ts does not compile', () => {
    // @ts-expect-error 'BALLOT_TYPO' is not an InputErrorCode
    const e = inputError('BALLOT_TYPO', '错');
    // @ts-expect-error a code with facts must be built with its facts (factError), not with prose
    const f = inputError('BALLOT_EMPTY_FILE', '错');
    expect([e.code, f.code]).toEqual(['BALLOT_TYPO', 'BALLOT_EMPTY_FILE']);
  });
});
