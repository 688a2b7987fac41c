/**
 * The 公开计票 board for the projector (issue 19): what the blackboard shows, readable from the back of
 * a hall — per office each candidate's 赞成 as a number and in 正 strokes, 反对/弃权, other names that
 * received votes, ballots counted, the last ballots typed; at the end the result as `jipiao count`
 * prints it, who is elected and the journal's SHA-256. Read-only; updates by server-sent events.
 * Client code is plain ES2017 inside String.raw (no template literals in it).
 */
export const BOARD_HTML = String.raw`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>公开计票 — jipiao</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:0;background:#10141c;color:#f4f4ee;font-size:2.2vw}
h1{font-size:2.2vw;margin:.2em .6em 0}
#top{display:flex;gap:1.2em;margin:0 .8em .2em;font-size:2vw;flex-wrap:wrap;align-items:baseline}
#top b{color:#ffd54a;font-size:3vw}#classes{font-size:1.7vw;color:#dde}
#grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(30vw,1fr));gap:.6em;padding:0 .8em}
.office{background:#1c2230;border-radius:.4em;padding:.3em .6em}
.office h2{margin:0;font-size:2.1vw;color:#8fd3ff}
table{border-collapse:collapse;width:100%}
td,th{padding:0 .3em;text-align:left;vertical-align:baseline}
th{font-size:1.3vw;color:#aab;font-weight:normal}
.n{font-size:3.2vw;font-weight:bold;color:#ffd54a;text-align:right}
.small{font-size:1.8vw;color:#ccd;text-align:right}
.zheng td{font-size:1.5vw;letter-spacing:.02em;color:#fff;word-break:break-all;padding-bottom:.3em;border-bottom:1px solid #2c3446}
.name{font-size:2.5vw;white-space:nowrap}
#recent{margin:.4em .8em;font-size:1.7vw;list-style:none;padding:0}
#recent li{margin:.1em 0}
#final{display:none;margin:.5em .8em;background:#0b3b1e;border-radius:.4em;padding:.4em .8em}
#final h2{font-size:3vw;margin:.2em 0}
#elected{font-size:3.4vw;color:#ffd54a}
#table{font-family:"Noto Sans Mono CJK SC","Sarasa Mono SC",monospace;font-size:1.2vw;white-space:pre;color:#e8e8e0;background:#0a0d12;padding:.5em;margin:.5em .8em;overflow:auto}#table:empty{display:none}
#sha{font-family:monospace;font-size:1.5vw;color:#9fe}
#alerts{margin:0 .8em;color:#ff8a80;font-size:1.8vw}#alerts:empty{display:none}
</style></head>
<body>
<h1 id="title">公开计票</h1>
<div id="top"><span>已计票 <b id="counted">0</b> 张</span><span>发出选票 <b id="issued">—</b> 张</span><span id="classes"></span></div>
<div id="alerts"></div>
<div id="final"><h2 id="verdict"></h2><div id="elected"></div><div>计票记录 SHA-256: <span id="sha"></span></div></div>
<div id="grid"></div>
<ul id="recent"></ul>
<div id="table"></div>
<script>
(function () {
  'use strict';
  window.__seen = {};
  var STAGES = ['', '一', '丅', '下', '止'];
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  function zheng(n) { var s = ''; for (var i = 0; i < Math.floor(n / 5); i++) s += '正'; return s + STAGES[n % 5]; }
  function $(id) { return document.getElementById(id); }
  function show(s) {
    $('title').textContent = s.title + ' — 公开计票';
    $('counted').textContent = s.counted;
    $('issued').textContent = s.issued;
    var c = s.classes;
    $('classes').textContent = '有效 ' + c.valid + ' (其中弃权 ' + c.blank + ') · 部分有效 ' + c.partial + ' · 无效 ' + c.invalid + ' · 疑难 ' + c.disputed;
    var html = '';
    s.offices.forEach(function (o) {
      html += '<div class="office"><h2>' + esc(o.name) + ' · 应选 ' + o.seats + ' 名</h2><table><tr><th>候选人</th><th style="text-align:right">赞成</th><th style="text-align:right">反对</th><th style="text-align:right">弃权</th></tr>';
      o.candidates.forEach(function (p) {
        html += '<tr><td class="name">' + esc(p.name) + '</td><td class="n" data-name="' + esc(p.name) + '">' + p.approve + '</td><td class="small">' + p.oppose + '</td><td class="small">' + p.abstain + '</td></tr>';
        html += '<tr class="zheng"><td colspan="4">' + zheng(p.approve) + '</td></tr>';
      });
      o.others.forEach(function (p) {
        html += '<tr><td class="name">' + esc(p.name) + '</td><td class="n">' + p.votes + '</td><td class="small" colspan="2">另选</td></tr>';
        html += '<tr class="zheng"><td colspan="4">' + zheng(p.votes) + '</td></tr>';
      });
      html += '</table></div>';
    });
    $('grid').innerHTML = html;
    $('recent').innerHTML = '<li style="color:#aab">最近录入:</li>' + s.recent.map(function (r) { return '<li>' + esc(r.ticket) + ' ' + esc(r.box) + ' — ' + esc(r.text) + ' <b>' + esc(r.label) + '</b></li>'; }).join('');
    var alerts = s.problems.map(esc);
    if (s.mismatches.length) alerts.unshift('两台录入有 ' + s.mismatches.length + ' 张不一致, 正在核对');
    $('alerts').innerHTML = alerts.join('<br>');
    if (s.final) {
      $('final').style.display = 'block';
      $('verdict').textContent = s.final.valid ? (s.final.provisional ? '计票结果 (有疑难选票待认定, 暂定)' : '计票结果') : '选举无效';
      $('elected').innerHTML = s.final.elected.length ? ('当选: ' + s.final.elected.map(function (e) { return esc(e.office) + ' ' + esc(e.name) + ' (' + e.votes + ' 票)'; }).join(' · ')) : '无人当选';
      $('sha').textContent = s.sha256 || '';
      $('table').textContent = s.final.table;
    }
    document.body.setAttribute('data-version', String(s.version));
    document.body.setAttribute('data-counted', String(s.counted));
    if (!(s.version in window.__seen)) window.__seen[s.version] = Date.now();
  }
  var es = new EventSource('/events');
  es.onmessage = function (ev) { show(JSON.parse(ev.data)); };
})();
</script>
</body></html>
`;
