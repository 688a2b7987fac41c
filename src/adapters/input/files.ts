/** Opening input files with one clear error for a missing path or a folder. */
import { type Stats, statSync } from 'node:fs';
import { type InputError, inputError } from '../../core/index.js';

export function checkFile(path: string, display: string): InputError | undefined {
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    return inputError('FILE_NOT_FOUND', '文件不存在 (请检查路径)', { file: display });
  }
  if (st.isDirectory()) return inputError('FILE_IS_DIRECTORY', '这是一个文件夹, 不是文件', { file: display });
  if (!st.isFile()) return inputError('FILE_NOT_REGULAR', '不是普通文件', { file: display });
  return undefined;
}
