/**
 * Writing outputs safely (issue 13, "outputs never overwrite inputs"):
 * - an output path is compared with every input path — the resolved path (symlinks followed) and the
 *   file's identity (device + inode, so a hard link is caught too) — and refused (exit 2);
 * - every output file is written atomically: a temp file in the same folder, fsync, rename over the
 *   target; on any failure the temp file is removed, so no partial or `.tmp` file is left behind;
 * - an I/O failure (no permission, full disk, missing folder, a file where a folder should be …) is a
 *   problem the user can fix: one Chinese line naming the path and the cause, exit 2.
 * The file operations go through `OutFs`, so a test can inject a full disk.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import { type InputError, inputError } from '../core/index.js';
import { CliInputError, formatErrors } from './errors.js';
import { displayPath } from './pipeline.js';

/** The file operations outputs use (node:fs, or a test's fake that fails on purpose). */
export interface OutFs {
  openSync(p: string, flags: string): number;
  writeSync(fd: number, data: Uint8Array): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(p: string, o: { force: boolean }): void;
  mkdirSync(p: string, o: { recursive: boolean }): unknown;
}

export const nodeFs: OutFs = {
  openSync: (p, f) => fs.openSync(p, f),
  writeSync: (fd, d) => fs.writeSync(fd, d),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (a, b) => fs.renameSync(a, b),
  rmSync: (p, o) => fs.rmSync(p, o),
  mkdirSync: (p, o) => fs.mkdirSync(p, o),
};

/** An output that could not be written: the path and the errno code (e.g. ENOSPC). */
export class OutputError extends Error {
  constructor(
    readonly file: string,
    readonly errno: string,
  ) {
    super(`${errno}: ${file}`);
  }
}

const IO_CODES = new Set([
  'EACCES',
  'EPERM',
  'ENOSPC',
  'EDQUOT',
  'ENOENT',
  'ENOTDIR',
  'EISDIR',
  'EEXIST',
  'EROFS',
  'ENAMETOOLONG',
  'ELOOP',
  'EMFILE',
  'ENFILE',
  'EIO',
  'EFBIG',
]);

/** The errno code of an I/O failure a user can fix, or undefined. */
export function ioCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && IO_CODES.has(code) ? code : undefined;
}

const WHY: Readonly<Record<string, string>> = {
  EACCES: '没有权限',
  EPERM: '没有权限',
  ENOSPC: '磁盘已满',
  EDQUOT: '超出磁盘配额',
  ENOENT: '所在的文件夹不存在',
  ENOTDIR: '路径中的某一级不是文件夹',
  EISDIR: '这是一个文件夹, 不能写成文件',
  EEXIST: '同名文件已存在, 不是文件夹',
  EROFS: '只读的文件系统',
  ENAMETOOLONG: '路径过长',
  ELOOP: '符号链接循环',
  EMFILE: '打开的文件过多',
  ENFILE: '打开的文件过多',
  EIO: '磁盘读写错误',
  EFBIG: '文件过大',
};

/** The cause of an I/O failure in words (e.g. ENOSPC → 磁盘已满). */
export function whyNotWritten(errno: string): string {
  return WHY[errno] ?? errno;
}

/** One error value for an output that could not be written. */
export function outputProblem(file: string, errno: string): InputError {
  return inputError(`OUT_${errno}`, `无法写入 (${whyNotWritten(errno)}); 请检查输出路径、权限和磁盘空间`, { file });
}

/** Run `f`; an I/O failure becomes an OutputError naming `file`. */
export function attempt<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof OutputError) throw e;
    const code = ioCode(e);
    if (code === undefined) throw e;
    throw new OutputError(file, code);
  }
}

/** The path with its folder's symlinks resolved (the file itself too when it exists). */
function resolved(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
    } catch {
      return path.resolve(p);
    }
  }
}

function identity(p: string): string | undefined {
  try {
    const st = fs.statSync(p);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined; // not there (or not reachable): nothing it could replace
  }
}

/** Whether writing `output` would replace `input` (same resolved path, or the same file by device + inode). */
export function sameFile(output: string, input: string): boolean {
  if (resolved(output) === resolved(input)) return true;
  const a = identity(output);
  return a !== undefined && a === identity(input);
}

