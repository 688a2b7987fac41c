/**
 * election.json (SPEC §2.1) → core Election. Strict: unknown keys, wrong types, seats < 1 (the schema,
 * election-schema.ts), then a candidate printed twice (in one office or in two, compared after name
 * normalisation), office names, marks and boxes (named checks below) are errors naming the key.
 * All errors of the file are reported at once, in the order of the schema's keys.
 */
import {
  CappedErrors,
  DEFAULT_RULES,
  type Election,
  type Office,
  type BoxIssued,
  type PriorElected,
  type Result,
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
import {
  BOX_SCHEMA,
  ELECTION_SCHEMA,
  type ElectionJson,
  MODE_SCHEMA,
  OFFICE_SCHEMA,
  ROUND_SCHEMA,
  inSchemaOrder,
  schemaErrors,
  text,
} from './election-schema.js';
import { duplicateKeys } from './json-duplicates.js';
import { keyPath } from './result-schema.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** Ballot columns that are not offices (SPEC §2.2): an office of that name would lose its votes. */
const RESERVED_OFFICES = ['票号', '票箱', '状态', '备注'];
/** Characters that separate names or corrections (SPEC §2.2, §2.4): never inside a name. */
const SEPARATOR = /[、,，;；:：=＝]/u;

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
    return err([
      inputError('ELECTION_NOT_JSON', `不是有效的 JSON (${e instanceof Error ? e.message : String(e)})`, {
        file,
        line: pos?.line,
        column: pos?.column,
      }),
    ]);
  }
  const errors = new CappedErrors();
  for (const d of duplicateKeys(text))
    errors.push(
      inputError('ELECTION_DUPLICATE_KEY', `键「${d.key}」在第 ${d.line} 行又出现一次; 同一个键只能写一次`, { file, key: d.key }),
    );
  if (!isObj(data)) return err([inputError('ELECTION_INVALID', 'election.json 的最外层应为一个对象 {…}', { file })]);
  const parsed = ELECTION_SCHEMA.safeParse(data);
  const placed = parsed.success ? [] : schemaErrors(parsed.error.issues, file);
  const bad = (path: Path, message: string, after?: -1 | 1): void => {
    placed.push({ path, ...(after ? { after } : {}), error: inputError('ELECTION_INVALID', message, { file, key: keyPath(path) }) });
  };
  checkDate(data['date'], bad);
  const offices = checkOffices(data['offices'], bad);
  if (MODE_SCHEMA.safeParse(data['mode']).data === 'separate' && Array.isArray(data['offices']) && data['offices'].length !== 1) {
    bad(['offices'], '分别投票 (mode: separate) 时每次计票只有一个职务: offices 应只有一项', 1);
  }
  const marks = checkRules(data['rules'], bad);
  if (data['previouslyElected'] !== undefined && ROUND_SCHEMA.safeParse(data['round']).data === 'first') {
    bad(['previouslyElected'], '「previouslyElected」只用于另行选举或再次投票 (round: runoff / revote)', -1);
  }
  checkBoxes(data['boxes'], data['issued'], bad);
  for (const e of inSchemaOrder(placed)) errors.push(e);
  if (errors.length > 0 || !parsed.success) {
    return err(errors.length > 0 ? errors.list() : [inputError('ELECTION_INVALID', 'election.json 不完整', { file })]);
  }
  return ok(toElection(parsed.data, offices, marks));
}

type Path = readonly (string | number)[];
type Bad = (path: Path, message: string, after?: -1 | 1) => void;

/** The election from a file that passed the schema and every check (names as checked there). */
function toElection(j: ElectionJson, offices: Office[], marks: Pick<Rules, 'approveMarks' | 'opposeMarks'>): Election {
  const { community, title, date, method, mode, round, registered, issued, boxes } = j;
  const rules: Rules =
    j.rules === undefined
      ? DEFAULT_RULES
      : {
          writeInWithoutMark: j.rules.writeInWithoutMark ?? DEFAULT_RULES.writeInWithoutMark,
          maxProxies: j.rules.maxProxies ?? DEFAULT_RULES.maxProxies,
          ...marks,
        };
  const previouslyElected: PriorElected[] = (j.previouslyElected ?? []).map((p) => ({
    office: p.office,
    name: normalizeName(p.name),
    total: p.total,
  }));
  return {
    community,
    title,
    date,
    method,
    mode,
    round,
    registered,
    issued,
    offices,
    rules,
    previouslyElected,
    ...(boxes ? { boxes } : {}),
  };
}

/** `date`: a real day, YYYY-MM-DD. */
function checkDate(raw: Json | undefined, bad: Bad): void {
  const date = text('date').safeParse(raw).data;
  if (date === undefined) return;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  const valid =
    m &&
    Number(m[2]) >= 1 &&
    Number(m[2]) <= 12 &&
    Number(m[3]) >= 1 &&
    Number(m[3]) <= new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  if (!valid) bad(['date'], `「date」应为日期 YYYY-MM-DD, 这里是 ${JSON.stringify(date)}`);
}

