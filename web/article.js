// The article view: the page's text with its evidence highlighted. Spans in
// the store are bytes of the original file; the text shown is the
// normalised text the extractor read. Each sentence is found in the body by
// its text, and each entity inside its sentence by its text, at the
// occurrence nearest its byte offset.
import { el, link, cameoName, fmtScore } from './dom.js';

const enc = new TextEncoder();
const bytes = (s) => enc.encode(s).length;

/** Char ranges of the sentences in body: [{start, end, span: [s, e]}]. */
function placeSentences(body, sentences) {
  const out = [];
  let cursor = 0;
  for (const s of sentences) {
    if (!s.text) continue;
    let i = body.indexOf(s.text, cursor);
    if (i < 0) i = body.indexOf(s.text);
    if (i < 0) continue;
    out.push({ start: i, end: i + s.text.length, span: s.span });
    cursor = i + s.text.length;
  }
  return out;
}

/** The char range of a mention inside [from, to) of text, nearest to the
 * byte offset `near` from `from`. */
function placeIn(text, from, to, needle, near) {
  if (!needle) return null;
  let best = null, bestd = Infinity;
  for (let i = text.indexOf(needle, from); i >= 0 && i + needle.length <= to; i = text.indexOf(needle, i + 1)) {
    const d = Math.abs(bytes(text.slice(from, i)) - near);
    if (d < bestd) { best = i; bestd = d; }
  }
  return best === null ? null : { start: best, end: best + needle.length };
}

/** Writes text[from, to) into parent, wrapping the entities that fall in it. */
function writeRange(parent, text, from, to, ents) {
  let pos = from;
  for (const m of ents) {
    if (m.start < pos || m.end > to) continue;
    if (m.start > pos) parent.append(text.slice(pos, m.start));
    parent.append(el('span', { class: `ent ${m.kind}`, title: `${m.kind}: ${m.id}${m.name ? ' (' + m.name + ')' : ''}` },
      text.slice(m.start, m.end)));
    pos = m.end;
  }
  if (pos < to) parent.append(text.slice(pos, to));
}

function eventLabel(e) {
  return `${e.source} → ${e.target}: ${e.code} ${cameoName(e.code)}${e.date ? ', ' + e.date : ''}` +
    `${e.modality && e.modality !== 'asserted' ? ' (' + e.modality + ')' : ''}, Goldstein ${fmtScore(e.goldstein)}`;
}

/** Renders /api/article's answer; focus = [start, end] byte span to show. */
export function renderArticle(a, focus) {
  const body = a.body_text || '';
  const sents = placeSentences(body, a.sentences || []);
  const bySpan = (span) => sents.find((s) => s.span[0] <= span[0] && span[1] <= s.span[1]);

  // Entities: in the title or in a placed sentence.
  const titleEnts = [], bodyEnts = [];
  for (const e of a.entities || []) {
    if (!e.span || !e.text) continue;
    if (a.title && a.title_span && e.span[0] >= a.title_span[0] && e.span[1] <= a.title_span[1]) {
      const r = placeIn(a.title, 0, a.title.length, e.text, e.span[0] - a.title_span[0]);
      if (r) titleEnts.push({ ...r, kind: e.kind, id: e.id, name: e.name });
      continue;
    }
    const s = bySpan(e.span);
    const r = s && placeIn(body, s.start, s.end, e.text, e.span[0] - s.span[0]);
    if (r) bodyEnts.push({ ...r, kind: e.kind, id: e.id, name: e.name });
  }
  const nonOverlapping = (list) => {
    list.sort((x, y) => x.start - y.start || y.end - x.end);
    const out = [];
    for (const m of list) if (!out.length || m.start >= out[out.length - 1].end) out.push(m);
    return out;
  };

  // Evidence sentences: events and memberships grouped by sentence.
  const marks = new Map();
  const addMark = (span, label, cls) => {
    const s = bySpan(span);
    if (!s) return;
    const key = s.start;
    if (!marks.has(key)) marks.set(key, { ...s, labels: [], cls: new Set() });
    marks.get(key).labels.push(label);
    marks.get(key).cls.add(cls);
  };
  for (const e of a.events || []) addMark(e.span, eventLabel(e), e.quad >= 3 ? 'conflict' : 'coop');
  for (const m of a.memberships || []) addMark(m.span, `${m.member} ${m.role} of ${m.org}${m.date ? ', ' + m.date : ''}`, 'member');

  const title = el('h2', { class: 'atitle' });
  writeRange(title, a.title || '(no title)', 0, (a.title || '(no title)').length, nonOverlapping(titleEnts));

  const text = el('div', { class: 'atext', id: 'article-text' });
  const ents = nonOverlapping(bodyEnts);
  const ordered = [...marks.values()].sort((x, y) => x.start - y.start);
  let pos = 0, focused = null;
  for (const m of ordered) {
    if (m.start < pos) continue;
    writeRange(text, body, pos, m.start, ents);
    const isFocus = focus && m.span[0] <= focus[0] && focus[1] <= m.span[1] + 1;
    const mark = el('mark', {
      class: `evidence ${[...m.cls].join(' ')}${isFocus ? ' focus' : ''}`,
      title: m.labels.join('\n'),
      'data-span': `${m.span[0]}-${m.span[1]}`,
    });
    writeRange(mark, body, m.start, m.end, ents);
    text.append(mark);
    if (isFocus) focused = mark;
    pos = m.end;
  }
  writeRange(text, body, pos, body.length, ents);

  const facts = el('ol', { class: 'facts' },
    ordered.map((m) => el('li', {}, m.labels.map((l) => el('div', {}, l)))));

  const meta = el('p', { class: 'meta' },
    el('span', { class: 'doc', text: a.doc + (a.article ? ` (article ${a.article + 1})` : '') }),
    a.published ? ` · published ${a.published}` : '',
    a.source_url ? [' · ', el('a', { href: a.source_url, rel: 'noopener noreferrer', target: '_blank', text: 'source' })] : '');

  const legend = el('p', { class: 'alegend' },
    el('mark', { class: 'evidence coop', text: 'cooperation' }), ' ',
    el('mark', { class: 'evidence conflict', text: 'conflict' }), ' ',
    el('mark', { class: 'evidence member', text: 'membership' }), ' ',
    el('span', { class: 'ent country', text: 'country' }), ' ',
    el('span', { class: 'ent org', text: 'organisation' }), ' ',
    el('span', { class: 'ent person', text: 'person' }), ' ',
    el('span', { class: 'ent place', text: 'place' }));

  const view = el('article', { class: 'article', id: 'article' },
    el('a', { class: 'back', href: '#/', text: '← graph' }), title, meta, legend, text,
    ordered.length ? [el('h3', { text: 'Facts read in this article' }), facts] : '');
  return { view, focused };
}

export function articleLink(doc, article, span) {
  const p = { doc, article: article || 0 };
  if (span) p.span = `${span[0]}-${span[1]}`;
  return link('article', p);
}
