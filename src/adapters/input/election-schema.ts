/**
 * election.json (SPEC §2.1) declared once with zod: the keys, their types and their ranges, each with the
 * Chinese message a user reads. Strict: an unknown key is an error naming the keys that may be used. The
 * semantic checks (names, duplicates, box sums) are in election.ts, after the schema.
 */
import * as z from 'zod/mini'; // the tree-shakable build: the classic one loads ~95 modules and every locale (issue 17)
import { type InputError, inputError } from '../../core/index.js';
import { keyPath } from './result-schema.js';

/** A non-empty string, trimmed. */
export const text = (k: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `缺少「${k}」` : `「${k}」应为非空字符串`) })
    .check(z.trim(), z.minLength(1, { error: `「${k}」应为非空字符串` }));

/** A safe integer not below `min`. */
const int = (k: string, min: number) => {
  const bad = (iss: { input?: unknown }): string => `「${k}」应为不小于 ${min} 的整数, 这里是 ${JSON.stringify(iss.input)}`;
  return z.int({ error: (iss) => (iss.input === undefined ? `缺少「${k}」` : bad(iss)) }).check(z.gte(min, { error: bad }));
};

/** One of a few words. */
const oneOf = <const T extends readonly [string, ...string[]]>(k: string, values: T) =>
  z.enum(values, {
    error: (iss) =>
      iss.input === undefined
        ? `缺少「${k}」(可选值: ${values.join(' | ')})`
        : `「${k}」应为 ${values.join(' | ')} 之一, 这里是 ${JSON.stringify(iss.input)}`,
  });

const names = (k: string, what: string) => z.array(z.string({ error: what }), { error: `「${k}」应为符号的数组, 如 ["v"]` });

const OFFICES_MESSAGE = '「offices」应为非空数组, 按职务高低排列 (主任、副主任、委员)';
const CANDIDATES_MESSAGE = '「candidates」应为非空的姓名数组';

export const OFFICE_SCHEMA = z.strictObject(
  {
    name: text('name'),
    seats: int('seats', 1),
    candidates: z
      .array(z.string({ error: '候选人姓名应为非空字符串' }), { error: CANDIDATES_MESSAGE })
      .check(z.minLength(1, { error: CANDIDATES_MESSAGE })),
  },
  { error: '每个职务应为对象 {"name", "seats", "candidates"}' },
);

export const RULES_SCHEMA = z.strictObject(
  {
    writeInWithoutMark: z.optional(
      z.enum(['approve', 'ignore'], {
        error: (iss) => `「writeInWithoutMark」应为 approve 或 ignore, 这里是 ${JSON.stringify(iss.input)}`,
      }),
    ),
    maxProxies: z.optional(int('maxProxies', 0)),
    approveMarks: z.optional(names('approveMarks', '符号应为非空字符串')),
    opposeMarks: z.optional(names('opposeMarks', '符号应为非空字符串')),
  },
  { error: '「rules」应为对象' },
);

/** Members elected in an earlier round (runoff/revote only): not placed again; 第四十一条 who presides. */
export const PRIOR_SCHEMA = z.strictObject(
  { office: text('office'), name: text('name'), total: z.optional(int('total', 0)) },
  { error: '应为对象 {"office", "name", "total"}' },
);

/** `boxes: [{ "name": "流动票箱", "issued": 40 }]`. */
export const BOX_SCHEMA = z.strictObject({ name: text('name'), issued: int('issued', 0) }, { error: '应为对象 {"name", "issued"}' });

export const ROUND_SCHEMA = z._default(oneOf('round', ['first', 'runoff', 'revote']), 'first');
export const MODE_SCHEMA = oneOf('mode', ['combined', 'separate']);

/** The whole file; the order of the keys here is the order errors are listed in. */
export const ELECTION_SCHEMA = z.strictObject({
  community: z.optional(text('community')),
  title: text('title'),
  date: text('date'),
  method: oneOf('method', ['direct', 'household', 'representative']),
  mode: MODE_SCHEMA,
  round: ROUND_SCHEMA,
  registered: z.optional(int('registered', 1)),
  issued: int('issued', 0),
  offices: z.array(OFFICE_SCHEMA, { error: OFFICES_MESSAGE }).check(z.minLength(1, { error: OFFICES_MESSAGE })),
  rules: z.optional(RULES_SCHEMA),
  previouslyElected: z.optional(z.array(PRIOR_SCHEMA, { error: '「previouslyElected」应为数组 [{"office", "name", "total"}]' })),
  boxes: z.optional(z.array(BOX_SCHEMA, { error: '「boxes」应为数组 [{"name", "issued"}]' })),
});

export type ElectionJson = z.infer<typeof ELECTION_SCHEMA>;

type Path = readonly (string | number)[];

/** The keys an object at `path` may have (in the schema's order). */
function allowedKeys(path: Path): readonly string[] {
  const [top, i, sub] = path;
  if (path.length === 0) return Object.keys(ELECTION_SCHEMA.shape);
  if (top === 'rules' && path.length === 1) return Object.keys(RULES_SCHEMA.shape);
  if (typeof i !== 'number' || sub !== undefined) return [];
  if (top === 'offices') return Object.keys(OFFICE_SCHEMA.shape);
  if (top === 'previouslyElected') return Object.keys(PRIOR_SCHEMA.shape);
  if (top === 'boxes') return Object.keys(BOX_SCHEMA.shape);
  return [];
}

/** An election.json error at a key path; `after`: listed after (1) or before (-1) the key's own errors and children. */
export interface Placed {
  readonly path: Path;
  readonly after?: -1 | 1;
  readonly error: InputError;
}

/** zod's issues as our errors: one per key (the first), an unknown key each on its own. */
export function schemaErrors(issues: readonly z.core.$ZodIssue[], file: string): Placed[] {
  const out: Placed[] = [];
  const seen = new Set<string>();
  for (const iss of issues) {
    const path = iss.path.filter((k): k is string | number => typeof k !== 'symbol');
    if (iss.code === 'unrecognized_keys') {
      const allowed = allowedKeys(path);
      for (const k of iss.keys)
        out.push({
          path: [...path, k],
          error: inputError('ELECTION_INVALID', `未知的键「${k}」(可用的键: ${allowed.join(', ')})`, { file, key: keyPath([...path, k]) }),
        });
      continue;
    }
    const key = keyPath(path);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, error: inputError('ELECTION_INVALID', iss.message, { file, key }) });
  }
  return out;
}

/**
 * Errors in the order of the file's description: keys in the schema's order (an unknown key before the
 * known ones of its object), array items by index, a key's own error before its children's.
 */
export function inSchemaOrder(errors: readonly Placed[]): InputError[] {
  const ranks = new Map<Placed, number[]>();
  for (const e of errors) {
    const r = e.path.map((seg, i) => (typeof seg === 'number' ? seg : allowedKeys(e.path.slice(0, i)).indexOf(seg)));
    if (e.after !== undefined) r.push(e.after === 1 ? Infinity : -3);
    ranks.set(e, r);
  }
  const compare = (a: Placed, b: Placed): number => {
    const ra = ranks.get(a) ?? [];
    const rb = ranks.get(b) ?? [];
    for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
      const x = ra[i] ?? -2;
      const y = rb[i] ?? -2;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  return [...errors].sort(compare).map((e) => e.error);
}
