// The dashboard: levers on the left and the deal table's phase levers build a scenario diff;
// every change posts it to /api/outlook (debounced, the previous request aborted) and redraws
// numbers, charts and the deal table. "Run uncertainty" posts the same diff to /api/montecarlo.
// Scenarios are saved through /api/saved (bearer token, role analyst) and shared as /#s=<id>
// or /#d=<diff>. window.dashboard exposes state for the browser test (tests/browser/).
import { api } from './api.js';
import { fmt1, fmt2, makeCharts, renderAll, supportNote } from './charts.js';
import { buildDealTable, renderDealOutlook, syncDealPhases } from './deal_table.js';
import { baseLevers, decodeDiff, encodeDiff, fromDiff, leverContext, toDiff } from './levers.js';
import { makeFanChart, parseDraws, renderFan, renderUncertaintyNumbers } from './uncertainty.js';

const $ = (id) => document.getElementById(id);
const state = {
  dataset: null, bases: [], base: null, levers: null, outlook: null, baseOutlook: null, saved: [], computing: 0,
  ctx: null, registry: null, mc: null, mcDiff: null, mcRuns: 0,
};
window.dashboard = state;

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

function showError(where, e) {
  const lines = [e.message, ...(e.diagnostics || []).map((d) => d.text)];
  where.innerHTML = `<span class="error">${esc([...new Set(lines)].join('\n'))}</span>`;
}

function kpiList(o) {
  return [
    ['achieved_mt', 'Achieved reduction', o.achieved_mt, 'Mt'],
    ['required_mt', 'Required', o.required_mt, 'Mt'],
    ['gap_mt', 'Gap (required − achieved)', o.gap_mt, 'Mt'],
    ['levy_mt', 'Levy leg', o.legs.levy_mt, 'Mt'],
    ['package_mt', 'Package leg (every deal delivers)', o.legs.package_mt, 'Mt'],
    ['package_expected_mt', 'Package leg, expected (× p(phase))', o.legs.package_expected_mt, 'Mt'],
  ];
}

function renderKpis() {
  const o = state.outlook;
  const b = state.baseOutlook;
  $('kpis').innerHTML = kpiList(o).map(([key, label, v, unit], i) => {
    const bv = b ? kpiList(b)[i][2] : v;
    const d = v - bv;
    const good = key === 'gap_mt' ? d < 0 : d > 0;
    const delta = Math.abs(d) < 0.005 ? 'as base' : `${d > 0 ? '+' : ''}${fmt2(d)} vs base`;
    return `<div class="kpi" data-kpi="${key}"><div class="l">${label} ${o.target_year}</div>
      <div class="v">${fmt2(v)} <span class="small">${unit}</span></div>
      <div class="d ${Math.abs(d) < 0.005 ? '' : good ? 'up' : 'down'}">${delta}</div></div>`;
  }).join('');
}

function renderSites() {
  const rows = state.outlook.sites_by_reduction.slice(0, 10);
  $('sites').innerHTML = '<tr><th>site</th><th>cluster</th><th>reduction (kt)</th><th>levy (EUR m)</th></tr>' +
    rows.map((s) => `<tr><td>${esc(s.name)}</td><td>${esc(s.cluster)}</td><td class="n">${fmt1(s.reduction_t / 1e3)}</td><td class="n">${fmt1(s.levy_eur / 1e6)}</td></tr>`).join('');
}

let pending = null;
let timer = null;
const currentDiff = () => toDiff(state.levers, state.base, state.ctx);
// SME support has no year in the outlook; the round is allocated when its window closes.
const smeYear = () => (state.ctx.smeRound ? Number(state.ctx.smeRound.closes.slice(0, 4)) : null);

