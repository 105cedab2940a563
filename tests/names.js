// Each visible control of the page with the name a screen reader announces for it, as the
// DOM gives it: aria-label, aria-labelledby, a <label for>, a wrapping <label>, a button's
// text, a title.
() => {
  const vis = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const text = e => (e ? (e.innerText || e.textContent || '').trim() : '');
  const out = [];
  const sel = 'input:not([type=hidden]), select, textarea, button, [role=combobox], [role=spinbutton], [role=slider], [role=tab], [role=checkbox], [role=switch]';
  for (const e of document.querySelectorAll(sel)) {
    if (!vis(e) && e.type !== 'file') continue;
    let name = e.getAttribute('aria-label') || '';
    if (!name && e.getAttribute('aria-labelledby'))
      name = e.getAttribute('aria-labelledby').split(/\s+/).map(id => text(document.getElementById(id))).join(' ');
    if (!name && e.id) { const l = document.querySelector(`label[for="${CSS.escape(e.id)}"]`); name = text(l); }
    if (!name) name = text(e.closest('label'));
    if (!name && (e.tagName === 'BUTTON' || e.getAttribute('role') === 'tab')) name = text(e);
    if (!name) name = e.getAttribute('title') || '';
    out.push({tag: e.tagName, role: e.getAttribute('role') || e.type || '', name: name.trim(),
              html: e.outerHTML.slice(0, 160)});
  }
  return out;
}
