() => {
  // WCAG 2.x contrast of each visible piece of text against the colour behind it: the text
  // colour (CSS color, or an SVG fill, with its opacity) blended over the first opaque
  // background among its ancestors (white where none).
  const parse = c => { const m = c && c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = ([r, g, b]) => { const f = x => { x /= 255;
    return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const over = (fg, bg) => [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const background = e => {
    const r = e.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
    for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor), b = n.getBoundingClientRect();
      // an ancestor's background counts only where it is drawn behind the text
      if (c && c[3] > 0.9 && b.left <= x && x <= b.right && b.top <= y && y <= b.bottom) return c;
    }
    return [255, 255, 255, 1];
  };
  const opacity = e => { let o = 1;
    for (let n = e; n && n.nodeType === 1; n = n.parentElement) o *= Number(getComputedStyle(n).opacity);
    return o; };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const text = t.textContent.trim();
    const e = t.parentElement;
    if (!text || !e) continue;
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || s.display === 'none') continue;
    if (e.closest('[disabled], [aria-disabled="true"], [data-disabled], .modebar, [aria-hidden="true"]')) continue;
    const isSvg = e instanceof SVGElement;
    let fg = parse(isSvg ? s.fill : s.color);
    if (!fg) continue;
    fg = [...fg.slice(0, 3), fg[3] * opacity(e) * (isSvg ? Number(s.fillOpacity || 1) : 1)];
    if (fg[3] < 0.05) continue;  // transparent: not shown
    const bg = background(e);
    out.push({text: text.slice(0, 60), ratio: ratio(over(fg, bg), bg), fg: s.color || s.fill,
              bg: bg.join(','), tag: e.tagName});
  }
  return out;
}
