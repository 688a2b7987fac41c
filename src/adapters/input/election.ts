/**
 * election.json (SPEC §2.1) → core Election. Strict: unknown keys, wrong types, seats < 1, a candidate
 * printed twice (in one office or in two, compared after name normalisation) are errors naming the key.
 * All errors of the file are reported at once.
 */
import {
  CappedErrors,
  DEFAULT_RULES,
  type Election,
  type Method,
  type Mode,
  type Office,
  type BoxIssued,
  type PriorElected,
  type Result,
  type Round,
  type Rules,
  err,
  inputError,
  cleanText,
  normalizeName,
  ok,
  parseMark,
} from '../../core/index.js';
import { readInput } from './files.js';
import type { Sha256Sink } from './hash.js';
import { duplicateKeys } from './json-duplicates.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const TOP_KEYS = ['community', 'title', 'date', 'method', 'mode', 'round', 'registered', 'issued', 'offices', 'rules', 'previouslyElected', 'boxes'];
const OFFICE_KEYS = ['name', 'seats', 'candidates'];
const RULE_KEYS = ['writeInWithoutMark', 'maxProxies', 'approveMarks', 'opposeMarks'];
/** Ballot columns that are not offices (SPEC §2.2): an office of that name would lose its votes. */
const RESERVED_OFFICES = ['票号', '票箱', '状态', '备注'];
/** Characters that separate names or corrections (SPEC §2.2, §2.4): never inside a name. */
const SEPARATOR = /[、,，;；:：=＝]/u;
const PRIOR_KEYS = ['office', 'name', 'total'];

function isObj(v: Json | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Line and column of a character offset, for JSON syntax errors. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}

