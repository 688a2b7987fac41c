/**
 * `jipiao compare published.json recount.json [--format table|json]` (申诉复核, SPEC §6): what differs
 * between a published result and a re-count. Exit 0 when the outcome is the same, 1 when it differs
 * (validity, who is elected to which office, revote, runoff, vacancies), 2 when a file cannot be read,
 * is not a jipiao result, or the two results are of different elections.
 */
import path from 'node:path';
import { type Command, Option } from 'commander';
import { type InputError, type ResultDoc, compareResults } from '../core/index.js';
import type { CommandContext } from './context.js';
import { EXIT_BAD_INPUT, EXIT_NOT_FINAL, EXIT_OK, formatErrors } from './errors.js';
import { useColor } from './io.js';

async function readDoc(cwd: string, file: string): Promise<{ doc?: ResultDoc; errors: InputError[] }> {
  const { readResultDoc } = await import('../adapters/input/result-schema.js'); // zod loads on use (issue 17)
  const d = readResultDoc(path.resolve(cwd, file), file);
  return d.ok ? { doc: d.value, errors: [] } : { errors: d.error };
}

export function registerCompare(program: Command, ctx: CommandContext): void {
  program
    .command('compare')
    .description('申诉复核: 比对公布的结果与复核的结果')
    .argument('<published>', '公布的计票结果 (jipiao count --format json 的输出)')
    .argument('<recount>', '复核的计票结果 (同上)')
    .addOption(new Option('--format <format>', '输出格式').choices(['table', 'json']).default('table'))
    .action(async (published: string, recount: string, o: Record<string, unknown>) => {
      const { io } = ctx;
      const files: [string, string] = [published, recount];
      const [a, b] = await Promise.all(files.map((f) => readDoc(io.cwd, f)));
      const errors = [...(a?.errors ?? []), ...(b?.errors ?? [])];
      if (errors.length > 0 || !a?.doc || !b?.doc) {
        io.stderr.write(formatErrors(errors));
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      const c = compareResults(a.doc, b.doc, files);
      if (!c.ok) {
        io.stderr.write(formatErrors(c.error));
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      const { renderComparisonJson, renderComparisonTable } = await import('../adapters/render/compare.js'); // on use (issue 17)
      io.stdout.write(o['format'] === 'json' ? renderComparisonJson(c.value, files) : renderComparisonTable(c.value, files, useColor(io)));
      ctx.setExit(c.value.outcomeChanged ? EXIT_NOT_FINAL : EXIT_OK);
    });
}