async function recompute() {
  const diff = currentDiff();
  if (pending) pending.abort();
  pending = new AbortController();
  const mine = pending;
  state.computing++;
  $('status').textContent = 'computing…';
  const t0 = performance.now();
  try {
    const o = await api.outlook(diff, mine.signal);
    if (mine !== pending) return;
    state.outlook = o;
    state.diff = diff;
    renderKpis();
    renderAll(state.charts, o, { smeYear: smeYear() });
    $('support-note').textContent = supportNote(o);
    renderDealOutlook($('deals'), o, state.ctx.smeRound && state.ctx.smeRound.name);
    renderSites();
    $('status').textContent = `${o.meta.scenario} on ${o.meta.dataset} ${o.meta.dataset_version}, policy ${o.meta.policy_version}: recomputed in ${Math.round(performance.now() - t0)} ms`;
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
  timer = setTimeout(recompute, 120);
}

function syncLeverInputs() {
  const l = state.levers;
  $('base').value = l.base;
  $('base-description').textContent = state.base.description;
  $('ets').value = l.ets2030; $('ets-out').textContent = l.ets2030;
  $('tariff').value = l.tariff2030; $('tariff-out').textContent = l.tariff2030;
  $('hurdle').value = l.hurdle; $('hurdle-out').textContent = l.hurdle.toFixed(2);
  $('package').checked = l.packageOn;
  for (const [id, d] of Object.entries(l.delays)) {
    $(`delay-${id}`).value = d; $(`delay-${id}-out`).textContent = d;
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
  $('infra').innerHTML += infra.map((i) => `<label title="${esc(i.name)}">${esc(i.id)} <output id="delay-${esc(i.id)}-out"></output>
    <input id="delay-${esc(i.id)}" data-infra="${esc(i.id)}" type="range" min="-3" max="10" step="1"></label>`).join('');
  for (const input of $('infra').querySelectorAll('input')) {
    input.addEventListener('input', () => {
      state.levers.delays[input.dataset.infra] = Number(input.value);
      $(`${input.id}-out`).textContent = input.value;
      schedule();
    });
  }
}

function wireLevers() {
  $('base').addEventListener('change', () => setBase($('base').value));
  const num = (id, key, out = (v) => String(v)) => $(id).addEventListener('input', () => {
    state.levers[key] = Number($(id).value);
    $(`${id}-out`).textContent = out(state.levers[key]);
    schedule();
  });
  num('ets', 'ets2030');
  num('tariff', 'tariff2030');
  num('hurdle', 'hurdle', (v) => v.toFixed(2));
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
    try { await navigator.clipboard.writeText(url); $('save-status').textContent = 'link copied'; } catch { $('save-status').textContent = url; }
  });
  for (const id of ['cmp-a', 'cmp-b']) $(id).addEventListener('change', compare);
}

async function save() {
  const token = $('token').value.trim();
  sessionStorage.setItem('decarbfund.token', token);
  const name = $('save-name').value.trim();
  if (!name) { $('save-status').textContent = 'give the scenario a name first'; return; }
  try {
    const s = await api.save(name, currentDiff(), token);
    history.replaceState(null, '', `/#s=${s.id}`);
    $('save-status').innerHTML = `saved as #${s.id}: <a href="/#s=${s.id}">share link</a>`;
    await loadSaved();
  } catch (e) {
    showError($('save-status'), e);
  }
}

async function loadSaved() {
  state.saved = await api.saved();
  $('saved').innerHTML = '<tr><th>id</th><th>name</th><th>created</th><th>by</th><th></th></tr>' +
    state.saved.map((s) => `<tr><td>${s.id}</td><td>${esc(s.name)}</td><td>${esc(s.created_at)}</td><td>${esc(s.created_by)}</td>
      <td><a href="/#s=${s.id}" data-open="${s.id}">open</a></td></tr>`).join('');
  const opts = '<option value="current">current levers</option>' +
    state.saved.map((s) => `<option value="${s.id}">#${s.id} ${esc(s.name)}</option>`).join('');
  for (const id of ['cmp-a', 'cmp-b']) { const v = $(id).value; $(id).innerHTML = opts; if (v) $(id).value = v; }
}

