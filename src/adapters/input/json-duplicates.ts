/**
 * Duplicate keys in a JSON text. `JSON.parse` silently keeps the last of `"issued": 20 … "issued": 5`;
 * an election definition must not. A small scanner over text that `JSON.parse` has already accepted
 * (so it is well-formed): it tracks the objects and arrays it is inside and the keys seen in each.
 */

export interface DuplicateKey {
  /** Key path as election.json errors name it, e.g. `issued`, `offices[1].seats`. */
  readonly key: string;
  /** 1-based line of the repeated key. */
  readonly line: number;
}

type Frame =
  { kind: 'object'; path: string; keys: Set<string>; expectKey: boolean; last: string } | { kind: 'array'; path: string; index: number };

function childPath(f: Frame | undefined): string {
  if (f === undefined) return '';
  if (f.kind === 'array') return `${f.path}[${f.index}]`;
  return f.path === '' ? f.last : `${f.path}.${f.last}`;
}

export function duplicateKeys(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    else if (ch === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\') j++;
      }
      const s = JSON.parse(text.slice(i, j + 1)) as string;
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectKey) {
        if (top.keys.has(s)) out.push({ key: top.path === '' ? s : `${top.path}.${s}`, line });
        top.keys.add(s);
        top.last = s;
        top.expectKey = false;
      }
      i = j;
    } else if (ch === '{' || ch === '[') {
      const path = childPath(stack[stack.length - 1]);
      stack.push(ch === '{' ? { kind: 'object', path, keys: new Set(), expectKey: true, last: '' } : { kind: 'array', path, index: 0 });
    } else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') top.expectKey = true;
      else if (top?.kind === 'array') top.index++;
    }
  }
  return out;
}
