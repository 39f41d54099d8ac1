// Browser test of the dashboard (issue 8 "Done when"): headless Chromium driven by
// playwright-core loads the dashboard, moves a lever, sees the chart and the numbers change,
// saves the scenario and reloads it from its share link.
//   node tests/browser/dashboard.mjs <decarbfund binary> [screenshot dir]
// Exits 77 (ctest: skipped) when Chromium or web/node_modules is missing.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const binary = process.argv[2];
const shots = process.argv[3];
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
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

function startServer() {
  const child = spawn(binary, ['serve', '--port', '0', '--data', join(root, 'data/nl'),
    '--scenarios', join(root, 'scenarios'), '--db', join(work, 'saved.sqlite'),
    '--tokens', join(work, 'tokens'), '--rate', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
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
const waitUpdates = (page, n) => page.waitForFunction((k) => (window.dashboard.updates || 0) >= k && !window.dashboard.computing, n, { timeout: 60000 });

let server;
let browser;
let failed = false;
try {
  server = await startServer();
  browser = await playwright.chromium.launch({
    executablePath: chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
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
    if (shots) await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: false });
  });

  let after;
  await step('moving the ETS lever changes the chart and the numbers', async () => {
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
    const fresh = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
    await fresh.goto(`${server.url}#s=${id}`);
    await waitUpdates(fresh, 1);
    assert(await fresh.inputValue('#ets') === '250', 'the ETS lever is restored');
    const achieved = await kpi(fresh, 'achieved_mt');
    assert(Math.abs(achieved - after.achieved) < 1e-9, `same achieved reduction (${achieved} vs ${after.achieved})`);
    assert(Math.abs((await scenario2030(fresh)) - after.e2030) < 1e-9, 'same chart');
    await fresh.close();
  });

  await step('two scenarios compare side by side', async () => {
    await page.selectOption('#cmp-a', 'current');
    await page.selectOption('#cmp-b', id);
    await page.waitForSelector('#compare tr:nth-child(2)');
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
