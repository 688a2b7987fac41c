/**
 * The questions `jipiao init` asks in a terminal, in Chinese, through a Prompter (the CLI passes one
 * backed by @clack/prompts; tests pass scripted answers). Undefined from a prompt means cancelled.
 */
import { METHOD_LABEL, MODE_LABEL, type Method, type Mode, type Office, type SetupAnswers, splitNames } from '../../core/index.js';

export interface Prompter {
  text(message: string, initial: string, validate?: (s: string) => string | undefined): Promise<string | undefined>;
  select<T extends string>(message: string, options: readonly { value: T; label: string }[], initial: T): Promise<T | undefined>;
  confirm(message: string): Promise<boolean | undefined>;
}

const STANDARD_OFFICES = ['主任', '副主任', '委员'] as const;

export const isoDate = (s: string): string | undefined =>
  /^\d{4}-\d{2}-\d{2}$/u.test(s.trim()) && !Number.isNaN(Date.parse(s.trim())) ? undefined : '请写作 YYYY-MM-DD, 如 2026-12-20';
const count =
  (min: number) =>
  (s: string): string | undefined =>
    /^\d+$/u.test(s.trim()) && Number(s) >= min ? undefined : `请填写不小于 ${min} 的整数`;

async function askOffices(p: Prompter): Promise<Office[] | undefined> {
  const offices: Office[] = [];
  for (const name of STANDARD_OFFICES) {
    const seats = await p.text(`${name}应选几人? (不设${name}填 0)`, name === '委员' ? '3' : '1', count(0));
    if (seats === undefined) return undefined;
    if (Number(seats) === 0) continue;
    const names = await p.text(`${name}候选人 (按选票印刷顺序, 用 、 分隔)`, '', (s) =>
      splitNames(s).length > 0 ? undefined : '请至少填写一位候选人',
    );
    if (names === undefined) return undefined;
    offices.push({ name, seats: Number(seats), candidates: splitNames(names) });
  }
  return offices;
}

/** Ask everything not given; `offices` from a 候选人 sheet skips the office questions. */
export async function askSetup(
  p: Prompter,
  given: Omit<SetupAnswers, 'offices'>,
  offices: readonly Office[] | undefined,
): Promise<SetupAnswers | undefined> {
  const community = await p.text('社区名称', given.community ?? '');
  if (community === undefined) return undefined;
  const term = await p.text('第几届 (如 九)', given.term ?? '');
  if (term === undefined) return undefined;
  const date = await p.text('选举日期', given.date, isoDate);
  if (date === undefined) return undefined;
  const method = await p.select<Method>(
    '选举方式',
    (Object.keys(METHOD_LABEL) as Method[]).map((m) => ({ value: m, label: METHOD_LABEL[m] })),
    given.method,
  );
  if (method === undefined) return undefined;
  const mode = await p.select<Mode>(
    '投票方式',
    (Object.keys(MODE_LABEL) as Mode[]).map((m) => ({ value: m, label: MODE_LABEL[m] })),
    given.mode,
  );
  if (mode === undefined) return undefined;
  const asked = offices ?? (await askOffices(p));
  if (asked === undefined) return undefined;
  return {
    ...given,
    community: community.trim() || undefined,
    term: term.trim() || undefined,
    date: date.trim(),
    method,
    mode,
    offices: asked,
  };
}
