/**
 * The words of the sheets built from the election's parts — community, 届次, the body elected and the round —
 * never by cutting pieces off the title (a title `…第九届居民委员会换届选举` would otherwise give
 * `…换届成员`). The community is `election.community`; the 届次 is the `第…届` the title names, if any; the
 * body is always the 居民委员会 (规程 第三条); the round comes from `election.round`.
 */
import type { Election } from '../../core/index.js';
import { showControls } from '../safe-text.js';

export interface ElectionParts {
  /** 银龙东苑社区 (may be empty when election.json gives no community). */
  readonly community: string;
  /** 第九届, or empty when the title names no 届次. */
  readonly term: string;
  /** 银龙东苑社区第九届居民委员会 */
  readonly body: string;
  /** What was held: 换届选举 / 选举 / 另行选举 / 再次投票; in separate mode led by the office (委员选举). */
  readonly event: string;
  /** 银龙东苑社区居民委员会选举领导小组 (规程 第九条). */
  readonly leadGroup: string;
}

const TERM = /第[0-9〇零一二三四五六七八九十百]+届/u;

export function electionParts(e: Election): ElectionParts {
  const community = showControls(e.community ?? '');
  const term = TERM.exec(e.title)?.[0] ?? '';
  const body = `${community}${term}居民委员会`;
  // 分别投票: each office is its own election (SPEC §2.1), named by its office.
  const office = e.mode === 'separate' ? (e.offices[0]?.name ?? '') : '';
  const round =
    e.round === 'runoff' ? '另行选举' : e.round === 'revote' ? '再次投票' : e.title.includes('换届') && office === '' ? '换届选举' : '选举';
  const event = `${office}${round}`;
  return { community, term, body, event, leadGroup: `${community}居民委员会选举领导小组` };
}

/** The election as one phrase: 银龙东苑社区第九届居民委员会换届选举 (另行选举, 再次投票 …). */
export function electionPhrase(e: Election): string {
  const p = electionParts(e);
  return `${p.body}${p.event}`;
}

/** 2026-12-20 → 2026年12月20日 */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** The guideline every sheet cites. */
export const GUIDELINE = '《甘肃省城市社区居民委员会换届选举指导规程（试行）》';
export const LAW = '《中华人民共和国城市居民委员会组织法》';
