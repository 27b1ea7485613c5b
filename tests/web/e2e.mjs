// End-to-end test of the browser view, as a person would use it: Chromium
// (Debian's, driven by playwright-core) against `pactgraph serve` on a store
// built from samples/ plus tests/web/pages/. Run by tests/cli/web_e2e.sh:
//   node tests/web/e2e.mjs BASE_URL SCREENSHOT_DIR
// Exits 0 when every step passes, 1 otherwise (naming the step).
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../web/package.json'));
const { chromium } = require('playwright-core');

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error('usage: node e2e.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const chromePath = process.env.PACT_CHROMIUM || '/usr/bin/chromium';

let step = 'start';
const problems = [];
function check(cond, what) {
  if (!cond) throw new Error(`${step}: ${what}`);
}

const profile = mkdtempSync(join(tmpdir(), 'pact-e2e-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: chromePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  viewport: { width: 1366, height: 800 },
  timeout: 60000,
});
ctx.setDefaultTimeout(15000);

function watch(page) {
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
}

async function shot(page, name) {
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(shots, name), fullPage: false });
  console.log(`  screenshot ${name}`);
}

async function graphReady(page) {
  await page.waitForFunction(() => document.body.dataset.graph === 'ready' && window.pactgraph?.cy?.nodes().length > 0);
}

