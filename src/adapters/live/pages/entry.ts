/**
 * The 录入 page for the 计票员 (issue 19): keyboard only, one ballot at a time as it is called.
 * Keys: the candidate's key = 赞成 (again = 取消); `-` then key = 反对; `?` then key = 符号无法确定;
 * `+` = 另选 name (Chinese IME works; Tab changes the office; Enter adds); `!` = 无法辨认; `#` = 疑难;
 * `;` = 备注; Backspace = undo the last key; Esc = clear; Enter = save. F2 票箱, F8 撤销上一张,
 * F9 修改一张, F10 结束计票. The class and reasons of the ballot are shown before it is saved.
 * Client code is plain ES2017 inside String.raw (no template literals in it).
 */
export const ENTRY_HTML = String.raw`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>录入 — jipiao 现场计票</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:0;background:#f6f6f2;color:#111;font-size:20px}
header{background:#223;color:#fff;padding:8px 16px;display:flex;gap:24px;align-items:baseline;flex-wrap:wrap}
header h1{font-size:22px;margin:0}
#next{font-size:34px;font-weight:bold}
main{display:grid;grid-template-columns:2fr 1fr;gap:16px;padding:12px 16px}
.office{background:#fff;border:1px solid #ccc;border-radius:6px;padding:8px 12px;margin-bottom:10px}
.office h2{margin:0 0 6px;font-size:20px}
.cands{display:flex;flex-wrap:wrap;gap:8px}
.cand{border:2px solid #999;border-radius:6px;padding:6px 10px;min-width:120px}
.cand kbd{display:inline-block;background:#223;color:#fff;border-radius:4px;padding:0 8px;margin-right:6px;font-size:22px}
.cand.approve{border-color:#0a0;background:#e6ffe6}.cand.oppose{border-color:#c00;background:#ffe6e6}.cand.unclear{border-color:#c80;background:#fff3d6}
.mark{font-size:26px;font-weight:bold;margin-left:6px}
.writein{margin-top:6px;color:#024}
#preview{font-size:24px;padding:10px;border-radius:6px;background:#fff;border:2px solid #999;min-height:60px}
#preview.valid{border-color:#0a0}#preview.partial{border-color:#c80}#preview.invalid,#preview.disputed{border-color:#c00}
#msg{min-height:32px;font-size:22px;margin:8px 0}#msg.err{color:#c00;font-weight:bold}#msg.ok{color:#070}
#mismatch{display:none;background:#c00;color:#fff;padding:10px;border-radius:6px;font-size:22px;margin-bottom:10px}
.dialog{display:none;position:fixed;left:20%;top:20%;width:60%;background:#fff;border:3px solid #223;border-radius:8px;padding:16px;box-shadow:0 0 0 9999px rgba(0,0,0,.35);z-index:9}
.dialog input{font-size:26px;width:90%}
.legend{font-size:16px;color:#333;line-height:1.7}.legend kbd{background:#ddd;border-radius:3px;padding:0 5px}
#status{font-size:22px;font-weight:bold;color:#c00}
#conn{font-size:16px}
</style></head>
<body>
<header><h1 id="title">现场计票 — 录入</h1><span id="who"></span><span>票箱: <b id="box"></b></span><span id="next"></span><span id="conn"></span></header>
<main>
<section>
<div id="mismatch" role="alert"></div>
<div id="offices"></div>
<div id="status"></div>
<div id="note"></div>
<div id="preview" aria-live="polite">请按候选人的键录入</div>
<div id="msg" aria-live="assertive"></div>
</section>
<aside>
<div class="legend">
<b>按键</b><br>
<kbd>1</kbd>… 候选人 赞成 (再按一次取消)<br>
<kbd>-</kbd> 再按候选人键: 反对<br>
<kbd>?</kbd> 再按候选人键: 符号无法确定<br>
<kbd>+</kbd> 另选姓名 (<kbd>Tab</kbd> 换职务, <kbd>Enter</kbd> 加入)<br>
<kbd>!</kbd> 整张无法辨认 · <kbd>#</kbd> 疑难 (另放)<br>
<kbd>;</kbd> 备注 · <kbd>Backspace</kbd> 退一步 · <kbd>Esc</kbd> 清空<br>
<kbd>Enter</kbd> 保存这张<br>
<kbd>F2</kbd> 票箱 · <kbd>F8</kbd> 撤销上一张 · <kbd>F9</kbd> 修改一张 · <kbd>F10</kbd> 结束计票
</div>
<h3>最近保存</h3><ol id="mine" reversed></ol>
</aside>
</main>
<div class="dialog" id="dlg"><div id="dlgTitle"></div><input id="dlgInput" autocomplete="off"><div id="dlgHint"></div></div>
<script>
(function () {
  'use strict';
  var q = new URLSearchParams(location.search);
  var KEY = q.get('key') || '';
  var TRACK = q.get('role') === 'check' ? 'check' : 'main';
  var station = q.get('station') || localStorage.getItem('jipiao.station') || '';
  var box = q.get('box') || localStorage.getItem('jipiao.box') || '';
  var cfg = null, snap = null;
  var draft = blank(), history = [], prefix = null, lastOffice = null, pendingId = null, editing = null;
  var dialog = null, previewSeq = 0, busy = false;
  window.__saves = [];
  function $(id) { return document.getElementById(id); }
  function blank() { return { marks: {}, writeIns: [], status: '', note: '' }; }
  function clone(d) { return JSON.parse(JSON.stringify(d)); }
  function newId() { return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  function api(method, path, body) {
    var h = { 'content-type': 'application/json' };
    if (KEY) h['x-entry-key'] = KEY;
    return fetch(path, { method: method, headers: h, body: body ? JSON.stringify(body) : undefined }).then(function (r) {
      return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || ('HTTP ' + r.status)); return j; });
    });
  }
  function msg(text, kind) { var m = $('msg'); m.textContent = text; m.className = kind || ''; }
  function officeOf(i) { return cfg.candidates[i].office; }
  function render() {
    var html = '';
    cfg.offices.forEach(function (o, oi) {
      html += '<div class="office"><h2>' + esc(o.name) + ' (应选 ' + o.seats + ' 名)</h2><div class="cands">';
      cfg.candidates.forEach(function (c, i) {
        if (c.office !== oi) return;
        var m = draft.marks[i] || '';
        var sym = m === 'approve' ? '○' : m === 'oppose' ? '×' : m === 'unclear' ? '?' : '';
        html += '<div class="cand ' + m + '" data-i="' + i + '"><kbd>' + esc(c.key) + '</kbd>' + esc(c.name) + '<span class="mark">' + sym + '</span></div>';
      });
      html += '</div>';
      draft.writeIns.forEach(function (w) { if (w.office === oi) html += '<div class="writein">另选: <b>' + esc(w.name) + '</b></div>'; });
      html += '</div>';
    });
    $('offices').innerHTML = html;
    $('status').textContent = draft.status ? ('状态: ' + draft.status) : '';
    $('note').textContent = draft.note ? ('备注: ' + draft.note) : '';
    $('who').textContent = (TRACK === 'check' ? '复核录入 · ' : '录入 · ') + (station || '未署名');
    $('box').textContent = box || '(按 F2 填写)';
    var next = editing ? ('修改 ' + editing.mainTicket) : TRACK === 'main' ? ('下一张 ' + (snap ? snap.nextTicket : '…')) : ('复核 下一张');
    $('next').textContent = next;
    preview();
  }
  var previewTimer = null;
  // While keys come fast, only the ballot as it stands after the last key is classified.
  function preview() {
    var seq = ++previewSeq;
    if (previewTimer) clearTimeout(previewTimer);
    previewTimer = setTimeout(function () { previewNow(seq); }, 40);
  }
  function previewNow(seq) {
    if (seq !== previewSeq) return;
    api('POST', '/api/preview', { draft: draft }).then(function (p) {
      if (seq !== previewSeq) return;
      var el = $('preview');
      el.className = p.class;
      var lines = ['<b>' + esc(p.label) + '</b>'].concat(p.reasons.map(esc)).concat(p.writeIns.map(function (w) { return '另选 ' + esc(w.text); }));
      el.innerHTML = lines.join('<br>');
      el.setAttribute('data-class', p.class);
    }).catch(function (e) { if (seq === previewSeq) { $('preview').textContent = e.message; $('preview').className = 'invalid'; } });
  }
  function change(fn) { history.push(clone(draft)); fn(); pendingId = null; render(); }
  function candidateKey(k) {
    var i = -1;
    cfg.candidates.forEach(function (c, j) { if (c.key === k) i = j; });
    if (i < 0) return false;
    var want = prefix === '-' ? 'oppose' : prefix === '?' ? 'unclear' : 'approve';
    prefix = null;
    change(function () { if (draft.marks[i] === want) delete draft.marks[i]; else draft.marks[i] = want; });
    lastOffice = officeOf(i);
    return true;
  }
  function writeInOffice() {
    if (lastOffice !== null && cfg.offices[lastOffice].slots > 0) return lastOffice;
    for (var oi = cfg.offices.length - 1; oi >= 0; oi--) if (cfg.offices[oi].slots > 0) return oi;
    return 0;
  }
  function openDialog(kind, title, value, onEnter, extra) {
    dialog = { kind: kind, onEnter: onEnter, extra: extra || {} };
    $('dlgTitle').textContent = title;
    $('dlgHint').textContent = '';
    var inp = $('dlgInput');
    inp.value = value || '';
    $('dlg').style.display = 'block';
    inp.focus();
  }
  function closeDialog() { dialog = null; $('dlg').style.display = 'none'; $('dlgInput').blur(); }
  function writeInTitle(oi) { return '另选 — ' + cfg.offices[oi].name + ' (Tab 换职务, Enter 加入, Esc 取消)'; }
  function checkWriteIn() {
    if (!dialog || dialog.kind !== 'writein') return;
    var name = $('dlgInput').value.trim();
    if (!name) { $('dlgHint').textContent = ''; return; }
    var d = { marks: {}, writeIns: [{ office: dialog.extra.office, name: name }], status: '', note: '' };
    var seq = ++previewSeq;
    api('POST', '/api/preview', { draft: d }).then(function (p) {
      if (dialog && dialog.kind === 'writein' && p.writeIns[0]) { $('dlgHint').textContent = p.writeIns[0].text; $('dlgHint').setAttribute('data-verdict', p.writeIns[0].verdict); }
    }).catch(function () {});
    void seq;
  }
  $('dlgInput').addEventListener('input', function (e) { if (!e.isComposing) checkWriteIn(); });
  $('dlgInput').addEventListener('compositionend', checkWriteIn);
  $('dlgInput').addEventListener('keydown', function (e) {
    e.stopPropagation(); // the dialog's keys are not ballot keys
    if (e.isComposing || e.keyCode === 229) return; // the IME is choosing characters: Enter is not ours
    if (e.key === 'Escape') { e.preventDefault(); closeDialog(); render(); return; }
    if (e.key === 'Tab' && dialog && dialog.kind === 'writein') {
      e.preventDefault();
      var n = cfg.offices.length, oi = dialog.extra.office;
      do { oi = (oi + (e.shiftKey ? n - 1 : 1)) % n; } while (cfg.offices[oi].slots === 0 && oi !== dialog.extra.office);
      dialog.extra.office = oi;
      $('dlgTitle').textContent = writeInTitle(oi);
      checkWriteIn();
      return;
    }
    if (e.key === 'Enter') { e.preventDefault(); var d = dialog; var v = $('dlgInput').value.trim(); closeDialog(); d.onEnter(v, d.extra); }
  });
  function save() {
    if (busy) return;
    if (!box) { msg('请先按 F2 填写票箱', 'err'); return; }
    if (prefix) { msg('「' + prefix + '」后面还没有按候选人键', 'err'); return; }
    busy = true;
    msg('保存中…');
    var t0 = Date.now();
    var body, path;
    if (editing) { path = '/api/edit'; body = { station: station, track: TRACK, box: editing.box, ticket: editing.ticket, draft: draft }; }
    else { pendingId = pendingId || newId(); path = '/api/save'; body = { id: pendingId, station: station, track: TRACK, box: box, draft: draft }; }
    api('POST', path, body).then(function (r) {
      busy = false;
      if (editing) { msg('已修改 ' + editing.mainTicket + ' (修改记录已保存)', 'ok'); editing = null; }
      else {
        window.__saves.push({ ticket: r.ticket, t: t0, version: r.version, id: body.id });
        msg('已保存 ' + (TRACK === 'main' ? r.ticket : ('复核第 ' + r.ticket + ' 张')) + ' · ' + r.label, 'ok');
        var li = document.createElement('li'); li.textContent = r.ticket + ' ' + r.label; $('mine').insertBefore(li, $('mine').firstChild);
        while ($('mine').children.length > 8) $('mine').removeChild($('mine').lastChild);
      }
      draft = blank(); history = []; prefix = null; lastOffice = null; pendingId = null;
      render();
    }).catch(function (e) { busy = false; msg('未保存: ' + e.message + ' — 内容保留, 连接恢复后再按 Enter (不会重复)', 'err'); });
  }
  function onKey(e) {
    if (dialog || !cfg) return;
    var k = e.key;
    if (k === 'F2') { e.preventDefault(); openDialog('box', '票箱名称 (Enter 确定)', box, function (v) { if (v) { box = v; localStorage.setItem('jipiao.box', v); } render(); }); return; }
    if (k === 'F8') {
      e.preventDefault();
      openDialog('undo', '撤销这个录入台保存的上一张? 输入 y 再按 Enter 确定, Esc 取消', '', function (v) {
        if (v.toLowerCase() !== 'y') { render(); return; }
        api('POST', '/api/undo', { station: station, track: TRACK }).then(function (r) { msg('已撤销 ' + r.ticket + ' (撤销记录已保存), 请重新录入这一张', 'ok'); render(); }).catch(function (er) { msg(er.message, 'err'); });
      });
      return;
    }
    if (k === 'F9') {
      e.preventDefault();
      openDialog('edit', '修改哪一张? 输入票号再按 Enter', '', function (v) {
        api('GET', '/api/ballot?track=' + TRACK + '&ticket=' + encodeURIComponent(v)).then(function (b) {
          editing = b; draft = b.draft; history = []; msg('正在修改 ' + b.mainTicket + ': 改好后按 Enter 保存, Esc 放弃', 'ok'); render();
        }).catch(function (er) { msg(er.message, 'err'); });
      });
      return;
    }
    if (k === 'F10') {
      e.preventDefault();
      openDialog('finish', '结束计票: 记录将封存, 并生成结果和文书。输入「结束」或 end 再按 Enter', '', function (v) {
        if (v !== '结束' && v.toLowerCase() !== 'end') { render(); return; }
        api('POST', '/api/finish', { station: station }).then(function (r) { msg('已结束计票。SHA-256: ' + r.sha256, 'ok'); }).catch(function (er) { msg('未能结束: ' + er.message, 'err'); });
      });
      return;
    }
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (k === 'Enter') { e.preventDefault(); save(); return; }
    if (k === 'Escape') { e.preventDefault(); if (editing) { editing = null; msg('已放弃修改'); } change(function () { draft = blank(); }); prefix = null; return; }
    if (k === 'Backspace') { e.preventDefault(); if (prefix) { prefix = null; } else if (history.length) { draft = history.pop(); pendingId = null; render(); } return; }
    if (k === '-' || k === '?') { e.preventDefault(); prefix = k; msg(k === '-' ? '反对: 请按候选人键' : '无法确定: 请按候选人键'); return; }
    if (k === '!') { e.preventDefault(); change(function () { draft.status = draft.status === '无法辨认' ? '' : '无法辨认'; }); return; }
    if (k === '#') { e.preventDefault(); change(function () { draft.status = draft.status === '疑难' ? '' : '疑难'; }); return; }
    if (k === ';') { e.preventDefault(); openDialog('note', '备注 (Enter 确定)', draft.note, function (v) { change(function () { draft.note = v; }); }); return; }
    if (k === '+') {
      e.preventDefault();
      var oi = writeInOffice();
      openDialog('writein', writeInTitle(oi), '', function (v, extra) { if (v) change(function () { draft.writeIns.push({ office: extra.office, name: v }); }); else render(); }, { office: oi });
      return;
    }
    if (k.length === 1 && candidateKey(k.toLowerCase())) { e.preventDefault(); return; }
  }
  document.addEventListener('keydown', onKey);
  // The mouse is never needed, but a candidate can also be picked by clicking (赞成, again = 取消).
  $('offices').addEventListener('click', function (e) {
    var el = e.target.closest ? e.target.closest('.cand') : null;
    if (!el || dialog) return;
    var c = cfg.candidates[Number(el.getAttribute('data-i'))];
    if (c) candidateKey(c.key);
  });
  function showSnap(s) {
    snap = s;
    var mm = s.mismatches;
    var el = $('mismatch');
    if (mm.length) {
      el.style.display = 'block';
      el.innerHTML = '两台录入不一致 (' + mm.length + ' 张): ' + mm.map(function (m) {
        return esc(m.ticket) + ' (' + esc(m.box) + ' 第 ' + m.position + ' 张): ' + m.differences.map(function (d) { return esc(d.column) + ' 录入「' + esc(d.first) + '」/ 复核「' + esc(d.second) + '」'; }).join('; ');
      }).join('<br>') + '<br>请唱票员重读这张选票, 录错的一方按 F9 修改。';
    } else el.style.display = 'none';
    el.setAttribute('data-count', String(mm.length));
    if (s.frozen) msg('已结束计票, 记录已封存 (SHA-256 ' + s.sha256 + ')', 'ok');
    var next = $('next');
    if (!editing && TRACK === 'main') next.textContent = '下一张 ' + s.nextTicket;
    document.body.setAttribute('data-version', String(s.version));
  }
  function connect() {
    var es = new EventSource('/events');
    es.onmessage = function (ev) { $('conn').textContent = '● 已连接'; showSnap(JSON.parse(ev.data)); };
    es.onerror = function () { $('conn').textContent = '○ 连接中断, 正在重连…'; };
  }
  function setup() {
    if (!station) {
      openDialog('station', '计票员姓名 (Enter 确定)', '', function (v) { station = v || '未署名'; localStorage.setItem('jipiao.station', station); setup(); });
      return;
    }
    if (!box) { openDialog('box', '票箱名称 (Enter 确定)', '', function (v) { box = v; if (v) localStorage.setItem('jipiao.box', v); setup(); }); return; }
    render();
    document.body.setAttribute('data-ready', '1');
  }
  fetch('/api/config').then(function (r) { return r.json(); }).then(function (c) { cfg = c; $('title').textContent = c.title + ' — 录入'; connect(); setup(); });
})();
</script>
</body></html>
`;