/** Office names usable and unique; candidates' names well formed and each printed once (in one office or in two). */
function checkOffices(raw: Json | undefined, bad: Bad): Office[] {
  const offices: Office[] = [];
  if (!Array.isArray(raw)) return offices;
  const names = new Set<string>();
  const printedAt = new Map<string, string>();
  raw.forEach((o, i) => {
    if (!isObj(o)) return;
    const rawName = text('name').safeParse(o['name']).data;
    const name = rawName === undefined ? undefined : officeName(rawName, ['offices', i, 'name'], bad);
    if (name !== undefined && names.has(name)) bad(['offices', i, 'name'], `职务「${name}」重复`);
    if (name !== undefined) names.add(name);
    const candidates = checkCandidates(o['candidates'], i, printedAt, bad);
    const seats = OFFICE_SCHEMA.shape.seats.safeParse(o['seats']).data;
    if (name !== undefined && seats !== undefined) offices.push({ name, seats, candidates });
  });
  return offices;
}

/** One office's printed candidates, normalised; `printedAt`: where each name was first printed. */
function checkCandidates(raw: Json | undefined, i: number, printedAt: Map<string, string>, bad: Bad): string[] {
  const candidates: string[] = [];
  if (!Array.isArray(raw)) return candidates;
  raw.forEach((c, j) => {
    const ck: Path = ['offices', i, 'candidates', j];
    if (typeof c !== 'string') return;
    const n = normalizeName(c);
    if (n === '') return bad(ck, c !== '' ? '候选人姓名只有不可见字符或空白' : '候选人姓名应为非空字符串');
    if (/[?:()]/u.test(n)) bad(ck, `候选人姓名「${c}」含有不允许的字符 (? : 括号)`);
    else if (SEPARATOR.test(n)) bad(ck, `候选人姓名「${c}」含有分隔符 (、 , ， ; ； : =); 选票上按分隔符拆开后每一票都会作废`);
    const prev = printedAt.get(n);
    if (prev !== undefined) bad(ck, `候选人「${n}」重复印在选票上 (已在 ${prev}); 同一人只能是一个职务的候选人`);
    else printedAt.set(n, keyPath(ck));
    candidates.push(n);
  });
  return candidates;
}

/** `rules.approveMarks` / `rules.opposeMarks`: a locality's own spellings, never both, never a standard mark. */
function checkRules(raw: Json | undefined, bad: Bad): Pick<Rules, 'approveMarks' | 'opposeMarks'> {
  if (!isObj(raw)) return { approveMarks: [], opposeMarks: [] };
  const approveMarks = marks(raw, 'approveMarks', bad);
  const opposeMarks = marks(raw, 'opposeMarks', bad);
  const both = approveMarks.filter((m) => opposeMarks.includes(m));
  if (both.length > 0) bad(['rules', 'opposeMarks'], `符号「${both.join('」「')}」同时列在 approveMarks 和 opposeMarks 中`, 1);
  return { approveMarks, opposeMarks };
}

/** Box names unique, the boxes' issued not more than the whole. */
function checkBoxes(raw: Json | undefined, rawIssued: Json | undefined, bad: Bad): void {
  if (!Array.isArray(raw)) return;
  const boxes: BoxIssued[] = [];
  raw.forEach((b, i) => {
    const x = BOX_SCHEMA.safeParse(b).data;
    if (x === undefined) return;
    if (boxes.some((y) => y.name === x.name)) return bad(['boxes', i, 'name'], `票箱「${x.name}」写了两次`);
    boxes.push({ name: x.name, issued: x.issued });
  });
  const sum = boxes.reduce((a, b) => a + b.issued, 0);
  const issued = ELECTION_SCHEMA.shape.issued.safeParse(rawIssued).data;
  if (issued !== undefined && sum > issued) bad(['boxes'], `各票箱发出选票合计 ${sum} 张, 多于 issued ${issued} 张`, 1);
}

/** SPEC §2.1, §2.2: an office name is NFKC'd text that is not a reserved column and has no separator. */
function officeName(raw: string, key: Path, bad: Bad): string | undefined {
  const name = cleanText(raw).trim();
  if (name === '') bad(key, '职务名只有不可见字符或空白');
  else if (RESERVED_OFFICES.includes(name))
    bad(key, `职务名「${name}」与选票文件的列名 (${RESERVED_OFFICES.join(' ')}) 相同, 该职务的选票无法读取`);
  else if (SEPARATOR.test(name)) bad(key, `职务名「${name}」不能含冒号或分隔符 (、 , ， ; ； : =)`);
  else return name;
  return undefined;
}

/** `rules.approveMarks` / `rules.opposeMarks`: a locality's own mark spellings (SPEC §2.2 mark vocabulary). */
function marks(o: Obj, k: 'approveMarks' | 'opposeMarks', bad: Bad): string[] {
  const v = o[k];
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  v.forEach((m, i) => {
    const key: Path = ['rules', k, i];
    if (typeof m !== 'string') return;
    const t = cleanText(m).replace(/\s+/gu, '');
    if (t === '') bad(key, '符号应为非空字符串');
    else if (t.includes('?')) bad(key, `「${m}」含有问号; 问号表示无法确定, 不能定义为符号`);
    else if (parseMark(t) !== 'unclear')
      bad(
        key,
        `「${m}」已经是标准符号 (${{ approve: '赞成', oppose: '反对', abstain: '弃权', unclear: '' }[parseMark(t)]}), 不能改变其含义`,
      );
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
