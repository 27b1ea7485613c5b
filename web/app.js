// pactgraph's browser view: the alliance graph as of a date, actor profiles,
// the events of a tie with their evidence, search, and the article view.
import { api } from './api.js';
import { el, fold, route, link, cameoName, balanceColor, fmtScore, highlightMatches } from './dom.js';
import { renderArticle, articleLink } from './article.js';

const $ = (id) => document.getElementById(id);
const state = { months: [], at: null, window: 0, actors: [], graphSeq: 0, cy: null, selected: null };

// ---------- the graph ----------

function monthsBetween(min, max) {
  const [y0, m0] = [Number(min.slice(0, 4)), Number(min.slice(5, 7) || 1)];
  const [y1, m1] = [Number(max.slice(0, 4)), Number(max.slice(5, 7) || 12)];
  const out = [];
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? (y++, m = 1) : m++)
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  return out;
}

function minusMonths(ym, n) {
  let y = Number(ym.slice(0, 4)), m = Number(ym.slice(5, 7)) - n;
  while (m < 1) { m += 12; y--; }
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

function nodeLabel(n) { return n.id.length <= 12 ? n.id : (n.name && n.name.length < n.id.length ? n.name : n.id); }

function elements(g) {
  const maxEv = Math.max(1, ...g.nodes.map((n) => n.events + n.memberships));
  // Smaller circles when there are many, so that a dense graph stays legible.
  const scale = g.nodes.length > 60 ? 0.65 : 1;
  const nodes = g.nodes.map((n) => ({
    group: 'nodes',
    data: {
      id: n.id, label: nodeLabel(n), kind: n.kind || (/^[A-Z]{3}$/.test(n.id) ? 'country' : 'org'),
      color: balanceColor(n.mean, n.events),
      size: scale * (16 + 40 * Math.sqrt((n.events + n.memberships) / maxEv)),
      info: n,
    },
  }));
  const maxTie = Math.max(1, ...g.edges.filter((e) => e.kind === 'event').map((e) => e.events));
  const edges = g.edges.map((e, i) => e.kind === 'event' ? {
    group: 'edges',
    data: {
      id: `e${i}`, source: e.source, target: e.target, kind: 'event',
      color: balanceColor(e.mean, e.events), width: 1 + 8 * Math.sqrt(e.events / maxTie), info: e,
    },
  } : {
    group: 'edges',
    data: { id: `m${i}`, source: e.source, target: e.target, kind: 'membership', role: e.role, info: e },
  });
  return [...nodes, ...edges];
}

function makeGraph() {
  /* global cytoscape */
  const cy = cytoscape({
    container: $('cy'),
    minZoom: 0.15, maxZoom: 4,
    style: [
      { selector: 'node', style: {
        'background-color': 'data(color)', width: 'data(size)', height: 'data(size)', label: 'data(label)',
        'font-size': 11, 'font-family': 'system-ui, sans-serif', color: '#1d2b3a', 'text-valign': 'center',
        'text-halign': 'center', 'text-outline-color': '#fff', 'text-outline-width': 2, 'border-width': 1.5,
        'border-color': '#fff', 'min-zoomed-font-size': 7 } },
      { selector: 'node[kind != "country"]', style: { shape: 'round-rectangle', 'border-color': '#1d2b3a', 'border-width': 2 } },
      { selector: 'edge[kind = "event"]', style: {
        'line-color': 'data(color)', width: 'data(width)', 'curve-style': 'haystack', opacity: 0.75 } },
      { selector: 'edge[kind = "membership"]', style: {
        'line-color': '#6b7c93', 'line-style': 'dashed', width: 1, 'curve-style': 'haystack', opacity: 0.45 } },
      { selector: '.faded', style: { opacity: 0.12 } },
      { selector: 'node:selected', style: { 'border-color': '#f2a541', 'border-width': 4 } },
      { selector: 'edge:selected', style: { opacity: 1, 'line-color': '#f2a541', 'z-index': 10 } },
    ],
  });
  cy.on('tap', 'node', (ev) => { location.hash = link('actor', { id: ev.target.id() }); });
  cy.on('tap', 'edge', (ev) => {
    const d = ev.target.data();
    location.hash = d.kind === 'membership'
      ? link('members', { org: d.source, member: d.target })
      : link('ties', { a: d.source, b: d.target });
  });
  cy.on('tap', (ev) => { if (ev.target === cy) location.hash = '#/'; });
  return cy;
}

async function loadGraph() {
  const seq = ++state.graphSeq;
  const at = state.at;
  const from = at && state.window ? minusMonths(at, state.window) : null;
  $('status').textContent = 'Loading the graph…';
  $('status').classList.add('loading');
  let g;
  try {
    g = await api('graph', { at, from: from && from.slice(0, 7), nodes: 120 });
  } catch (e) {
    $('status').textContent = `Cannot load the graph: ${e.message}`;
    return;
  }
  if (seq !== state.graphSeq) return; // a newer request is on its way
  $('status').classList.remove('loading');
  if (!state.months.length && g.range.min) {
    // The slider ends at today: events planned for later years show under "all dates".
    const now = new Date().toISOString().slice(0, 7);
    state.months = monthsBetween(g.range.min < now ? g.range.min : now, now);
    $('slider').max = String(state.months.length - 1);
    $('slider').value = $('slider').max;
  }
  const cy = state.cy;
  const old = new Map(cy.nodes().map((n) => [n.id(), n.position()]));
  cy.batch(() => {
    cy.elements().remove();
    cy.add(elements(g));
  });
  const known = cy.nodes().filter((n) => old.has(n.id()));
  known.forEach((n) => n.position({ ...old.get(n.id()) }));
  const layout = cy.layout({
    name: 'cose', animate: false, randomize: known.length < cy.nodes().length / 2,
    nodeRepulsion: () => (cy.edges().length > 600 ? 40000 : 9000), nodeOverlap: 12,
    idealEdgeLength: () => (cy.edges().length > 600 ? 120 : 70), gravity: 0.6, numIter: 1200, padding: 24, fit: true,
  });
  layout.run();
  highlightSelection();
  const ties = g.edges.filter((e) => e.kind === 'event').length;
  $('status').textContent = g.nodes.length
    ? `${g.nodes.length} actors, ${ties} ties, ${g.edges.length - ties} memberships${at ? ' as of ' + at : ''}`
    : 'Nothing known at this date.';
  document.body.dataset.graph = 'ready';
}

function highlightSelection() {
  const cy = state.cy;
  cy.elements().removeClass('faded').unselect();
  const s = state.selected;
  if (!s) return;
  const nodes = s.b ? cy.$id(s.a).union(cy.$id(s.b)) : cy.$id(s.a);
  if (!nodes.length) return;
  nodes.select();
  const keep = s.b ? nodes.union(nodes.edgesWith(nodes)) : nodes.closedNeighborhood();
  if (s.b) nodes.edgesWith(nodes).select();
  cy.elements().not(keep).addClass('faded');
}

function setAtFromSlider() {
  const i = Number($('slider').value);
  const last = i >= state.months.length - 1;
  state.at = last ? null : state.months[i];
  $('at').textContent = state.at || 'all dates';
}

// ---------- the side panel ----------

const panel = () => $('panel');

function show(...nodes) {
  panel().replaceChildren(...nodes);
  panel().scrollTop = 0;
}

/** On a phone the panel is under the graph: bring a chosen view into sight. */
function reveal() {
  if (window.matchMedia('(max-width: 820px)').matches) panel().scrollIntoView({ block: 'start' });
}

function actorName(id) {
  const a = state.actors.find((x) => x.id === id);
  return a && a.name && a.name !== id ? `${a.name} (${id})` : id;
}

function actorChip(id, extra) {
  return el('a', { class: 'chip', href: link('actor', { id }), title: actorName(id) }, id, extra ? el('small', {}, extra) : null);
}

function evidenceItem(e) {
  const ev = (e.evidence_list && e.evidence_list[0]) || { doc: e.doc, span: e.span, article: 0 };
  return el('li', { class: `event q${e.quad || 0}` },
    el('div', { class: 'ehead' },
      el('span', { class: 'date', text: e.date || 'undated' }),
      el('span', { class: 'who' }, `${e.source} → ${e.target}`),
      el('span', { class: 'code', title: `CAMEO ${e.code}`, text: `${cameoName(e.code)} (${e.code})` }),
      e.modality && e.modality !== 'asserted' ? el('span', { class: 'mod', text: e.modality }) : null,
      el('span', { class: 'gold', text: fmtScore(e.goldstein) })),
    ev.sentence ? el('blockquote', { text: ev.sentence }) : null,
    el('a', { class: 'evlink', href: articleLink(ev.doc, ev.article, ev.span) },
      `Read in the article: ${ev.doc}`),
    e.evidence > 1 ? el('span', { class: 'more', text: ` · reported ${e.evidence} times` }) : null);
}

async function viewActor(id) {
  state.selected = { a: id };
  highlightSelection();
  show(el('p', { class: 'muted', text: 'Loading…' }));
  const [a, tl] = await Promise.all([api('actor', { id }), api('timeline', { a: id, limit: 1000 })]);
  const recent = tl.slice(-40).reverse();
  const maxAbs = Math.max(1, ...a.balance.map((b) => Math.max(b.cooperation, b.conflict)));
  const counterList = (list, cls) => list.length
    ? el('ul', { class: 'counter' }, list.map((c) => el('li', {},
      el('a', { class: `chip ${cls}`, href: link('ties', { a: id, b: c.actor }), title: `Events between ${id} and ${c.actor}` },
        c.actor, el('small', {}, ` ${c.events} · ${fmtScore(c.goldstein)}`)))))
    : el('p', { class: 'muted', text: 'none recorded' });
  show(el('div', { class: 'actor', id: 'actor-view' },
    el('a', { class: 'back', href: '#/', text: '← graph' }),
    el('h2', {}, a.name || a.id, el('small', { text: ` ${a.id} · ${a.kind || 'actor'}` })),
    el('h3', { text: 'Groups' }),
    a.groups.length ? el('ul', { class: 'groups' }, a.groups.map((g) => el('li', {},
      actorChip(g.org), ` ${g.role}`, g.since ? ` since ${g.since}` : '', g.until ? ` until ${g.until}` : '',
      g.reference ? el('span', { class: 'tag', text: 'reference' }) : el('span', { class: 'tag news', text: 'news' }))))
      : el('p', { class: 'muted', text: 'no membership recorded' }),
    el('h3', { text: 'Partners (cooperation)' }), counterList(a.partners, 'coop'),
    el('h3', { text: 'Opponents (conflict)' }), counterList(a.opponents, 'conflict'),
    a.balance.length ? [el('h3', { text: 'Balance by year' }),
      el('div', { class: 'balance' }, a.balance.map((b) => {
        const co = el('span', { class: 'bar coop', title: `${b.cooperation} cooperative events` });
        const cf = el('span', { class: 'bar conflict', title: `${b.conflict} conflictual events` });
        co.style.width = `${(100 * b.cooperation) / maxAbs}%`;
        cf.style.width = `${(100 * b.conflict) / maxAbs}%`;
        return el('div', { class: 'brow' }, el('span', { class: 'year', text: b.period }),
          el('span', { class: 'bars' }, el('span', { class: 'half left' }, cf), el('span', { class: 'half right' }, co)), el('span', { class: 'gold', text: fmtScore(b.mean) }));
      }))] : null,
    el('h3', { text: `Timeline${tl.length > recent.length ? ` (latest ${recent.length} of ${tl.length})` : ''}` }),
    recent.length ? el('ol', { class: 'events' }, recent.map(evidenceItem)) : el('p', { class: 'muted', text: 'no dated event' })));
}

async function viewTies(a, b) {
  state.selected = { a, b };
  highlightSelection();
  show(el('p', { class: 'muted', text: 'Loading…' }));
  const ties = await api('ties', { a, b, evidence: 1, limit: 100 });
  show(el('div', { class: 'ties', id: 'ties-view' },
    el('a', { class: 'back', href: '#/', text: '← graph' }),
    el('h2', {}, actorChip(a), el('span', { class: 'arrow', text: '⇄' }), actorChip(b)),
    el('p', { class: 'muted', text: `${ties.length} event${ties.length === 1 ? '' : 's'}, newest first` }),
    el('ol', { class: 'events' }, ties.map(evidenceItem))));
}

async function viewMembers(org, member) {
  state.selected = { a: org, b: member };
  highlightSelection();
  const rows = await api('members', { org, at: state.at, evidence: 1 });
  const mine = rows.filter((r) => !member || r.member === member);
  show(el('div', { class: 'members' },
    el('a', { class: 'back', href: '#/', text: '← graph' }),
    el('h2', {}, actorChip(member), ` in `, actorChip(org)),
    el('ul', { class: 'groups' }, mine.map((r) => el('li', {},
      `${r.role}`, r.since ? ` since ${r.since}` : '', r.until ? ` until ${r.until}` : '',
      r.reference ? el('span', { class: 'tag', text: 'reference' }) : null,
      r.news ? el('span', { class: 'tag news', text: `news ×${r.evidence}` }) : null,
      r.source ? el('div', { class: 'muted', text: `Source: ${r.source}` }) : null,
      el('ol', { class: 'events' }, (r.evidence_list || []).map((e) => el('li', {},
        el('blockquote', { text: e.sentence || '' }),
        el('a', { class: 'evlink', href: articleLink(e.doc, e.article, e.span) }, `Read in the article: ${e.doc}`))))))),
    el('p', {}, el('a', { href: link('ties', { a: org, b: member }), text: `Events between ${org} and ${member}` }))));
}

async function viewSearch(q) {
  $('q').value = q;
  state.selected = null;
  highlightSelection();
  show(el('p', { class: 'muted', text: 'Searching…' }));
  const fq = fold(q);
  const actors = state.actors.filter((a) => [a.id, a.name, a.name_vi].some((s) => s && fold(s).includes(fq))).slice(0, 12);
  let hits = [], err = null;
  try { hits = await api('search', { q, limit: 50 }); } catch (e) { err = e.message; }
  show(el('div', { class: 'search-results', id: 'search-view' },
    el('a', { class: 'back', href: '#/', text: '← graph' }),
    el('h2', {}, 'Search: ', el('q', { text: q })),
    actors.length ? [el('h3', { text: 'Actors' }), el('p', { class: 'chips' },
      actors.map((a) => actorChip(a.id, a.name && a.name !== a.id ? ` ${a.name}` : '')))] : null,
    el('h3', { text: `Sentences (${hits.length})` }),
    err ? el('p', { class: 'error', text: err }) : null,
    el('ol', { class: 'events' }, hits.map((h) => el('li', { class: 'hit' },
      el('blockquote', {}, highlightMatches(h.sentence || '', q)),
      el('a', { class: 'evlink', href: articleLink(h.doc, h.article, h.span) }, `Read in the article: ${h.doc}`))))));
}

async function viewArticle(params) {
  const doc = params.get('doc'), n = Number(params.get('article') || 0);
  const span = (params.get('span') || '').split('-').map(Number);
  show(el('p', { class: 'muted', text: 'Loading…' }));
  const a = await api('article', { doc, article: n });
  const { view, focused } = renderArticle(a, span.length === 2 && span.every(Number.isFinite) ? span : null);
  show(view);
  document.body.classList.add('reading');
  if (focused) focused.scrollIntoView({ block: 'center' });
}

async function onRoute() {
  const { view, params } = route();
  document.body.classList.remove('reading');
  try {
    if (view === 'actor' && params.get('id')) await viewActor(params.get('id'));
    else if (view === 'ties' && params.get('a') && params.get('b')) await viewTies(params.get('a'), params.get('b'));
    else if (view === 'members' && params.get('org')) await viewMembers(params.get('org'), params.get('member'));
    else if (view === 'search' && params.get('q')) await viewSearch(params.get('q'));
    else if (view === 'article' && params.get('doc')) await viewArticle(params);
    else {
      state.selected = null;
      if (state.cy) highlightSelection();
      show(intro());
      return;
    }
    if (view !== 'article') reveal();
  } catch (e) {
    show(el('a', { class: 'back', href: '#/', text: '← graph' }), el('p', { class: 'error', text: e.message }));
  }
}

function intro() {
  return el('div', { class: 'intro' },
    el('h2', { text: 'Alliances and events in the Vietnamese press' }),
    el('p', { text: 'Each circle is a country, each square a grouping. Colour shows the balance of ' +
      'cooperation (green) and conflict (red) in the events reported; size shows how often an actor appears. ' +
      'Dashed lines are memberships.' }),
    el('p', { text: 'Move the slider to see the graph as of a date. Tap an actor for its groups, partners, ' +
      'opponents and timeline; tap a tie for its events, each with the sentence it was read in.' }),
    state.actors.length ? [el('h3', { text: 'Most reported' }),
      el('p', { class: 'chips' }, state.actors.filter((a) => a.events).slice(0, 16).map((a) => actorChip(a.id)))] : null);
}

// ---------- start ----------

async function main() {
  state.cy = makeGraph();
  window.pactgraph = state; // for the end-to-end tests
  let timer = 0;
  $('slider').addEventListener('input', () => {
    setAtFromSlider();
    clearTimeout(timer);
    timer = setTimeout(loadGraph, 180);
  });
  $('window').addEventListener('change', () => { state.window = Number($('window').value); loadGraph(); });
  $('reset').addEventListener('click', () => { $('slider').value = $('slider').max; setAtFromSlider(); loadGraph(); });
  $('search').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = $('q').value.trim();
    if (q) location.hash = link('search', { q });
  });
  window.addEventListener('hashchange', onRoute);
  try { state.actors = await api('actors'); } catch { state.actors = []; }
  // The panel need not wait for the graph (a large store takes seconds the
  // first time a date is asked for).
  onRoute();
  await loadGraph();
}

main();
