import type { Io } from '../../src/cli/io.js';

export interface FakeIo extends Io {
  out(): string;
  err(): string;
}

/** An Io that collects output; not a TTY, NO_COLOR set, cwd the repo root (so paths in goldens are relative). */
export function fakeIo(cwd: string, opts: { tty?: boolean; env?: Record<string, string> } = {}): FakeIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s) => void (out += s), isTTY: opts.tty ?? false },
    stderr: { write: (s) => void (err += s), isTTY: opts.tty ?? false },
    env: opts.env ?? { NO_COLOR: '1' },
    cwd,
    out: () => out,
    err: () => err,
  };
}
