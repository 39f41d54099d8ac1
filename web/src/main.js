// The dashboard: levers on the left and the deal table's phase levers build a scenario diff;
// every change posts it to /api/outlook (debounced, the previous request aborted) and redraws
// numbers, charts and the deal table. "Run uncertainty" posts the same diff to /api/montecarlo.
// Scenarios are saved through /api/saved (bearer token, role analyst) and shared as /#s=<id>
// or /#d=<diff>; two or more are compared on one set of charts. Dutch or English (i18n.js).
// window.dashboard exposes state for the browser test (tests/browser/).
import { api } from './api.js';
import { makePanel } from './chart_panel.js';
import { makeCharts, renderAll, supportNote } from './charts.js';
import { compareByYear, compareNumbers, makeCompareCharts, renderCompare } from './compare.js';
import { buildDealTable, renderDealOutlook, syncDealPhases } from './deal_table.js';
import { buildEmittersTable } from './emitters_table.js';
import { esc } from './html.js';
import { getLang, initialLang, num, setLang, t } from './i18n.js';
import { baseLevers, changedLevers, decodeDiff, encodeDiff, fromDiff, leverContext, toDiff } from './levers.js';
import { fanChart, parseDraws, renderUncertaintyNumbers } from './uncertainty.js';

const $ = (id) => document.getElementById(id);
const state = {
  dataset: null, bases: [], base: null, levers: null, outlook: null, baseOutlook: null, saved: [], computing: 0,
  scheduled: false,
  ctx: null, registry: null, deals: [], mc: null, mcDiff: null, mcRuns: 0, compared: null, comparisons: 0,
};
window.dashboard = state;

function showError(where, e) {
  const lines = [e.message, ...(e.diagnostics || []).map((d) => d.text)];
  where.innerHTML = `<span class="error">${esc([...new Set(lines)].join('\n'))}</span>`;
}

function kpiList(o) {
  return [
    ['achieved_mt', t('kpi.achieved_mt'), o.achieved_mt, 'Mt'],
    ['required_mt', t('kpi.required_mt'), o.required_mt, 'Mt'],
    ['gap_mt', t('kpi.gap_mt'), o.gap_mt, 'Mt'],
    ['levy_mt', t('kpi.levy_mt'), o.legs.levy_mt, 'Mt'],
    ['package_mt', t('kpi.package_mt'), o.legs.package_mt, 'Mt'],
    ['package_if_every_deal_delivers_mt', t('kpi.package_if_every_deal_delivers_mt'), o.legs.package_if_every_deal_delivers_mt, 'Mt'],
  ];
}

function renderKpis() {
  const o = state.outlook;
  const b = state.baseOutlook;
  $('kpis').innerHTML = kpiList(o).map(([key, label, v, unit], i) => {
    const bv = b ? kpiList(b)[i][2] : v;
    const d = v - bv;
    const good = key === 'gap_mt' ? d < 0 : d > 0;
    const same = Math.abs(d) < 0.005;
    const delta = same ? t('kpi.as_base') : t('kpi.vs_base', `${d > 0 ? '+' : ''}${num(d, 2)}`);
    return `<div class="kpi" data-kpi="${key}"><div class="l">${esc(label)} ${o.target_year}</div>
      <div class="v">${num(v, 2)} <span class="small">${unit}</span></div>
      <div class="d ${same ? '' : good ? 'up' : 'down'}">${esc(delta)}</div></div>`;
  }).join('');
}

function renderSites() {
  const rows = state.outlook.sites_by_reduction.slice(0, 10);
  $('sites').innerHTML = `<caption class="sr-only">${esc(t('sites.title'))}</caption><thead><tr><th scope="col">${esc(t('sites.col_site'))}</th><th scope="col">${esc(t('sites.col_cluster'))}</th><th scope="col" class="n">${esc(t('sites.col_reduction'))}</th><th scope="col" class="n">${esc(t('sites.col_levy'))}</th></tr></thead><tbody>` +
    rows.map((s) => `<tr><td>${esc(s.name)}</td><td>${esc(s.cluster)}</td><td class="n">${num(s.reduction_t / 1e3, 1)}</td><td class="n">${num(s.levy_eur / 1e6, 1)}</td></tr>`).join('') + '</tbody>';
}

