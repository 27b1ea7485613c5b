// Small DOM and data helpers. Every piece of text from the store goes into
// the page through textContent (never innerHTML): a page that contains
// "<script>" shows it as text.

/** el('p', {class: 'x', title: 't'}, 'text', child, ...) */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'href') e.setAttribute('href', safeHref(v));
    else e.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** Links go to this page's own views (#/...) or to http(s) sources only. */
export function safeHref(v) {
  const s = String(v);
  return s.startsWith('#') || /^https?:\/\//i.test(s) ? s : '#/';
}

/** Lower case, no diacritics, đ -> d: how the store folds text for search. */
export function fold(s) {
  return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd').toLowerCase();
}

/** The hash route: "#/article?doc=..&article=0" -> {view: 'article', params}. */
export function route() {
  const h = location.hash.replace(/^#\/?/, '');
  const [view, qs] = h.split('?');
  return { view: view || '', params: new URLSearchParams(qs || '') };
}

export function link(view, params) {
  return '#/' + view + '?' + new URLSearchParams(params).toString();
}

/** CAMEO root codes, for people who do not read codes. */
const CAMEO = {
  '01': 'public statement', '02': 'appeal', '03': 'intent to cooperate', '04': 'consult',
  '05': 'diplomatic cooperation', '06': 'material cooperation', '07': 'provide aid', '08': 'yield',
  '09': 'investigate', '10': 'demand', '11': 'disapprove', '12': 'reject', '13': 'threaten',
  '14': 'protest', '15': 'force posture', '16': 'reduce relations', '17': 'coerce', '18': 'assault',
  '19': 'fight', '20': 'mass violence',
};
export function cameoName(code) { return CAMEO[String(code || '').slice(0, 2)] || 'event'; }

/** A colour for a mean Goldstein score (-10 conflict .. +10 cooperation). */
export function balanceColor(mean, events) {
  if (!events) return '#9aa5b1';
  const t = Math.max(-1, Math.min(1, mean / 5));
  // red (conflict) -> slate (neutral) -> green (cooperation)
  const lerp = (a, b, x) => Math.round(a + (b - a) * x);
  const neutral = [148, 160, 172], red = [214, 69, 65], green = [46, 158, 107];
  const to = t < 0 ? red : green, x = Math.abs(t);
  return `rgb(${lerp(neutral[0], to[0], x)},${lerp(neutral[1], to[1], x)},${lerp(neutral[2], to[2], x)})`;
}

export function fmtScore(g) {
  const n = Number(g || 0);
  return (n > 0 ? '+' : '') + n.toFixed(1);
}

/** The text as nodes, with every occurrence of the query's words (in order,
 * diacritics optional, as the store's search matches) in <mark>. */
export function highlightMatches(text, query) {
  const q = fold(query).replace(/\s+/g, ' ').trim();
  const t = String(text || '');
  if (!q) return [t];
  // Fold character by character, remembering where each folded char came from.
  let folded = '';
  const from = [];
  for (let i = 0; i < t.length;) {
    const cp = t.codePointAt(i);
    const ch = String.fromCodePoint(cp);
    const f = /\s/.test(ch) ? ' ' : fold(ch);
    for (const c of f) { folded += c; from.push(i); }
    i += ch.length;
  }
  from.push(t.length);
  const out = [];
  let pos = 0;
  for (let k = folded.indexOf(q); k >= 0; k = folded.indexOf(q, k + q.length)) {
    const s = from[k], e = from[k + q.length];
    if (s < pos) continue;
    if (s > pos) out.push(t.slice(pos, s));
    out.push(el('mark', { class: 'hl' }, t.slice(s, e)));
    pos = e;
  }
  if (pos < t.length) out.push(t.slice(pos));
  return out;
}
