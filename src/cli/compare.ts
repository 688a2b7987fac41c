/** `jipiao compare published.json recount.json` (申诉复核, SPEC §6): exit 1 when the outcome differs. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { renderComparisonJson, renderComparisonTable } from '../adapters/render/compare.js';
import { type ResultDoc, compareResults, inputError, parseResultDoc } from '../core/index.js';
import type { CommandContext } from './context.js';
import { EXIT_BAD_INPUT, EXIT_NOT_FINAL, EXIT_OK, formatErrors } from './errors.js';
import { useColor } from './io.js';

export function registerCompare(program: Command, ctx: CommandContext): void {
  program
    .command('compare')
    .description('比对公布结果与复核结果 (compare a published result with a re-count)')
    .argument('<published>', '公布的计票结果 (jipiao count --format json)')
    .argument('<recount>', '复核的计票结果')
    .addOption(new Option('--format <format>', '输出格式').choices(['table', 'json']).default('table'))
    .action((published: string, recount: string, o: Record<string, unknown>) => {
      const { io } = ctx;
      const files: [string, string] = [published, recount];
      const docs: ResultDoc[] = [];
      for (const f of files) {
        const p = path.resolve(io.cwd, f);
        let text: string;
        try {
          if (statSync(p).isDirectory()) throw Object.assign(new Error('dir'), { code: 'EISDIR' });
          text = readFileSync(p, 'utf8');
        } catch (e) {
          const dir = (e as { code?: string }).code === 'EISDIR';
          io.stderr.write(formatErrors([inputError(dir ? 'FILE_IS_DIRECTORY' : 'FILE_NOT_FOUND', dir ? '这是一个文件夹, 不是文件' : '文件不存在 (请检查路径)', { file: f })]));
          ctx.setExit(EXIT_BAD_INPUT);
          return;
        }
        const d = parseResultDoc(text, f);
        if (!d.ok) {
          io.stderr.write(formatErrors(d.error));
          ctx.setExit(EXIT_BAD_INPUT);
          return;
        }
        docs.push(d.value);
      }
      const [a, b] = docs;
      if (!a || !b) return;
      const c = compareResults(a, b, files);
      if (!c.ok) {
        io.stderr.write(formatErrors(c.error));
        ctx.setExit(EXIT_BAD_INPUT);
        return;
      }
      io.stdout.write(o['format'] === 'json' ? renderComparisonJson(c.value, files) : renderComparisonTable(c.value, files, useColor(io)));
      ctx.setExit(c.value.outcomeChanged ? EXIT_NOT_FINAL : EXIT_OK);
    });
}