let pending = null;
let timer = null;
const currentDiff = () => toDiff(state.levers, state.base, state.ctx);
state.currentDiff = currentDiff;
// SME support has no year in the outlook; the round is allocated when its window closes.
const smeYear = () => (state.ctx.smeRound ? Number(state.ctx.smeRound.closes.slice(0, 4)) : null);
const chartOpts = () => ({ smeYear: smeYear(), infraKinds: Object.fromEntries(state.dataset.infrastructure.map((i) => [i.id, i.kind])) });

/// The status line: which scenario, and whether the levers stand where the base has them.
function statusText(o, ms) {
  const changed = changedLevers(state.levers, baseLevers(state.base, state.ctx));
  const m = o.meta;
  return changed === 0 ? t('status.as_base', state.base.name, m.dataset, m.dataset_version, m.policy_version, ms)
    : t('status.changed', state.base.name, m.dataset, m.dataset_version, m.policy_version, changed, ms);
}

/// Everything drawn from the current outlook (again after a language switch).
function renderOutlook(ms) {
  const o = state.outlook;
  renderKpis();
  renderAll(state.panels, o, chartOpts());
  $('support-note').textContent = supportNote(o);
  renderDealOutlook($('deals'), o, state.ctx.smeRound && state.ctx.smeRound.name);
  renderSites();
  if (ms != null) state.lastMs = ms;
  $('status').textContent = statusText(o, state.lastMs);
}

async function recompute() {
  // A recompute takes every lever as it stands: one still scheduled has nothing left to do.
  clearTimeout(timer);
  state.scheduled = false;
  const diff = currentDiff();
  if (pending) pending.abort();
  pending = new AbortController();
  const mine = pending;
  state.computing++;
  $('status').textContent = t('status.computing');
  const t0 = performance.now();
  try {
    const o = await api.outlook(diff, mine.signal);
    if (mine !== pending) return;
    state.outlook = o;
    state.diff = diff;
    renderOutlook(Math.round(performance.now() - t0));
    // A comparison that holds the current levers follows them.
    if (state.compared && state.compared.some((p) => p.id === 'current')) compare();
    state.updates = (state.updates || 0) + 1;
  } catch (e) {
    if (e.name !== 'AbortError') showError($('status'), e);
  } finally {
    state.computing--;
  }
}

function schedule() {
  markMonteCarlo();
  clearTimeout(timer);
  // (Tests wait for !computing && !scheduled: an outlook in flight may land while a newer change
  // waits out the 120 ms, and its update is not the change's.)
  state.scheduled = true;
  timer = setTimeout(recompute, 120);
}

/// A slider's value for people and for screen readers (aria-valuetext carries the unit).
function showValue(id, text) {
  $(`${id}-out`).textContent = text;
  $(id).setAttribute('aria-valuetext', text);
}

function syncLeverInputs() {
  const l = state.levers;
  $('base').value = l.base;
  $('base-description').textContent = state.base.description;
  $('ets').value = l.ets2030; showValue('ets', `${num(l.ets2030, 0)} EUR/t`);
  $('tariff').value = l.tariff2030; showValue('tariff', `${num(l.tariff2030, 2)} EUR/t`);
  $('hurdle').value = l.hurdle; showValue('hurdle', num(l.hurdle, 2));
  $('package').checked = l.packageOn;
  for (const [id, d] of Object.entries(l.delays)) {
    $(`delay-${id}`).value = d; showValue(`delay-${id}`, t('levers.years', d));
  }
  const b = baseLevers(state.base, state.ctx);
  syncDealPhases($('deals'), l.dealPhase, b.dealPhase);
  // The inputs hold EUR bn and EUR m; the levers hold EUR, so a diff round-trips exactly.
  $('deal-budget').value = l.dealBudgetEur === null ? '' : String(l.dealBudgetEur / 1e9);
  $('sme-budget').value = l.smeBudgetEur === null ? '' : String(l.smeBudgetEur / 1e6);
  markMonteCarlo();
}

