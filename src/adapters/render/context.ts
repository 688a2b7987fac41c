import type { InputFile } from '../../core/index.js';

export interface RenderContext {
  readonly color: boolean;
  readonly inputs: readonly InputFile[];
  /** Only with --now: a generation time in the JSON (otherwise outputs are byte-identical for identical inputs). */
  readonly now?: string | undefined;
  /** `count --verify-with`: both entries' hashes and that they agree (the JSON's `verification`). */
  readonly verification?: Record<string, unknown> | undefined;
  /** Terminal width (`process.stdout.columns`): tables and long lines are fitted to it; unknown → as built. */
  readonly columns?: number | undefined;
}

export const ROLE_LABEL: Readonly<Record<InputFile['role'], string>> = {
  ballots: '选票',
  election: '选举设置',
  roll: '选民名单',
  rulings: '疑难认定',
  tallies: '计票统计表',
  'second-entry': '第二次录入',
};
