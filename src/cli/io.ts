import type { OutFs } from './outputs.js';

/** What the CLI needs from the outside world; tests pass a fake, `bin/jipiao.js` passes `nodeIo()`. */
export interface Out {
  write(s: string): void;
  readonly isTTY: boolean;
  /** Terminal width when a terminal (undefined otherwise). */
  readonly columns?: number | undefined;
}

export interface Io {
  readonly stdout: Out;
  readonly stderr: Out;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** File operations for outputs (default node:fs; a test injects a full disk). */
  readonly fs?: OutFs | undefined;
}

export function nodeIo(): Io {
  return {
    stdout: {
      write: (s) => void process.stdout.write(s),
      isTTY: process.stdout.isTTY === true,
      columns: process.stdout.isTTY === true ? process.stdout.columns : undefined,
    },
    stderr: { write: (s) => void process.stderr.write(s), isTTY: process.stderr.isTTY === true },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Colour only on a TTY and never with NO_COLOR (https://no-color.org). */
export function useColor(io: Io, out: Out = io.stdout): boolean {
  const nc = io.env['NO_COLOR'];
  return out.isTTY && (nc === undefined || nc === '') && io.env['FORCE_COLOR'] !== '0';
}