async function compare() {
  const pick = async (v) => {
    if (v === 'current') return ['current levers', state.outlook];
    const s = await api.savedOne(v);
    return [`#${s.id} ${s.name}`, await api.outlook(s.diff)];
  };
  try {
    const [[na, a], [nb, b]] = await Promise.all([pick($('cmp-a').value), pick($('cmp-b').value)]);
    const rows = kpiList(a).map(([, label, va, unit], i) => {
      const vb = kpiList(b)[i][2];
      return `<tr><td>${label} (${unit})</td><td class="n">${fmt2(va)}</td><td class="n">${fmt2(vb)}</td><td class="n">${fmt2(vb - va)}</td></tr>`;
    });
    $('compare').innerHTML = `<tr><th></th><th>${esc(na)}</th><th>${esc(nb)}</th><th>B − A</th></tr>${rows.join('')}`;
  } catch (e) {
    showError($('compare'), e);
  }
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
  $('mc-status').textContent = stale ? 'stale: the levers moved after this run; run it again'
    : `${state.mc.meta.draws} draws in ${state.mcSeconds.toFixed(1)} s for the current levers`;
}

let mcAbort = null;
async function runMonteCarlo() {
  const draws = parseDraws($('mc-draws').value);
  if (draws === null) { $('mc-status').textContent = 'draws: a whole number from 1 to 2000'; return; }
  if (mcAbort) mcAbort.abort();
  mcAbort = new AbortController();
  const mine = mcAbort;
  const diff = currentDiff();
  $('mc-status').classList.remove('stale');
  $('mc-status').textContent = `running ${draws} draws…`;
  $('mc-run').disabled = true;
  const t0 = performance.now();
  try {
    const mc = await api.montecarlo(diff, draws, mine.signal);
    if (mine !== mcAbort) return;
    state.mc = mc;
    state.mcDiff = diff;
    state.mcSeconds = (performance.now() - t0) / 1000;
    $('mc-result').classList.remove('empty');
    if (!state.charts.fan) state.charts.fan = makeFanChart($('chart-fan')); // once visible: ECharts needs a size
    renderFan(state.charts.fan, mc);
    renderUncertaintyNumbers($('mc-p'), $('mc-table'), mc);
    state.mcRuns++;
    markMonteCarlo();
  } catch (e) {
    if (e.name !== 'AbortError') showError($('mc-status'), e);
  } finally {
    if (mine === mcAbort) $('mc-run').disabled = false;
  }
}

async function main() {
  let deals;
  let rounds;
  try {
    [state.dataset, state.bases, deals, rounds] = await Promise.all([api.dataset(), api.scenarios(), api.deals(), api.smeRounds()]);
  } catch (e) {
    showError($('status'), e);
    return;
  }
  state.ctx = leverContext(state.dataset, deals, rounds);
  try {
    state.registry = await api.registryDeals();
    $('deals-note').textContent = state.registry
      ? `Registry attached: monitoring status of ${state.registry.deals.length} deals (GET /api/registry/deals). Phase levers start at each deal file's phase.`
      : 'No registry attached (start the server with --registry FILE for monitoring status); phases are the deal files\'.';
  } catch (e) {
    state.registry = null;
    showError($('deals-note'), e);
  }
  buildDealTable($('deals'), deals, state.registry, onPhase);
  const r = state.ctx.smeRound;
  $('sme-budget-note').textContent = r ? `Round ${r.name} (${r.title}): EUR ${fmt1(r.budget_eur / 1e6)} m in its file.` : 'No SME round in the outlook.';
  $('sme-budget').disabled = !r;
  const d = state.dataset;
  $('dataset').textContent = `dataset ${d.dataset} ${d.version}: ${d.sites} sites, ${d.options} options, ${fmt1(d.base_year_emissions_t / 1e6)} Mt in ${d.base_year}; EUR of ${d.price_year}`;
  $('base').innerHTML = state.bases.map((s) => `<option value="${esc(s.name)}">${esc(s.name)} (${esc(s.policy_version)})</option>`).join('');
  state.charts = makeCharts();
  buildInfraLevers();
  wireLevers();
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
