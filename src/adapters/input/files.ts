/**
 * Opening input files (issue 13): one clear error for a missing path, a folder, a FIFO or a device, a
 * file without read permission. An input is opened once, without blocking (`O_NONBLOCK`: opening a FIFO
 * for reading would otherwise wait for a writer forever), checked with `fstat` on that same descriptor
 * and read from it — so what is checked, counted and hashed is one and the same file, even if the path
 * is replaced meanwhile (no TOCTOU).
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { type InputError, type Result, err, inputError, ok } from '../../core/index.js';
import { giveBuffer, takeBuffer } from './spare.js';

/** What an errno code means for a file a user gave us (read side): the error code and the words. */
const READ_PROBLEMS: Readonly<
  Record<string, readonly ['FILE_NOT_FOUND' | 'FILE_IS_DIRECTORY' | 'FILE_NO_ACCESS' | 'FILE_LINK_LOOP', string]>
> = {
  ENOENT: ['FILE_NOT_FOUND', '文件不存在 (请检查路径)'],
  ENOTDIR: ['FILE_NOT_FOUND', '路径中的某一级不是文件夹 (请检查路径)'],
  EISDIR: ['FILE_IS_DIRECTORY', '这是一个文件夹, 不是文件'],
  EACCES: ['FILE_NO_ACCESS', '没有读取权限'],
  EPERM: ['FILE_NO_ACCESS', '没有读取权限'],
  ELOOP: ['FILE_LINK_LOOP', '符号链接循环, 无法找到真正的文件'],
  ENAMETOOLONG: ['FILE_NOT_FOUND', '路径过长'],
};

/** The input error for an errno code met opening a file a user gave us; undefined for any other code. */
export function readProblem(code: unknown, display: string): InputError | undefined {
  const known = typeof code === 'string' && Object.hasOwn(READ_PROBLEMS, code) ? READ_PROBLEMS[code] : undefined;
  return known && inputError(known[0], known[1], { file: display });
}

function kindProblem(st: Stats, display: string): InputError | undefined {
  if (st.isDirectory()) return inputError('FILE_IS_DIRECTORY', '这是一个文件夹, 不是文件', { file: display });
  if (!st.isFile()) {
    const what = st.isFIFO()
      ? '命名管道 (FIFO)'
      : st.isCharacterDevice() || st.isBlockDevice()
        ? '设备文件'
        : st.isSocket()
          ? '套接字'
          : '特殊文件';
    return inputError('FILE_NOT_REGULAR', `这是${what}, 不是普通文件; 请给出保存在磁盘上的文件`, { file: display });
  }
  return undefined;
}

export function checkFile(path: string, display: string): InputError | undefined {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    return (
      readProblem((e as { code?: unknown }).code, display) ?? inputError('FILE_NOT_FOUND', '文件不存在 (请检查路径)', { file: display })
    );
  }
  return kindProblem(st, display);
}

/** An input opened for reading: its descriptor and what fstat said of it. */
export interface OpenInput {
  readonly fd: number;
  readonly stats: Stats;
}

/** Open a regular file for reading without blocking; errors as values (never a hang on a FIFO). */
export function openInput(path: string, display: string): Result<OpenInput> {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const p = readProblem((e as { code?: unknown }).code, display);
    if (p) return err([p]);
    throw e;
  }
  const stats = fstatSync(fd);
  const bad = kindProblem(stats, display);
  if (bad) {
    closeSync(fd);
    return err([bad]);
  }
  return ok({ fd, stats });
}

/** The whole content of a small input file and the SHA-256 of exactly those bytes. */
export interface InputBytes {
  readonly bytes: Buffer;
}

/** Read a whole regular file once (at most `maxBytes`: a bigger file is refused before it is read). */
export function readInput(path: string, display: string, maxBytes = 256 << 20): Result<InputBytes> {
  const opened = openInput(path, display);
  if (!opened.ok) return opened;
  const { fd, stats } = opened.value;
  try {
    if (stats.size > maxBytes) {
      return err([
        inputError('FILE_TOO_BIG', `文件有 ${stats.size} 字节, 超过上限 ${maxBytes} 字节; 这不像是 jipiao 的输入文件`, { file: display }),
      ]);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    // Read through the spare buffer (spare.ts), the bytes copied out: a 680-byte election.json took two
    // fresh 64 KiB buffers per election in `batch` (issue 17, memory).
    const buf = takeBuffer(1 << 16);
    try {
      for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) {
        total += n;
        // The file may grow while being read: never read more than the limit.
        if (total > maxBytes)
          return err([inputError('FILE_TOO_BIG', `文件超过上限 ${maxBytes} 字节; 这不像是 jipiao 的输入文件`, { file: display })]);
        chunks.push(Buffer.from(buf.subarray(0, n)));
      }
    } finally {
      giveBuffer(buf);
    }
    const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
    return ok({ bytes });
  } catch (e) {
    const p = readProblem((e as { code?: unknown }).code, display);
    if (p) return err([p]);
    throw e;
  } finally {
    closeSync(fd);
  }
}