export function parseElection(text: string, file: string): Result<Election> {
  let data: Json;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/u, '')) as Json;
  } catch (e) {
    const m = /position (\d+)/u.exec(e instanceof Error ? e.message : '');
    const pos = m?.[1] !== undefined ? position(text, Number(m[1])) : undefined;
    return err([inputError('ELECTION_NOT_JSON', `不是有效的 JSON (${e instanceof Error ? e.message : String(e)})`, { file, line: pos?.line, column: pos?.column })]);
  }
  const errors = new CappedErrors();
  const bad = (key: string, message: string, code = 'ELECTION_INVALID'): void => {
    errors.push(inputError(code, message, { file, key }));
  };
  for (const d of duplicateKeys(text)) bad(d.key, `键「${d.key}」在第 ${d.line} 行又出现一次; 同一个键只能写一次`, 'ELECTION_DUPLICATE_KEY');
  if (!isObj(data)) return err([inputError('ELECTION_INVALID', 'election.json 的最外层应为一个对象 {…}', { file })]);
  const unknown = (o: Obj, allowed: readonly string[], at: string): void => {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) bad(at === '' ? k : `${at}.${k}`, `未知的键「${k}」(可用的键: ${allowed.join(', ')})`);
  };
  unknown(data, TOP_KEYS, '');
  const str = (o: Obj, k: string, at: string, required: boolean): string | undefined => {
    const v = o[k];
    if (v === undefined) {
      if (required) bad(at, `缺少「${k}」`);
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      bad(at, `「${k}」应为非空字符串`);
      return undefined;
    }
    return v.trim();
  };
  const int = (o: Obj, k: string, at: string, min: number, required: boolean): number | undefined => {
    const v = o[k];
    if (v === undefined) {
      if (required) bad(at, `缺少「${k}」`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
      bad(at, `「${k}」应为不小于 ${min} 的整数, 这里是 ${JSON.stringify(v)}`);
      return undefined;
    }
    return v;
  };
  const oneOf = <T extends string>(o: Obj, k: string, values: readonly T[], dflt: T | undefined): T | undefined => {
    const v = o[k];
    if (v === undefined) {
      if (dflt === undefined) bad(k, `缺少「${k}」(可选值: ${values.join(' | ')})`);
      return dflt;
    }
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      bad(k, `「${k}」应为 ${values.join(' | ')} 之一, 这里是 ${JSON.stringify(v)}`);
      return undefined;
    }
    return v as T;
  };

  const community = str(data, 'community', 'community', false);
  const title = str(data, 'title', 'title', true);
  const date = str(data, 'date', 'date', true);
  if (date !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
    const valid = m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    if (!valid) bad('date', `「date」应为日期 YYYY-MM-DD, 这里是 ${JSON.stringify(date)}`);
  }
  const method = oneOf<Method>(data, 'method', ['direct', 'household', 'representative'], undefined);
  const mode = oneOf<Mode>(data, 'mode', ['combined', 'separate'], undefined);
  const round = oneOf<Round>(data, 'round', ['first', 'runoff', 'revote'], 'first');
  const registered = int(data, 'registered', 'registered', 1, false);
  const issued = int(data, 'issued', 'issued', 0, true);

  const offices: Office[] = [];
  const printedAt = new Map<string, string>();
  const rawOffices = data['offices'];
  if (!Array.isArray(rawOffices) || rawOffices.length === 0) {
    bad('offices', '「offices」应为非空数组, 按职务高低排列 (主任、副主任、委员)');
  } else {
    const names = new Set<string>();
    rawOffices.forEach((o, i) => {
      const at = `offices[${i}]`;
      if (!isObj(o)) {
        bad(at, '每个职务应为对象 {"name", "seats", "candidates"}');
        return;
      }
      unknown(o, OFFICE_KEYS, at);
      const rawName = str(o, 'name', `${at}.name`, true);
      const name = rawName === undefined ? undefined : officeName(rawName, `${at}.name`, bad);
      if (name !== undefined && names.has(name)) bad(`${at}.name`, `职务「${name}」重复`);
      if (name !== undefined) names.add(name);
      const seats = int(o, 'seats', `${at}.seats`, 1, true);
      const cands = o['candidates'];
      const candidates: string[] = [];
      if (!Array.isArray(cands) || cands.length === 0) bad(`${at}.candidates`, '「candidates」应为非空的姓名数组');
      else {
        cands.forEach((c, j) => {
          const ck = `${at}.candidates[${j}]`;
          if (typeof c !== 'string' || normalizeName(c) === '') {
            bad(ck, typeof c === 'string' && c !== '' ? '候选人姓名只有不可见字符或空白' : '候选人姓名应为非空字符串');
            return;
          }
          const n = normalizeName(c);
          if (/[?:()]/u.test(n)) bad(ck, `候选人姓名「${c}」含有不允许的字符 (? : 括号)`);
          else if (SEPARATOR.test(n)) bad(ck, `候选人姓名「${c}」含有分隔符 (、 , ， ; ； : =); 选票上按分隔符拆开后每一票都会作废`);
          const prev = printedAt.get(n);
          if (prev !== undefined) bad(ck, `候选人「${n}」重复印在选票上 (已在 ${prev}); 同一人只能是一个职务的候选人`);
          else printedAt.set(n, ck);
          candidates.push(n);
        });
      }
      if (name !== undefined && seats !== undefined) offices.push({ name, seats, candidates });
    });
  }
  if (mode === 'separate' && Array.isArray(rawOffices) && rawOffices.length !== 1) {
    bad('offices', '分别投票 (mode: separate) 时每次计票只有一个职务: offices 应只有一项');
  }

  let rules: Rules = DEFAULT_RULES;
  const rawRules = data['rules'];
  if (rawRules !== undefined) {
    if (!isObj(rawRules)) bad('rules', '「rules」应为对象');
    else {
      unknown(rawRules, RULE_KEYS, 'rules');
      const w = rawRules['writeInWithoutMark'];
      let writeInWithoutMark = DEFAULT_RULES.writeInWithoutMark;
      if (w !== undefined) {
        if (w === 'approve' || w === 'ignore') writeInWithoutMark = w;
        else bad('rules.writeInWithoutMark', `「writeInWithoutMark」应为 approve 或 ignore, 这里是 ${JSON.stringify(w)}`);
      }
      const maxProxies = int(rawRules, 'maxProxies', 'rules.maxProxies', 0, false) ?? DEFAULT_RULES.maxProxies;
      const approveMarks = marks(rawRules, 'approveMarks', bad);
      const opposeMarks = marks(rawRules, 'opposeMarks', bad);
      const both = approveMarks.filter((m) => opposeMarks.includes(m));
      if (both.length > 0) bad('rules.opposeMarks', `符号「${both.join('」「')}」同时列在 approveMarks 和 opposeMarks 中`);
      rules = { writeInWithoutMark, maxProxies, approveMarks, opposeMarks };
    }
  }

  // Members elected in an earlier round (runoff/revote only): not placed again; 第四十一条 who presides.
  const previouslyElected: PriorElected[] = [];
  const rawPrior = data['previouslyElected'];
  if (rawPrior !== undefined) {
    if (round === 'first') bad('previouslyElected', '「previouslyElected」只用于另行选举或再次投票 (round: runoff / revote)');
    if (!Array.isArray(rawPrior)) bad('previouslyElected', '「previouslyElected」应为数组 [{"office", "name", "total"}]');
    else {
      rawPrior.forEach((p, i) => {
        const at = `previouslyElected[${i}]`;
        if (!isObj(p)) {
          bad(at, '应为对象 {"office", "name", "total"}');
          return;
        }
        unknown(p, PRIOR_KEYS, at);
        const office = str(p, 'office', `${at}.office`, true);
        const name = str(p, 'name', `${at}.name`, true);
        const total = int(p, 'total', `${at}.total`, 0, false);
        if (office !== undefined && name !== undefined) previouslyElected.push({ office, name: normalizeName(name), total });
      });
    }
  }

  const boxes = parseBoxes(data['boxes'], issued, bad, (o, at) => {
    unknown(o, ['name', 'issued'], at);
    return { name: str(o, 'name', `${at}.name`, true), issued: int(o, 'issued', `${at}.issued`, 0, true) };
  });

  if (errors.length > 0 || title === undefined || date === undefined || method === undefined || mode === undefined || round === undefined || issued === undefined) {
    return err(errors.length > 0 ? errors.list() : [inputError('ELECTION_INVALID', 'election.json 不完整', { file })]);
  }
  return ok({ community, title, date, method, mode, round, registered, issued, offices, rules, previouslyElected, ...(boxes ? { boxes } : {}) });
}

