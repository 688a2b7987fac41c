/**
 * 第四十一条: 主任未选出的, 由副主任主持工作; 主任、副主任都未选出的, 由当选委员中得票最高者主持工作.
 * The core says who (data); the words are the adapters' (vocabulary.ts `presidingText`).
 */
import type { Election } from './model.js';

/** Who presides when 主任 (and 副主任) could not be elected. */
export type Presiding =
  /** 主任未选出: the 副主任 elected (this round or before). */
  | { readonly code: 'DEPUTY'; readonly names: readonly string[] }
  /** 主任、副主任都未选出: the elected 委员 with the most votes. */
  | { readonly code: 'TOP_MEMBER'; readonly name: string }
  /** …but several 委员 share the most votes: the 选举领导小组 decides. */
  | { readonly code: 'MEMBERS_TIED'; readonly names: readonly string[] }
  /** Nobody elected at all: the guideline is silent. */
  | { readonly code: 'NONE_ELECTED' };

/** `elected`: this round's seats (previously elected members are taken from the election). */
export function whoPresides(election: Election, elected: readonly { office: string; name: string; total: number }[]): Presiding | null {
  const all = [
    ...election.previouslyElected.map((p) => ({ office: p.office, name: p.name, total: p.total ?? 0 })),
    ...elected.map((e) => ({ office: e.office, name: e.name, total: e.total })),
  ];
  if (all.some((x) => x.office === '主任')) return null;
  const deputies = all.filter((x) => x.office === '副主任');
  if (deputies.length > 0) return { code: 'DEPUTY', names: deputies.map((d) => d.name) };
  const members = all.filter((x) => x.office === '委员').sort((a, b) => b.total - a.total);
  const top = members[0];
  if (!top) return { code: 'NONE_ELECTED' };
  const tiedTop = members.filter((m) => m.total === top.total);
  if (tiedTop.length > 1) return { code: 'MEMBERS_TIED', names: tiedTop.map((m) => m.name) };
  return { code: 'TOP_MEMBER', name: top.name };
}