/** Clicks an element of the graph where it is drawn, as a mouse would. */
async function clickGraph(page, selectorJs) {
  const pos = await page.evaluate((sel) => {
    const cy = window.pactgraph.cy;
    const e = cy.$(sel)[0] || cy.elements(sel)[0];
    if (!e) return null;
    const p = e.isNode() ? e.renderedPosition() : e.renderedMidpoint();
    const box = cy.container().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, selectorJs);
  check(pos, `no graph element ${selectorJs}`);
  await page.mouse.click(pos.x, pos.y);
  return pos;
}

let failed = false;
const page = await ctx.newPage();
watch(page);
try {
  step = 'load the page and see the graph';
  console.log(step);
  const res = await page.goto(base + '/');
  check(res.status() === 200, `GET / answered ${res.status()}`);
  const csp = res.headers()['content-security-policy'] || '';
  check(csp.includes("default-src 'none'") && csp.includes("script-src 'self'"), `weak CSP: ${csp}`);
  await graphReady(page);
  const n0 = await page.evaluate(() => window.pactgraph.cy.nodes().length);
  check(n0 >= 5, `only ${n0} nodes drawn`);
  // The canvas really has something drawn on it.
  const painted = await page.evaluate(() => {
    const cs = [...document.querySelectorAll('#cy canvas')];
    return cs.some((c) => c.width > 0 && c.height > 0);
  });
  check(painted, 'no canvas');
  await page.waitForTimeout(300);
  await shot(page, '01-graph.png');

  step = 'move the time slider back';
  console.log(step);
  const slider = page.locator('#slider');
  const max = Number(await slider.getAttribute('max'));
  check(max > 10, `slider has ${max} steps`);
  await slider.focus();
  await page.keyboard.press('End');
  // 10 years back: PageDown moves a range input by 10% in Chromium; use arrows.
  for (let i = 0; i < 120; i++) await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.getElementById('at').textContent !== 'all dates');
  const at = await page.textContent('#at');
  check(/^\d{4}-\d\d$/.test(at), `slider label is '${at}'`);
  await page.waitForFunction((d) => document.getElementById('status').textContent.includes(d), at);
  const n1 = await page.evaluate(() => window.pactgraph.cy.nodes().length);
  check(n1 < n0, `as of ${at} the graph has ${n1} nodes, not fewer than ${n0}`);
  await shot(page, '02-slider.png');
  await page.click('#reset');
  await page.waitForFunction(() => document.getElementById('at').textContent === 'all dates');
  await page.waitForFunction((n) => window.pactgraph.cy.nodes().length === n, n0);

  step = 'click an actor';
  console.log(step);
  await page.waitForTimeout(300);
  await clickGraph(page, '#USA');
  await page.waitForSelector('#actor-view');
  const actorText = await page.textContent('#actor-view');
  check(actorText.includes('Groups') && actorText.includes('Partners') && actorText.includes('Timeline'),
    'actor panel lacks groups, partners or timeline');
  check(await page.locator('#actor-view ol.events li').count() > 0, 'no timeline events');
  await shot(page, '03-actor.png');

  step = 'click a tie';
  console.log(step);
  // The thickest tie of USA: click it on the canvas. A click on a thin edge
  // can miss it (another element drawn over it, or the background, which
  // closes the actor view): then tap the edge through Cytoscape, which runs
  // the same handler a hit would.
  const edgeSel = await page.evaluate(() => {
    const e = window.pactgraph.cy.$('#USA').connectedEdges('[kind = "event"]').sort((a, b) => b.data('width') - a.data('width'))[0];
    return e ? `#${e.id()}` : null;
  });
  check(edgeSel, 'USA has no tie');
  await clickGraph(page, edgeSel);
  try {
    await page.waitForSelector('#ties-view', { timeout: 3000 });
  } catch {
    await page.evaluate((sel) => window.pactgraph.cy.$(sel).emit('tap'), edgeSel);
    await page.waitForSelector('#ties-view');
  }
  check(await page.locator('#ties-view ol.events li').count() > 0, 'the tie lists no events');
  check(await page.locator('#ties-view blockquote').count() > 0, 'no sentence shown for the events');
  await shot(page, '04-tie.png');

  step = 'click through to the evidence';
  console.log(step);
  await page.locator('#ties-view a.evlink').first().click();
  await page.waitForSelector('#article mark.evidence.focus');
  const focusText = await page.textContent('#article mark.evidence.focus');
  check(focusText.length > 20, 'the focused evidence is empty');
  check(await page.locator('#article .ent').count() > 0, 'no entity highlighted in the article');
  await shot(page, '05-article.png');

  step = 'search without diacritics';
  console.log(step);
  await page.fill('#q', 'thoa thuan');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#search-view li.hit');
  const hits = await page.locator('#search-view li.hit blockquote').allTextContents();
  check(hits.length > 0 && hits.some((h) => h.includes('thỏa thuận')), `'thoa thuan' found ${hits.length} hits, none with 'thỏa thuận'`);
  const marked = await page.locator('#search-view mark.hl').allTextContents();
  check(marked.length > 0 && marked.every((m) => m.toLowerCase().normalize('NFC') === 'thỏa thuận'),
    `the matches are not highlighted as written: ${marked.slice(0, 3)}`);
  await page.fill('#q', 'nhat ban');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => document.querySelector('#search-view')?.textContent.includes('JPN'));
  await shot(page, '06-search.png');

  step = 'a page with <script> in its text shows it as text';
  console.log(step);
  await page.fill('#q', 'lac da xanh');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#search-view li.hit');
  const hit = await page.textContent('#search-view li.hit blockquote');
  check(hit.includes('onerror'), `the sentence is not shown as written: ${hit}`);
  await page.locator('#search-view a.evlink').first().click();
  await page.waitForSelector('#article');
  const text = await page.textContent('#article');
  check(text.includes('<script>window.__pactPwned=1</script>'), 'the <script> of the page is not shown as text');
  check(text.includes('"<script>"'), 'the title\'s "<script>" is not shown');
  const pwned = await page.evaluate(() => window.__pactPwned);
  check(pwned === undefined, `script from the page ran (${pwned})`);
  check(await page.locator('#panel script, #panel img').count() === 0, 'page text became elements');
  await shot(page, '07-script-as-text.png');

  step = 'unknown article and actor give clear errors';
  console.log(step);
  await page.goto(base + '/#/actor?id=NOSUCHACTOR');
  await page.waitForSelector('#panel .error');
  check((await page.textContent('#panel .error')).includes('not known'), 'no clear error for an unknown actor');
  problems.splice(0); // the 404 of that request is logged by Chromium: expected

  step = 'phone screen';
  console.log(step);
  const phone = await ctx.newPage();
  watch(phone);
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(base + '/');
  await graphReady(phone);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the page is ${overflow}px wider than a phone`);
  await phone.waitForTimeout(300);
  await shot(phone, '08-phone.png');
  await phone.goto(base + '/#/actor?id=JPN');
  await phone.waitForSelector('#actor-view');
  await phone.waitForTimeout(300);
  await phone.screenshot({ path: join(shots, '09-phone-actor.png'), fullPage: true });

  step = 'no errors in the console (CSP violations included)';
  check(problems.length === 0, problems.join('\n'));
  console.log('web e2e: all steps passed');
} catch (e) {
  failed = true;
  console.error(`FAIL ${e.message}`);
  if (problems.length) console.error(problems.join('\n'));
  try { await page.screenshot({ path: join(shots, 'failure.png') }); } catch { /* closed */ }
} finally {
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
