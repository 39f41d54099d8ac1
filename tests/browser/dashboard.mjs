// Browser test of the dashboard (issue 8 "Done when"): headless Chromium driven by
// playwright-core loads the dashboard, checks the deal table against /api/deals and the
// registry, moves a deal's phase, the deal budget and the ETS lever and sees the numbers move
// the right way, runs the Monte Carlo fan chart, saves the scenario and reloads it from its
// share link with every lever restored.
//   node tests/browser/dashboard.mjs <decarbfund binary> [screenshot dir]
// Exits 77 (ctest: skipped) when Chromium or web/node_modules is missing, or the binary has no dashboard.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const binary = process.argv[2];
const shots = process.argv[3];
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
// An analyst's wide screen: the deal table's sixteen columns fit without scrolling.
const VIEWPORT = { width: 1600, height: 1500 };
const TOKEN = 'browser-test-analyst-token-0123456789';

function skip(why) {
  console.log(`SKIPPED: ${why}`);
  process.exit(77);
}
if (!binary || !existsSync(binary)) skip(`no decarbfund binary at ${binary}`);
if (!existsSync(chromium)) skip(`no Chromium at ${chromium} (apt-get install chromium)`);
let playwright;
try {
  playwright = createRequire(join(root, 'web/package.json'))('playwright-core');
} catch {
  skip('web/node_modules has no playwright-core (cd web && npm ci)');
}

const work = mkdtempSync(join(tmpdir(), 'decarbfund-browser-'));
writeFileSync(join(work, 'tokens'), `analyst ${TOKEN} Browser Test\n`);