/** `boxes: [{ "name": "流动票箱", "issued": 40 }]`: names unique, the boxes' issued not more than the whole. */
function parseBoxes(
  raw: Json | undefined,
  issued: number | undefined,
  bad: (key: string, message: string) => void,
  read: (o: Obj, at: string) => { name: string | undefined; issued: number | undefined },
): BoxIssued[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    bad('boxes', '「boxes」应为数组 [{"name", "issued"}]');
    return undefined;
  }
  const boxes: BoxIssued[] = [];
  raw.forEach((b, i) => {
    const at = `boxes[${i}]`;
    if (!isObj(b)) return bad(at, '应为对象 {"name", "issued"}');
    const x = read(b, at);
    if (x.name === undefined || x.issued === undefined) return;
    if (boxes.some((y) => y.name === x.name)) return bad(`${at}.name`, `票箱「${x.name}」写了两次`);
    boxes.push({ name: x.name, issued: x.issued });
  });
  const sum = boxes.reduce((a, b) => a + b.issued, 0);
  if (issued !== undefined && sum > issued) bad('boxes', `各票箱发出选票合计 ${sum} 张, 多于 issued ${issued} 张`);
  return boxes;
}

/** SPEC §2.1, §2.2: an office name is NFKC'd text that is not a reserved column and has no separator. */
function officeName(raw: string, key: string, bad: (key: string, message: string) => void): string | undefined {
  const name = cleanText(raw).trim();
  if (name === '') bad(key, '职务名只有不可见字符或空白');
  else if (RESERVED_OFFICES.includes(name)) bad(key, `职务名「${name}」与选票文件的列名 (${RESERVED_OFFICES.join(' ')}) 相同, 该职务的选票无法读取`);
  else if (SEPARATOR.test(name)) bad(key, `职务名「${name}」不能含冒号或分隔符 (、 , ， ; ； : =)`);
  else return name;
  return undefined;
}

/** `rules.approveMarks` / `rules.opposeMarks`: a locality's own mark spellings (SPEC §2.2 mark vocabulary). */
function marks(o: Obj, k: 'approveMarks' | 'opposeMarks', bad: (key: string, message: string) => void): string[] {
  const v = o[k];
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    bad(`rules.${k}`, `「${k}」应为符号的数组, 如 ["v"]`);
    return [];
  }
  const out: string[] = [];
  v.forEach((m, i) => {
    const key = `rules.${k}[${i}]`;
    const t = typeof m === 'string' ? cleanText(m).replace(/\s+/gu, '') : '';
    if (t === '') bad(key, '符号应为非空字符串');
    else if (t.includes('?')) bad(key, `「${m as string}」含有问号; 问号表示无法确定, 不能定义为符号`);
    else if (parseMark(t) !== 'unclear') bad(key, `「${m as string}」已经是标准符号 (${{ approve: '赞成', oppose: '反对', abstain: '弃权', unclear: '' }[parseMark(t)]}), 不能改变其含义`);
    else out.push(t);
  });
  return out;
}

/** `digest` gets the bytes parsed (read once: the hash in result.json is of exactly these). */
export async function loadElection(path: string, display: string, digest?: Sha256Sink): Promise<Result<Election>> {
  const read = readInput(path, display, 16 << 20);
  if (!read.ok) return read;
  const { bytes } = read.value;
  digest?.update(bytes);
  digest?.end();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return err([inputError('ENCODING_INVALID', 'election.json 应以 UTF-8 编码保存', { file: display })]);
  }
  return parseElection(text, display);
}
