/** An input file of a count, for the audit trail (SPEC §5 `inputs`). */
export interface InputFile {
  /** `tallies`: a hand-count sheet (计票统计表); `second-entry`: the second typing of the ballots (`--verify-with`). */
  readonly role: 'ballots' | 'election' | 'roll' | 'rulings' | 'tallies' | 'second-entry';
  /** The path as the user gave it (or as discovered), with forward slashes. */
  readonly file: string;
  readonly sha256: string;
}

export const TOOL = 'jipiao 0.1.0';
export const SCHEMA = 'jipiao.result/1';
