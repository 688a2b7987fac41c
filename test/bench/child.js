// Run one measured job in this process and report its peak RSS (process.resourceUsage().maxRSS, KiB).
//   node child.js count <args…>   → jipiao's main() with stdout discarded
//   node child.js floor <file>     → csv-parse alone streaming the same file (the floor for this stack)
//   node child.js count1 <file>    → the same count on one thread (split off): what a 1-core laptop gets
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const [mode, ...args] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
let records = 0;
let code = 0;
if (mode === 'floor') {
  const parser = createReadStream(args[0]).pipe(parse({ relax_column_count: true, bom: true, encoding: 'utf8' }));
  parser.on('readable', () => {
    while (parser.read() !== null) records++;
  });
  await new Promise((resolve, reject) => parser.on('end', resolve).on('error', reject));
} else if (mode === 'count1') {
  const { runCount } = await import('../../dist/cli/pipeline.js');
  const { renderJson } = await import('../../dist/adapters/render/json.js');
  const r = await runCount(args, { split: false }, process.cwd());
  if (!r.ok) code = 2;
  else renderJson(r.value.result, { color: false, inputs: r.value.inputs });
} else {
  const { main } = await import('../../dist/cli/main.js');
  const io = { stdout: { write: () => undefined, isTTY: false }, stderr: { write: (s) => process.stderr.write(s), isTTY: false }, env: { NO_COLOR: '1' }, cwd: process.cwd() };
  code = await main([mode, ...args], io);
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(`${JSON.stringify({ ms, maxRssKiB: process.resourceUsage().maxRSS, records, code })}\n`);