async function setBase(name, levers) {
  state.base = state.bases.find((s) => s.name === name);
  state.levers = levers || baseLevers(state.base, state.ctx);
  syncLeverInputs();
  state.baseOutlook = await api.outlook({ base: state.base.name });
  await recompute();
}

function buildInfraLevers() {
  // CO2 storage and hydrogen carry the dates that move most; grids are listed after them.
  const order = { co2_storage: 0, hydrogen: 1, grid: 2 };
  const infra = [...state.dataset.infrastructure].sort((a, b) => order[a.kind] - order[b.kind]);
  $('infra-levers').innerHTML = infra.map((i) => `<div class="lever"><label for="delay-${esc(i.id)}" title="${esc(i.name)}">${esc(i.id)}</label>
    <output id="delay-${esc(i.id)}-out" for="delay-${esc(i.id)}"></output>
    <input id="delay-${esc(i.id)}" data-infra="${esc(i.id)}" type="range" min="-3" max="10" step="1"></div>`).join('');
  for (const input of $('infra').querySelectorAll('input')) {
    input.addEventListener('input', () => {
      state.levers.delays[input.dataset.infra] = Number(input.value);
      showValue(input.id, t('levers.years', input.value));
      schedule();
    });
  }
}

function wireLevers() {
  $('base').addEventListener('change', () => setBase($('base').value));
  const slider = (id, key, text) => $(id).addEventListener('input', () => {
    state.levers[key] = Number($(id).value);
    showValue(id, text(state.levers[key]));
    schedule();
  });
  slider('ets', 'ets2030', (v) => `${num(v, 0)} EUR/t`);
  slider('tariff', 'tariff2030', (v) => `${num(v, 2)} EUR/t`);
  slider('hurdle', 'hurdle', (v) => num(v, 2));
  $('package').addEventListener('change', () => { state.levers.packageOn = $('package').checked; schedule(); });
  // An emptied budget goes back to the base's value (for the deal budget: no limit).
  const money = (id, key, unit) => $(id).addEventListener('input', () => {
    const text = $(id).value.trim();
    const v = Number(text);
    if (text !== '' && !(Number.isFinite(v) && v >= 0)) return; // the input shows it is invalid
    state.levers[key] = text === '' ? baseLevers(state.base, state.ctx)[key] : Math.round(v * unit);
    schedule();
  });
  money('deal-budget', 'dealBudgetEur', 1e9);
  money('sme-budget', 'smeBudgetEur', 1e6);
  $('mc-run').addEventListener('click', runMonteCarlo);
  $('reset').addEventListener('click', () => setBase(state.base.name));
  $('token').value = sessionStorage.getItem('decarbfund.token') || '';
  $('save').addEventListener('click', save);
  $('share').addEventListener('click', async () => {
    const url = `${location.origin}/#d=${encodeDiff(currentDiff())}`;
    history.replaceState(null, '', url);
    try { await navigator.clipboard.writeText(url); $('save-status').textContent = t('save.copied'); } catch { $('save-status').textContent = url; }
  });
  $('cmp-list').addEventListener('change', compare);
  $('lang').addEventListener('change', () => switchLanguage($('lang').value));
}

async function save() {
  const token = $('token').value.trim();
  sessionStorage.setItem('decarbfund.token', token);
  const name = $('save-name').value.trim();
  if (!name) { $('save-status').textContent = t('save.need_name'); return; }
  try {
    const s = await api.save(name, currentDiff(), token);
    history.replaceState(null, '', `/#s=${s.id}`);
    $('save-status').innerHTML = `${esc(t('save.saved', s.id))} <a href="/#s=${s.id}">${esc(t('save.link'))}</a>`;
    await loadSaved();
  } catch (e) {
    showError($('save-status'), e);
  }
}