// An agreements registry with every deal file and one monitored year (Nobian: 200 kt verified
// in 2030 against a 500 kt commitment, so "at risk"), when this build's server can serve one.
function makeRegistry() {
  const help = execFileSync(binary, ['serve', '--help'], { encoding: 'utf8' });
  if (!help.includes('--registry')) return null;
  const db = join(work, 'deals.db');
  const deals = join(root, 'data/nl/deals');
  const files = readdirSync(deals).filter((f) => f.endsWith('.yaml') && f !== 'phases.yaml').map((f) => join(deals, f));
  const run = (...args) => execFileSync(binary, ['registry', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  run('init', db);
  run('import', db, ...files, '--actor', 'browser-test');
  run('monitor', db, 'nobian', '2030', '--emissions', '200000', '--actor', 'browser-test');
  return db;
}

function startServer(registry) {
  const child = spawn(binary, ['serve', '--port', '0', '--data', join(root, 'data/nl'),
    '--scenarios', join(root, 'scenarios'), '--db', join(work, 'saved.sqlite'),
    '--tokens', join(work, 'tokens'), '--rate', '0', ...(registry ? ['--registry', registry] : [])],
  { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 60000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/[^/]+\/)/);
      if (m) { clearTimeout(timer); ok({ child, url: m[1] }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}: ${out}`)); });
  });
}

const results = [];
async function step(name, fn) {
  try {
    await fn();
    results.push([name, true]);
    console.log(`ok - ${name}`);
  } catch (e) {
    results.push([name, false]);
    console.log(`not ok - ${name}: ${e.message}`);
    throw e;
  }
}
function assert(cond, what) { if (!cond) throw new Error(what); }

const kpi = (page, key) => page.$eval(`[data-kpi="${key}"] .v`, (e) => parseFloat(e.textContent));
const scenario2030 = (page) => page.evaluate(() => {
  const s = window.dashboard.charts.emissions.getOption().series.find((x) => x.name === 'scenario');
  return s.data.find((p) => p[0] === 2030)[1];
});
const series = (page, chart, name) => page.evaluate(([c, n]) => {
  const s = window.dashboard.charts[c].getOption().series.find((x) => x.name === n);
  return s ? s.data : null;
}, [chart, name]);
const sum = (xs) => xs.reduce((a, x) => a + (x || 0), 0);
const updates = (page) => page.evaluate(() => window.dashboard.updates);
// window.dashboard exists only once the module has run: on a slow server (a sanitizer build, a
// busy CI machine) the first poll can come before that, so the predicates guard for it.
const waitUpdates = (page, n) => page.waitForFunction((k) => !!window.dashboard && (window.dashboard.updates || 0) >= k && !window.dashboard.computing, n, { timeout: 60000 });

let server;
let browser;
let failed = false;
try {
  const registry = makeRegistry();
  server = await startServer(registry);
  // A binary built without npm serves a "dashboard not built" page (docs/dashboard.md): nothing
  // to drive, so the test is skipped, saying why, rather than timing out.
  const health = await (await fetch(`${server.url}api/health`)).json();
  if (!health.dashboard) {
    server.child.kill();
    skip(`this decarbfund binary was built without the dashboard assets (${binary}; reconfigure with npm available)`);
  }
  browser = await playwright.chromium.launch({
    executablePath: chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  let before;
  await step('the dashboard loads and shows an outlook', async () => {
    await page.goto(server.url);
    await waitUpdates(page, 1);
    before = { achieved: await kpi(page, 'achieved_mt'), e2030: await scenario2030(page) };
    assert(Number.isFinite(before.achieved), 'achieved reduction is a number');
    assert(before.e2030 > 1, `2030 emissions in the chart (${before.e2030} Mt)`);
    assert((await page.textContent('#status')).includes('recomputed in'), 'status line');
    const diff = await page.evaluate(() => window.dashboard.diff);
    assert(JSON.stringify(diff) === '{"base":"belastingplan-2026"}', `levers at the base add nothing to the diff (${JSON.stringify(diff)})`);
    if (shots) await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: false });
  });

  let deals;
  await step('the deal table lists every deal file with its phase and the registry status', async () => {
    deals = await page.evaluate(() => fetch('/api/deals').then((r) => r.json()));
    const rows = await page.$$eval('#deals tr[data-deal]', (trs) => trs.map((t) => t.dataset.deal));
    assert(deals.length >= 10, `the dataset has its deals (${deals.length})`);
    assert(rows.length === deals.length, `one row per deal (${rows.length} rows, ${deals.length} deals)`);
    assert(rows.includes('tata-steel'), 'Tata Steel has a row');
    for (const d of deals) {
      assert(await page.inputValue(`#phase-${d.id}`) === d.phase, `${d.id}'s phase lever starts at its file's phase ${d.phase}`);
    }
    const tata = await page.$$eval('#deals tr[data-deal="tata-steel"] td', (tds) => tds.map((t) => t.textContent.trim()));
    assert(tata[0] === 'Tata Steel Nederlandtata-steel' && tata[3] === '5,000' && tata[4] === '2,000.0',
      `Tata's company, committed kt and max support EUR m (${tata.slice(0, 5)})`);
    const note = await page.textContent('#deals-note');
    if (registry) {
      assert(note.includes('Registry attached'), `the note says a registry is attached ("${note}")`);
      const status = await page.textContent('#deals tr[data-deal="nobian"] .status');
      assert(status === 'at risk', `Nobian's registry status (${status})`);
      const realised = await page.textContent('#deals tr[data-deal="nobian"] [data-col="realised"]');
      assert(realised === '489 (2030)', `Nobian's realised kt from the registry (${realised})`);
    } else {
      assert(note.includes('No registry attached'), `the note says no registry is attached ("${note}")`);
    }
    if (shots) await page.locator('#deals').screenshot({ path: join(shots, 'dashboard-deals.png') });
  });

  await step('package support by year adds deals and the SME round, in EUR m', async () => {
    const o = await page.evaluate(() => window.dashboard.outlook);
    const total = sum(o.package_credits.map((c) => c.support_eur)) / 1e6;
    const dealBars = await series(page, 'support', 'maatwerk');
    const smeBars = await series(page, 'support', 'SME scheme');
    const sme = o.package_credits.find((c) => c.instrument.startsWith('SME')).support_eur / 1e6;
    assert(sme > 1 && Math.abs(sum(smeBars) - sme) < 1e-6, `the SME bar is the round's support (${sum(smeBars)} vs ${sme})`);
    assert(Math.abs(sum(dealBars) + sum(smeBars) - total) < 0.01, `bars add up to the package support (${sum(dealBars) + sum(smeBars)} vs ${total} EUR m)`);
    const axis = await page.evaluate(() => window.dashboard.charts.support.getOption().yAxis[0].name);
    assert(axis.includes('EUR m'), `the axis names its unit (${axis})`);
  });

  await step('the uncertainty run draws the fan chart and P(target met)', async () => {
    await page.fill('#mc-draws', '100');
    await page.click('#mc-run');
    await page.waitForFunction(() => !!window.dashboard && window.dashboard.mcRuns >= 1, null, { timeout: 60000 });
    const p = (await page.textContent('[data-p-total]')).trim();
    assert(/^\d{1,3}\.\d %$/.test(p), `P(target met) is a percentage (${p})`);
    const mc = await page.evaluate(() => window.dashboard.mc);
    assert(mc.meta.draws === 100, `100 draws run (${mc.meta.draws})`);
    const fan = await page.evaluate(() => window.dashboard.charts.fan.getOption().series.map((s) => [s.name, s.data.length]));
    const years = mc.emissions_t.years.length;
    assert(fan.length >= 5 && fan.every(([, n]) => n === years), `fan chart bands and median over ${years} years (${JSON.stringify(fan)})`);
    const median = await series(page, 'fan', 'median');
    assert(Math.abs(median[years - 1] - mc.emissions_t.p50[years - 1] / 1e6) < 1e-9, 'the median line is the run\'s P50');
    assert(!(await page.getAttribute('#mc-result', 'class')).includes('stale'), 'fresh after the run');
    if (shots) await page.locator('#mc-section').screenshot({ path: join(shots, 'dashboard-uncertainty.png') });
  });

  await step('moving Tata Steel to binding raises the expected package leg', async () => {
    const was = await kpi(page, 'package_expected_mt');
    const n = await updates(page);
    await page.selectOption('#phase-tata-steel', 'binding');
    await waitUpdates(page, n + 1);
    const now = await kpi(page, 'package_expected_mt');
    assert((await page.getAttribute('#mc-result', 'class')).includes('stale'), 'the fan chart is marked stale');
    assert((await page.textContent('#mc-status')).startsWith('stale'), 'and says so');
    assert(now > was + 0.5, `expected package leg up by p(binding) − p(jloi) of 5 Mt (${was} -> ${now})`);
    const diff = await page.evaluate(() => window.dashboard.diff);
    assert(diff.package.deal_phase['tata-steel'] === 'binding' && Object.keys(diff.package.deal_phase).length === 1, `the diff holds only Tata's phase (${JSON.stringify(diff.package)})`);
  });

  await step('a small deal budget lowers the package support and the package leg', async () => {
    const supportOf = () => page.evaluate(() => window.dashboard.outlook.package_credits.filter((c) => c.deal).reduce((a, c) => a + c.support_eur, 0));
    const was = { kpi: await kpi(page, 'package_mt'), support: await supportOf() };
    const n = await updates(page);
    await page.fill('#deal-budget', '0.5');
    await waitUpdates(page, n + 1);
    const now = { kpi: await kpi(page, 'package_mt'), support: await supportOf() };
    assert(now.support <= 0.5e9 + 1 && now.support < was.support, `deal support within EUR 0.5 bn (${was.support} -> ${now.support})`);
    assert(now.kpi < was.kpi, `package leg down (${was.kpi} -> ${now.kpi})`);
    const unfunded = await page.$$eval('#deals tr[data-deal] [data-not-funded]', (es) => es.map((e) => e.closest('tr').dataset.deal));
    assert(unfunded.includes('tata-steel'), `Tata's EUR 2 bn deal is marked not funded (${unfunded})`);
    assert((await page.textContent('#support-note')).includes('Deal budget EUR 500.0 m'), 'the note under the support chart names the budget');
    const n2 = await updates(page);
    await page.fill('#sme-budget', '60');
    await waitUpdates(page, n2 + 1);
    const sme = await page.evaluate(() => window.dashboard.outlook.package_credits.find((c) => c.instrument.startsWith('SME')).support_eur);
    assert(sme <= 60e6 + 1, `the SME round spends at most its EUR 60 m (${sme})`);
  });

  let after;
  await step('moving the ETS lever changes the chart and the numbers', async () => {
    before = { achieved: await kpi(page, 'achieved_mt'), e2030: await scenario2030(page) };
    const n = await page.evaluate(() => window.dashboard.updates);
    await page.locator('#ets').fill('250');
    await waitUpdates(page, n + 1);
    after = { achieved: await kpi(page, 'achieved_mt'), e2030: await scenario2030(page) };
    assert(after.e2030 < before.e2030, `2030 emissions fall with a higher ETS price (${before.e2030} -> ${after.e2030})`);
    assert(after.achieved > before.achieved, `achieved reduction rises (${before.achieved} -> ${after.achieved})`);
    const delta = await page.textContent('[data-kpi="achieved_mt"] .d');
    assert(delta.includes('vs base'), `the KPI shows its change against the base ("${delta}")`);
    if (shots) await page.screenshot({ path: join(shots, 'dashboard-ets-250.png'), fullPage: false });
  });

  let id;
  await step('the scenario is saved with a token', async () => {
    await page.fill('#save-name', 'ETS at 250');
    await page.fill('#token', TOKEN);
    await page.click('#save');
    await page.waitForFunction(() => location.hash.startsWith('#s='), null, { timeout: 30000 });
    id = await page.evaluate(() => location.hash.slice(3));
    assert(/^\d+$/.test(id), `share link id (${id})`);
    await page.waitForSelector(`#saved a[data-open="${id}"]`);
  });

  await step('the saved scenario reloads from its link with the same levers and numbers', async () => {
    const fresh = await browser.newPage({ viewport: VIEWPORT });
    await fresh.goto(`${server.url}#s=${id}`);
    await waitUpdates(fresh, 1);
    assert(await fresh.inputValue('#ets') === '250', 'the ETS lever is restored');
    assert(await fresh.inputValue('#phase-tata-steel') === 'binding', 'Tata\'s phase lever is restored');
    assert(await fresh.inputValue('#deal-budget') === '0.5', 'the deal budget is restored');
    assert(await fresh.inputValue('#sme-budget') === '60', 'the SME budget is restored');
    const [a, b] = [await page.evaluate(() => window.dashboard.diff), await fresh.evaluate(() => window.dashboard.diff)];
    assert(JSON.stringify(a) === JSON.stringify(b), `the same diff (${JSON.stringify(b)})`);
    const achieved = await kpi(fresh, 'achieved_mt');
    assert(Math.abs(achieved - after.achieved) < 1e-9, `same achieved reduction (${achieved} vs ${after.achieved})`);
    assert(Math.abs((await scenario2030(fresh)) - after.e2030) < 1e-9, 'same chart');
    await fresh.close();
  });

  await step('two scenarios compare side by side', async () => {
    await page.selectOption('#cmp-a', 'current');
    await page.selectOption('#cmp-b', id);
    // Wait for the comparison with the saved scenario, not the first one (current with current).
    await page.waitForFunction((i) => (document.querySelector('#compare th:nth-child(3)') || {}).textContent === `#${i} ETS at 250`, id, { timeout: 30000 });
    const cells = await page.$$eval('#compare tr:nth-child(2) td', (tds) => tds.map((t) => t.textContent));
    assert(cells.length === 4 && cells[3] === '0.00', `current equals the saved one (${cells})`);
    if (shots) {
      await page.screenshot({ path: join(shots, 'dashboard-full.png'), fullPage: true });
    }
  });

  await step('the page raised no script errors', async () => {
    assert(errors.length === 0, errors.join('; '));
  });
} catch (e) {
  failed = true;
  if (!results.length || results[results.length - 1][1]) console.log(`error: ${e.stack || e}`);
} finally {
  if (browser) await browser.close();
  if (server) server.child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
const passed = results.filter((r) => r[1]).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(failed ? 1 : 0);
