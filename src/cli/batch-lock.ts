/**
 * The lock of a `batch` run on the folder it writes into (issue 13): `.jipiao-batch.lock` created
 * exclusively, holding the process id. A second run while the first is alive is refused (exit 2) instead
 * of mixing its outputs in; a lock left by a process that no longer exists is taken over.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Result, err, inputError, ok } from '../core/index.js';
import { type OutFs, OutputError, attempt, nodeFs, outputProblem } from './outputs.js';

export const LOCK_NAME = '.jipiao-batch.lock';

function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: unknown }).code === 'EPERM';
  }
}

/** Take the lock of `dir` (made if missing); errors name `dir` or the lock file (absolute paths). */
export function takeLock(dir: string, fsx: OutFs = nodeFs): Result<{ release(): void }> {
  const file = path.join(dir, LOCK_NAME);
  try {
    attempt(dir, () => fsx.mkdirSync(dir, { recursive: true }));
    for (let tries = 0; ; tries++) {
      let fd: number | undefined;
      try {
        fd = fsx.openSync(file, 'wx');
      } catch (e) {
        if ((e as { code?: unknown }).code !== 'EEXIST' || tries > 0) throw e;
      }
      if (fd !== undefined) {
        attempt(file, () => fsx.writeSync(fd, Buffer.from(`${process.pid}\n`)));
        fsx.closeSync(fd);
        return ok({ release: () => fsx.rmSync(file, { force: true }) });
      }
      let holder = NaN;
      try {
        holder = Number(readFileSync(file, 'utf8').trim());
      } catch {
        // unreadable or just removed: try once more below
      }
      if (alive(holder)) {
        return err([
          inputError('BATCH_LOCKED', `另一个 jipiao batch (进程 ${holder}) 正在写入此文件夹; 请等它结束后再运行, 或换一个 --out`, {
            file: dir,
          }),
        ]);
      }
      fsx.rmSync(file, { force: true }); // left by a run that no longer exists
    }
  } catch (e) {
    if (e instanceof OutputError) return err([outputProblem(e.file, e.errno)]);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return err([outputProblem(file, code)]);
    throw e;
  }
}