function renderSaved() {
  $('saved').innerHTML = `<caption class="sr-only">${esc(t('saved.title'))}</caption><thead><tr>${['saved.col_id', 'saved.col_name', 'saved.col_created', 'saved.col_by'].map((k) => `<th scope="col">${esc(t(k))}</th>`).join('')}<th scope="col"><span class="sr-only">${esc(t('saved.open'))}</span></th></tr></thead><tbody>` +
    state.saved.map((s) => `<tr><td>${s.id}</td><td>${esc(s.name)}</td><td>${esc(s.created_at)}</td><td>${esc(s.created_by)}</td>
      <td><a href="/#s=${s.id}" data-open="${s.id}" aria-label="${esc(t('saved.open_label', s.id, s.name))}">${esc(t('saved.open'))}</a></td></tr>`).join('') + '</tbody>';
  // The comparison's choices: the current levers and every saved scenario, as checkboxes.
  const ticked = new Set([...$('cmp-list').querySelectorAll('input:checked')].map((i) => i.value));
  const choice = (value, label) => `<label class="check"><input type="checkbox" name="cmp" value="${esc(value)}"${ticked.has(value) ? ' checked' : ''}> ${esc(label)}</label>`;
  $('cmp-list').innerHTML = choice('current', t('cmp.current')) + state.saved.map((s) => choice(String(s.id), t('cmp.saved', s.id, s.name))).join('');
}

async function loadSaved() {
  state.saved = await api.saved();
  renderSaved();
}

/// Compares the ticked scenarios: two or more outlooks overlaid, their numbers and a table by year.
let compareRun = 0;
async function compare() {
  const picks = [...$('cmp-list').querySelectorAll('input:checked')].map((i) => i.value);
  const mine = ++compareRun;
  $('cmp-result').hidden = picks.length < 2;
  if (picks.length < 2) {
    $('cmp-status').textContent = t('cmp.need_two');
    state.compared = null;
    return;
  }
  $('cmp-status').textContent = t('cmp.computing');
  try {
    const outlooks = await Promise.all(picks.map(async (v) => {
      if (v === 'current') return { id: 'current', name: t('cmp.current'), outlook: state.outlook };
      const s = await api.savedOne(v);
      return { id: String(s.id), name: t('cmp.saved', s.id, s.name), outlook: await api.outlook(s.diff) };
    }));
    if (mine !== compareRun) return;
    state.compared = outlooks;
    renderComparison();
    state.comparisons++;
  } catch (e) {
    showError($('cmp-status'), e);
  }
}

function renderComparison() {
  const picks = state.compared;
  if (!picks) return;
  for (const p of picks) p.name = p.id === 'current' ? t('cmp.current') : p.name;
  renderCompare(state.comparePanels, picks, smeYear());
  compareNumbers($('compare'), picks, kpiList);
  compareByYear($('compare-years'), picks, smeYear());
  $('cmp-status').textContent = '';
}

async function openFromHash() {
  const h = location.hash;
  let diff = null;
  if (h.startsWith('#s=')) diff = (await api.savedOne(h.slice(3))).diff;
  else if (h.startsWith('#d=')) diff = decodeDiff(h.slice(3));
  if (!diff) return false;
  const { base, levers } = fromDiff(diff, state.bases, state.ctx);
  await setBase(base.name, levers);
  return true;
}

function onPhase(id, phase) {
  state.levers.dealPhase[id] = phase;
  syncDealPhases($('deals'), state.levers.dealPhase, baseLevers(state.base, state.ctx).dealPhase);
  schedule();
}

/// Greys the Monte Carlo result out when the levers no longer describe the scenario it ran.
function markMonteCarlo() {
  if (!state.mc) return;
  const stale = JSON.stringify(currentDiff()) !== JSON.stringify(state.mcDiff);
  state.mcStale = stale;
  $('mc-result').classList.toggle('stale', stale);
  $('mc-status').classList.toggle('stale', stale);
  $('mc-status').textContent = stale ? t('mc.stale') : t('mc.done', num(state.mc.meta.draws, 0), num(state.mcSeconds, 1));
}

function renderMonteCarlo() {
  state.panels.fan.render(...fanChart(state.mc));
  renderUncertaintyNumbers($('mc-p'), $('mc-table'), state.mc);
  markMonteCarlo();
}

