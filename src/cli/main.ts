/**
 * The CLI edge: `main(argv, io) → Promise<exitCode>`. Parses with commander, runs one command, turns
 * every error into one Chinese line (exit 2) and every unexpected failure into exit 70 without a stack.
 */
import { Command, CommanderError } from 'commander';
import { TOOL, useSimplifier } from '../core/index.js';
import { openccToSimplified } from '../adapters/simplify.js';
import type { CommandContext } from './context.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, internalErrorMessage } from './errors.js';
import type { Io } from './io.js';
import { ioFailureLine } from './outputs.js';
import { HELP_ZH, formatUsageError } from './usage.js';

export { nodeIo } from './io.js';
export type { Io } from './io.js';

type Register = (program: Command, ctx: CommandContext) => void;

/** Every command in the order `--help` lists them, each module loaded only when needed (issue 17). */
const COMMANDS: readonly (readonly [string, () => Promise<Register>])[] = [
  ['init', async () => (await import('./init.js')).registerInit],
  ['count', async () => (await import('./count.js')).registerCount],
  ['disputes', async () => (await import('./disputes.js')).registerDisputes],
  ['roll', async () => (await import('./roll.js')).registerRoll],
  ['report', async () => (await import('./report.js')).registerReport],
  ['compare', async () => (await import('./compare.js')).registerCompare],
  ['batch', async () => (await import('./batch.js')).registerBatch],
  ['verify', async () => (await import('./verify.js')).registerVerify],
  ['live', async () => (await import('./live.js')).registerLive],
];

/**
 * The commands to register: only the one named first (`jipiao count …` never loads the live server, the
 * sheets or the workbook writer), or all of them for `--help`, `help …`, a misspelt command and the like.
 */
async function commandsFor(first: string | undefined): Promise<Register[]> {
  const named = COMMANDS.filter(([name]) => name === first);
  return Promise.all((named.length > 0 ? named : COMMANDS).map(([, load]) => load()));
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exit = EXIT_OK;
  useSimplifier(openccToSimplified); // opencc-js loads only when a written name needs it (issue 17)
  const ctx: CommandContext = { io, setExit: (c) => void (exit = c) };
  const program = new Command();
  program
    .name('jipiao')
    .description('计票 — 社区居民委员会换届选举计票工具')
    .version(TOOL.replace('jipiao ', ''), '-V, --version', '显示版本')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示命令帮助')
    .exitOverride()
    .configureHelp(HELP_ZH)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => undefined,
    });
  for (const register of await commandsFor(argv[0])) register(program, ctx);
  for (const c of program.commands)
    c.exitOverride().configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => undefined,
    });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help / --version exit 0; help shown because a command or subcommand is missing is a usage error.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT_OK;
      if (e.code === 'commander.help') return e.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
      io.stderr.write(formatUsageError(e));
      return EXIT_BAD_INPUT;
    }
    const io13 = ioFailureLine(e, io.cwd);
    if (io13 !== undefined) {
      io.stderr.write(io13);
      return EXIT_BAD_INPUT;
    }
    io.stderr.write(internalErrorMessage(e));
    return EXIT_INTERNAL;
  }
}
