/**
 * StringTable (issue 17, `batch` memory) against a Map, and RollIndex (now built on it) against the
 * Map-of-names index it replaced: the same answers for any keys, homonyms and groups.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollIndex, StringTable, personKey } from '../../src/core/index.js';

describe('StringTable', () => {
  it('ids in order of first insertion, the first value kept, find = Map lookup (fast-check)', () => {
    // Few distinct keys (so they repeat), and any string: empty, surrogate pairs, long.
    const key = fc.oneof(fc.constantFrom('', 'a', 'ab', '王伟', 'V1', '𠀋'), fc.string({ maxLength: 40, unit: 'binary' }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer()), { maxLength: 300 }), fc.array(key, { maxLength: 20 }), (adds, probes) => {
        const t = new StringTable();
        const model = new Map<string, { id: number; value: number }>();
        for (const [k, v] of adds) {
          const before = t.size;
          const id = t.add(k, v);
          const m = model.get(k);
          if (m) expect(id).toBe(m.id);
          else {
            expect(id).toBe(before);
            model.set(k, { id, value: v });
          }
          expect(t.size).toBe(model.size);
        }
        for (const k of [...probes, ...model.keys()]) {
          const m = model.get(k);
          expect(t.find(k)).toBe(m ? m.id : -1);
          if (m) expect(t.value(m.id)).toBe(m.value);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keys longer than a page of text, between short ones', () => {
    const t = new StringTable();
    const keys = ['a', 'x'.repeat(10_000), 'b', 'y'.repeat(8191), 'z'.repeat(8192), '', 'c'.repeat(5000), 'c'.repeat(5001)];
    keys.forEach((k, i) => expect(t.add(k, i)).toBe(i));
    keys.forEach((k, i) => {
      expect(t.find(k)).toBe(i);
      expect(t.value(i)).toBe(i);
    });
    expect(t.find('x'.repeat(9_999))).toBe(-1);
  });

  it('clear: every key forgotten, the table filled again from id 0 (its pages reused)', () => {
    const t = new StringTable();
    for (let i = 0; i < 3000; i++) t.add(`V${i}`, i);
    t.add('x'.repeat(9000), 1);
    t.clear();
    expect(t.size).toBe(0);
    expect(t.find('V1')).toBe(-1);
    expect(t.add('y'.repeat(12_000), 5)).toBe(0);
    for (let i = 0; i < 3000; i++) expect(t.add(`W${i}`, -i)).toBe(i + 1);
    expect(t.find('y'.repeat(12_000))).toBe(0);
    expect(t.value(0)).toBe(5);
    expect(t.find('W2999')).toBe(3000);
    expect(t.value(3000)).toBe(-2999);
    expect(t.find('V2999')).toBe(-1);
  });

  it('holds tens of thousands of keys through its growth; the first value kept; no id out of range', () => {
    const t = new StringTable();
    for (let i = 0; i < 50_000; i++) expect(t.add(`居民${i}`, i)).toBe(i);
    expect(t.size).toBe(50_000);
    expect(t.find('居民49999')).toBe(49_999);
    expect(t.find('居民50000')).toBe(-1);
    expect(t.add('居民7', 99)).toBe(7);
    expect(t.value(7)).toBe(7);
    expect(t.value(49_999)).toBe(49_999);
    expect(() => t.value(50_000)).toThrow(/no key 50000/u);
    expect(() => t.value(-1)).toThrow(/no key -1/u);
  });
});

/** The RollIndex before issue 17's memory work: a Map of names to their groups. */
function referenceRoll(entries: readonly { name: string; group: string | undefined }[]) {
  const byName = new Map<string, (string | undefined)[]>();
  const groups = new Set<string>();
  for (const e of entries) {
    if (e.name === '') continue;
    if (e.group !== undefined) groups.add(e.group);
    byName.set(e.name, [...(byName.get(e.name) ?? []), e.group]);
  }
  return {
    size: entries.length,
    hasGroup: (g: string) => groups.has(g),
    count: (n: string) => byName.get(n)?.length ?? 0,
    match(name: string, group: string | undefined) {
      const gs = byName.get(name);
      if (!gs) return { kind: 'none' };
      const keys = gs.map((g) => personKey(name, g));
      if (gs.length === 1)
        return group === undefined || gs[0] === group ? { kind: 'one', person: name } : { kind: 'many', candidates: keys };
      if (group === undefined) return { kind: 'many', candidates: keys };
      return gs.filter((g) => g === group).length === 1
        ? { kind: 'one', person: personKey(name, group) }
        : { kind: 'many', candidates: keys };
    },
  };
}

describe('RollIndex on a StringTable = the Map-based index', () => {
  it('size, count, hasGroup and match agree on random rolls with homonyms (fast-check)', () => {
    const name = fc.constantFrom('', '王伟', '李明', '张三', '阿依古丽·买买提', 'Anna');
    const group = fc.constantFrom(undefined, '一组', '二组', '三组');
    fc.assert(
      fc.property(fc.array(fc.record({ name, group }), { maxLength: 40 }), (entries) => {
        const r = new RollIndex(entries);
        const ref = referenceRoll(entries);
        expect(r.size).toBe(ref.size);
        for (const g of ['一组', '二组', '三组', '四组']) expect(r.hasGroup(g)).toBe(ref.hasGroup(g));
        for (const n of ['王伟', '李明', '张三', '阿依古丽·买买提', 'Anna', '赵六']) {
          expect(r.count(n)).toBe(ref.count(n));
          for (const g of [undefined, '一组', '二组', '三组', '四组']) expect(r.match(n, g)).toEqual(ref.match(n, g));
        }
      }),
      { numRuns: 300 },
    );
  });
});