let mcAbort = null;
async function runMonteCarlo() {
  const draws = parseDraws($('mc-draws').value);
  if (draws === null) { $('mc-status').textContent = t('mc.bad_draws', 2000); return; }
  if (mcAbort) mcAbort.abort();
  mcAbort = new AbortController();
  const mine = mcAbort;
  const diff = currentDiff();
  $('mc-status').classList.remove('stale');
  $('mc-status').textContent = t('mc.running', num(draws, 0));
  $('mc-run').disabled = true;
  const t0 = performance.now();
  try {
    const mc = await api.montecarlo(diff, draws, mine.signal);
    if (mine !== mcAbort) return;
    state.mc = mc;
    state.mcDiff = diff;
    state.mcSeconds = (performance.now() - t0) / 1000;
    $('mc-result').classList.remove('empty');
    renderMonteCarlo();
    state.mcRuns++;
  } catch (e) {
    if (e.name !== 'AbortError') showError($('mc-status'), e);
  } finally {
    if (mine === mcAbort) $('mc-run').disabled = false;
  }
}

function renderDataset() {
  const d = state.dataset;
  $('dataset').textContent = t('page.dataset', d.dataset, d.version, num(d.sites, 0), num(d.options, 0), num(d.base_year_emissions_t / 1e6, 1), d.base_year, d.price_year);
  const r = state.ctx.smeRound;
  $('sme-budget-note').textContent = r ? t('levers.sme_note', r.name, r.title, num(r.budget_eur / 1e6, 1)) : t('levers.no_sme');
  $('deals-note').textContent = state.registry ? t('deals.registry', state.registry.deals.length) : t('deals.no_registry');
}

/// Says the whole page again in `lang`: static texts, levers, tables and every chart.
function switchLanguage(lang) {
  setLang(lang);
  $('lang').value = getLang();
  document.title = t('page.title');
  renderDataset();
  buildDealTable($('deals'), state.deals, state.registry, onPhase);
  if (state.emitters) buildEmittersTable($('emitters'), state.emitters);
  if (state.levers) syncLeverInputs();
  if (state.outlook) renderOutlook();
  if (state.mc) renderMonteCarlo();
  if (state.saved) renderSaved();
  renderComparison();
  if (!state.mc) $('mc-status').textContent = t('mc.not_run');
}

async function main() {
  setLang(initialLang());
  $('lang').value = getLang();
  document.title = t('page.title');
  $('dataset').textContent = t('page.loading');
  $('status').textContent = t('status.computing');
  let rounds;
  try {
    [state.dataset, state.bases, state.deals, rounds, state.emitters] = await Promise.all([api.dataset(), api.scenarios(), api.deals(), api.smeRounds(), api.emitters()]);
  } catch (e) {
    showError($('status'), e);
    return;
  }
  state.ctx = leverContext(state.dataset, state.deals, rounds);
  try {
    state.registry = await api.registryDeals();
  } catch (e) {
    state.registry = null;
    showError($('deals-note'), e);
  }
  buildDealTable($('deals'), state.deals, state.registry, onPhase);
  buildEmittersTable($('emitters'), state.emitters);
  $('sme-budget').disabled = !state.ctx.smeRound;
  renderDataset();
  $('base').innerHTML = state.bases.map((s) => `<option value="${esc(s.name)}">${esc(s.name)} (${esc(s.policy_version)})</option>`).join('');
  state.panels = makeCharts($('outlook-charts'));
  state.panels.fan = makePanel($('mc-charts'), 'fan');
  state.comparePanels = makeCompareCharts($('cmp-charts'));
  // The ECharts instance of every chart, by name (the browser test reads their options).
  state.charts = new Proxy({}, { get: (_, k) => (state.panels[k] || state.comparePanels[k] || {}).chart });
  buildInfraLevers();
  wireLevers();
  $('mc-status').textContent = t('mc.not_run');
  window.addEventListener('hashchange', () => openFromHash().catch((e) => showError($('status'), e)));
  try {
    const opened = await openFromHash();
    if (!opened) {
      const preferred = state.bases.find((s) => s.name === 'belastingplan-2026') || state.bases[state.bases.length - 1];
      await setBase(preferred.name);
    }
    await loadSaved();
  } catch (e) {
    showError($('status'), e);
  }
}

main();
