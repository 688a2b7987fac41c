/**
 * The sheets as one print-ready HTML document: A4 pages numbered `第 n 页 共 m 页` (CSS page-margin boxes), a
 * CJK font stack, a page break before every sheet, forms at 10.5 pt and board notices in poster-sized type
 * (title ≥ 22 pt, body ≥ 16 pt), the last figures kept on one page with the signatures, no scripts, every
 * value HTML-escaped, spaces kept as written (never collapsed).
 */
import type { Block, Sheet } from './blocks.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const CSS = `@page { size: A4; margin: 16mm 17mm 18mm;
  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 9pt; } }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; color: #000; }
body { margin: 0; }
p, td, th, h1 { white-space: pre-wrap; line-break: strict; word-break: normal; overflow-wrap: anywhere; }
.sheet { break-before: page; page-break-before: always; }
.sheet:first-of-type { break-before: auto; page-break-before: auto; }
.form { font-size: 10.5pt; }
.form h1 { font-size: 20pt; text-align: center; letter-spacing: 0.3em; margin: 0 0 8pt; }
.form p { margin: 3pt 0; line-height: 1.45; }
.board { font-size: 16pt; page: board; }
@page board { margin: 14mm 15mm 16mm; }
.board .over { font-size: 22pt; text-align: center; font-weight: bold; margin: 6pt 0 0; line-height: 1.3; }
.board h1 { font-size: 30pt; text-align: center; letter-spacing: 0.3em; margin: 4pt 0 14pt; line-height: 1.3; }
.board p { margin: 4pt 0; line-height: 1.5; }
.roomy { font-size: 18pt; }
.roomy h1 { margin: 10pt 0 24pt; }
.roomy p { line-height: 1.8; margin: 6pt 0; }
.roomy .right { margin-top: 28pt; }
p.indent { text-indent: 2em; }
p.strong { font-weight: bold; }
.fields span { margin-right: 1.5em; white-space: nowrap; display: inline-block; }
table { border-collapse: collapse; width: 100%; margin: 5pt 0; }
caption { text-align: left; font-weight: bold; padding: 2pt 0; }
th, td { border: 0.6pt solid #000; padding: 1.5pt 4pt; text-align: left; vertical-align: top; line-height: 1.3; }
th { background: #f0f0f0; font-weight: bold; }
.board th, .board td { padding: 2pt 5pt; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.nw { white-space: nowrap; }
tr, .keep, .sigs div { break-inside: avoid; page-break-inside: avoid; }
.sigs { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 2pt 12pt; margin-top: 6pt; }
.board .sigs { grid-template-columns: 1fr 1fr; gap: 0 18pt; margin-top: 4pt; }
.board .sigs div { padding-top: 6pt; }
.sigs div { border-bottom: 0.6pt solid #000; padding-top: 10pt; white-space: nowrap; }
.right { text-align: right; margin-top: 10pt; }
.right p { margin: 2pt 0; }
@media screen { .sheet { max-width: 176mm; margin: 0 auto; padding: 16mm 0; } }`;

function table(b: Extract<Block, { kind: 'table' }>): string {
  const cls = (i: number): string => {
    const c = [b.numeric?.[i] ? 'num' : '', b.nowrap?.[i] ? 'nw' : ''].filter((x) => x !== '').join(' ');
    return c === '' ? '' : ` class="${c}"`;
  };
  const head = b.head.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const rows = b.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  const caption = b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : '';
  return `<table>${caption}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'title':
      return `${b.over ? `<p class="over">${escapeHtml(b.over)}</p>\n` : ''}<h1>${escapeHtml(b.text)}</h1>`;
    case 'para': {
      const cls = [b.strong ? 'strong' : '', b.indent ? 'indent' : ''].filter((x) => x !== '').join(' ');
      return `<p${cls === '' ? '' : ` class="${cls}"`}>${escapeHtml(b.text)}</p>`;
    }
    case 'fields':
      return `<p class="fields">${b.items.map(([k, v]) => `<span>${escapeHtml(k)}：${escapeHtml(v)}</span>`).join('')}</p>`;
    case 'table':
      return table(b);
    case 'signatures':
      return [
        `<div class="sigs">${b.roles.map((r) => `<div>${escapeHtml(r)}（签名）：</div>`).join('')}</div>`,
        `<div class="right">${[b.seal, b.date]
          .filter((x): x is string => x !== undefined && x !== '')
          .map((l) => `<p>${escapeHtml(l)}</p>`)
          .join('')}</div>`,
      ].join('\n');
    case 'right':
      return `<div class="right">${b.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>`;
    case 'keep':
      return `<div class="keep">\n${b.blocks.map(block).join('\n')}\n</div>`;
  }
}

export function sheetsHtml(title: string, sheets: readonly Sheet[]): string {
  const body = sheets
    .map(
      (s) =>
        `<section class="sheet ${s.style}${s.roomy ? ' roomy' : ''}" id="${escapeHtml(s.id)}">\n${s.blocks.map(block).join('\n')}\n</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
${CSS}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
