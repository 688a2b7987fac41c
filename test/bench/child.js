// Run one measured job in this process and report its time, CPU time and peak RSS (KiB):
//   node child.js count <args…>   → jipiao's main() with stdout discarded (the count itself)
const [mode, ...args] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
let code = 0;
const { main } = await import('../../dist/cli/main.js');
const io = {
  stdout: { write: () => undefined, isTTY: false },
  stderr: { write: (s) => process.stderr.write(s), isTTY: false },
  env: { NO_COLOR: '1' },
  cwd: process.cwd(),
};
code = await main([mode, ...args], io);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const u = process.resourceUsage();
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKiB: u.maxRSS, code })}\n`);
