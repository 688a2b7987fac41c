/**
 * The sheets as one print-ready HTML document: A4 pages, a CJK font stack, a page break before every
 * sheet, no scripts, every value HTML-escaped.
 */
import type { Block, Sheet } from './sheets.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const CSS = `@page { size: A4; margin: 20mm 18mm; }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; font-size: 11pt; color: #000; }
body { margin: 0; }
.sheet { break-before: page; page-break-before: always; }
.sheet:first-of-type { break-before: auto; page-break-before: auto; }
h1 { font-size: 18pt; text-align: center; letter-spacing: 0.2em; margin: 0 0 12pt; }
p { margin: 4pt 0; line-height: 1.6; }
p.strong { font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; break-inside: auto; }
th, td { border: 0.6pt solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 14pt 24pt; margin-top: 24pt; }
.signatures div { border-bottom: 0.6pt solid #000; padding-top: 14pt; }
.right { text-align: right; margin-top: 24pt; }
@media screen { .sheet { max-width: 174mm; margin: 0 auto; padding: 16mm 0; } }`;

function block(b: Block): string {
  switch (b.kind) {
    case 'title':
      return `<h1>${escapeHtml(b.text)}</h1>`;
    case 'para':
      return `<p${b.strong ? ' class="strong"' : ''}>${escapeHtml(b.text)}</p>`;
    case 'table': {
      const head = b.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
      const rows = b.rows
        .map((r) => `<tr>${r.map((c, i) => `<td${b.numeric?.[i] ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('\n');
      return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
    }
    case 'signatures':
      return `<div class="signatures">${b.roles.map((r) => `<div>${escapeHtml(r)} (签名):</div>`).join('')}</div>\n<p class="right">${escapeHtml(b.date)}</p>`;
    case 'right':
      return `<div class="right">${b.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>`;
  }
}

export function sheetsHtml(title: string, sheets: readonly Sheet[]): string {
  const body = sheets.map((s) => `<section class="sheet" id="${escapeHtml(s.id)}">\n${s.blocks.map(block).join('\n')}\n</section>`).join('\n');
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
