/**
 * The small document model the sheets are written in; the text (text.ts) and HTML (html.ts) renderers
 * share it. A sheet is a form (选举结果报告单, 疑难选票认定表: filed, 10–11 pt) or a board notice (公告:
 * posted, poster-sized type).
 */

export type Block =
  /** The title; `over` is a line set above it (the body, e.g. 银龙东苑社区第九届居民委员会换届选举). */
  | { readonly kind: 'title'; readonly text: string; readonly over?: string | undefined }
  | { readonly kind: 'para'; readonly text: string; readonly strong?: boolean | undefined; readonly indent?: boolean | undefined }
  /** Label–value pairs on one or a few lines (选举名称：…　选举日期：…). */
  | { readonly kind: 'fields'; readonly items: readonly (readonly [string, string])[] }
  | {
      readonly kind: 'table';
      readonly head: readonly string[];
      readonly rows: readonly (readonly string[])[];
      readonly numeric?: readonly boolean[] | undefined;
      /** Columns never wrapped (编号, 票号). */
      readonly nowrap?: readonly boolean[] | undefined;
      readonly caption?: string | undefined;
    }
  /** Signature lines (one per role as listed, repeated roles repeat), the seal place and the date. */
  | {
      readonly kind: 'signatures';
      readonly roles: readonly string[];
      readonly seal?: string | undefined;
      readonly date?: string | undefined;
    }
  /** Lines set flush right: the issuing body and the date under a notice. */
  | { readonly kind: 'right'; readonly lines: readonly string[] }
  /** Blocks printed together on one page (the last figures with the signatures, never a page of signatures alone). */
  | { readonly kind: 'keep'; readonly blocks: readonly Block[] };

/** Every sheet there can be (file names without extension), in the order they are printed. */
export const SHEET_IDS = [
  '选举结果报告单',
  '选举结果公告',
  '当选公告',
  '选举无效公告',
  '疑难选票认定表',
  '再次投票公告',
  '另行选举公告',
] as const;
export type SheetId = (typeof SHEET_IDS)[number];

export interface Sheet {
  /** File name without extension, e.g. 选举结果报告单. */
  readonly id: SheetId;
  /** `form`: a sheet to fill in and file; `board`: a notice to post (title ≥ 22 pt, body ≥ 16 pt). */
  readonly style: 'form' | 'board';
  /** A short board notice set larger still, to fill its page (当选公告, 选举无效公告, 另行选举公告). */
  readonly roomy?: boolean | undefined;
  readonly blocks: readonly Block[];
}