/** Every output that is one of the inputs, as an error (shown with `show`). */
export function outputsOverInputs(outputs: readonly string[], inputs: readonly string[], show: (p: string) => string): InputError[] {
  const errors: InputError[] = [];
  for (const o of outputs) {
    const hit = inputs.find((i) => sameFile(o, i));
    if (hit !== undefined) {
      errors.push(inputError('OUT_IS_INPUT', `输出文件就是输入文件 ${show(hit)}; 为免覆盖输入, 请换一个输出路径`, { file: show(o) }));
    }
  }
  return errors;
}

let serial = 0;

/** A temp file name beside `target`: hidden, unique per process and call (two runs never share one). */
export function tempBeside(target: string): string {
  serial += 1;
  const rand = Math.random().toString(36).slice(2, 8);
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${serial}-${rand}.tmp`);
}

/**
 * A file written in pieces into a temp file beside the target, moved into place by `commit` (fsync,
 * then rename) or removed by `abort`. Every failure is an OutputError naming the target.
 */
export class AtomicFile {
  readonly tmp: string;
  private fd: number | undefined;

  constructor(
    readonly target: string,
    private readonly fsx: OutFs = nodeFs,
  ) {
    this.tmp = tempBeside(target);
    this.fd = attempt(target, () => fsx.openSync(this.tmp, 'wx'));
  }

  write(data: string | Uint8Array): void {
    const fd = this.fd;
    if (fd === undefined) throw new Error('AtomicFile: write after close');
    // A short write (a disk filling up) is continued; no progress at all is a full disk.
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let at = 0; at < bytes.length;) {
      const n = this.guard(() => {
        const k = this.fsx.writeSync(fd, bytes.subarray(at));
        if (k <= 0) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
        return k;
      });
      at += n;
    }
  }

  /** Start over with an empty file. */
  truncate(): void {
    this.close();
    this.fsx.rmSync(this.tmp, { force: true });
    this.fd = this.guard(() => this.fsx.openSync(this.tmp, 'wx'));
  }

  commit(): void {
    const fd = this.fd;
    if (fd === undefined) throw new Error('AtomicFile: commit after close');
    this.guard(() => this.fsx.fsyncSync(fd));
    this.close();
    this.guard(() => this.fsx.renameSync(this.tmp, this.target));
  }

  abort(): void {
    try {
      this.close();
    } finally {
      this.fsx.rmSync(this.tmp, { force: true });
    }
  }

  private close(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) this.guard(() => this.fsx.closeSync(fd));
  }

  /** Run a step; on failure remove the temp file and throw an OutputError. */
  private guard<T>(f: () => T): T {
    try {
      return attempt(this.target, f);
    } catch (e) {
      const fd = this.fd;
      this.fd = undefined;
      try {
        if (fd !== undefined) this.fsx.closeSync(fd);
      } catch {
        // already failing; the temp file is removed below
      }
      this.fsx.rmSync(this.tmp, { force: true });
      throw e;
    }
  }
}

/** Write a whole output file atomically. */
export function writeAtomic(target: string, data: string | Uint8Array, fsx: OutFs = nodeFs): void {
  const f = new AtomicFile(target, fsx);
  f.write(data);
  f.commit();
}

/**
 * The error line for an I/O failure that reached the top of a command (an OutputError, or a node:fs
 * error with a path): a usage problem (exit 2), not an internal error. Undefined for anything else.
 */
export function ioFailureLine(e: unknown, cwd: string): string | undefined {
  const shown = (p: string): string => displayPath(cwd, p);
  if (e instanceof CliInputError) return formatErrors(e.errors);
  if (e instanceof OutputError) return formatErrors([outputProblem(shown(e.file), e.errno)]);
  const code = ioCode(e);
  const p = (e as { path?: unknown }).path;
  if (code === undefined || typeof p !== 'string') return undefined;
  return formatErrors([inputError(`IO_${code}`, `无法读写此路径 (${WHY[code] ?? code}); 请检查路径、权限和磁盘空间`, { file: shown(p) })]);
}
