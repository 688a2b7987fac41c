import type { Io } from './io.js';

/** What a subcommand gets: the outside world and a way to set the exit code. */
export interface CommandContext {
  readonly io: Io;
  setExit(code: number): void;
}
