/**
 * election.json (SPEC §2.1) → core Election. Strict: unknown keys, wrong types, seats < 1, a candidate
 * printed twice (in one office or in two, compared after name normalisation) are errors naming the key.
 * All errors of the file are reported at once.
 */
import { readFileSync } from 'node:fs';
import {
  DEFAULT_RULES,
  type Election,
  type InputError,
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
  normalizeName,
  ok,
} from '../../core/index.js';
import { checkFile } from './files.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const TOP_KEYS = ['community', 'title', 'date', 'method', 'mode', 'round', 'registered', 'issued', 'offices', 'rules', 'previouslyElected', 'boxes'];
const OFFICE_KEYS = ['name', 'seats', 'candidates'];
const RULE_KEYS = ['writeInWithoutMark', 'maxProxies'];
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
  const errors: InputError[] = [];
  const bad = (key: string, message: string): void => {
    if (errors.length < 50) errors.push(inputError('ELECTION_INVALID', message, { file, key }));
  };
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
      const name = str(o, 'name', `${at}.name`, true);
      if (name !== undefined && name.includes(':')) bad(`${at}.name`, `职务名「${name}」不能含冒号`);
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
            bad(ck, '候选人姓名应为非空字符串');
            return;
          }
          const n = normalizeName(c);
          if (/[?:()]/u.test(n)) bad(ck, `候选人姓名「${c}」含有不允许的字符 (? : 括号)`);
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
      rules = { writeInWithoutMark, maxProxies };
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
    return err(errors.length > 0 ? errors : [inputError('ELECTION_INVALID', 'election.json 不完整', { file })]);
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

export async function loadElection(path: string, display: string): Promise<Result<Election>> {
  const missing = checkFile(path, display);
  if (missing) return err([missing]);
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return err([inputError('ENCODING_INVALID', 'election.json 应以 UTF-8 编码保存', { file: display })]);
  }
  return parseElection(text, display);
}
