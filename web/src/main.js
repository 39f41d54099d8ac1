// The dashboard: levers on the left build a scenario diff; every change posts it to
// /api/outlook (debounced, the previous request aborted) and redraws numbers and charts.
// Scenarios are saved through /api/saved (bearer token, role analyst) and shared as /#s=<id>
// or /#d=<diff>. window.dashboard exposes state for the browser test (tests/browser/).
import { api } from './api.js';
import { fmt1, fmt2, makeCharts, renderAll } from './charts.js';
import { baseLevers, decodeDiff, encodeDiff, fromDiff, toDiff } from './levers.js';

const $ = (id) => document.getElementById(id);
const state = { dataset: null, bases: [], base: null, levers: null, outlook: null, baseOutlook: null, saved: [], computing: 0 };
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
    ['package_mt', 'Package leg', o.legs.package_mt, 'Mt'],
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
async function recompute() {
  const diff = toDiff(state.levers, state.base, state.dataset);
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
    renderAll(state.charts, o);
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
}

async function setBase(name, levers) {
  state.base = state.bases.find((s) => s.name === name);
  state.levers = levers || baseLevers(state.base, state.dataset);
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
  $('reset').addEventListener('click', () => setBase(state.base.name));
  $('token').value = sessionStorage.getItem('decarbfund.token') || '';
  $('save').addEventListener('click', save);
  $('share').addEventListener('click', async () => {
    const url = `${location.origin}/#d=${encodeDiff(toDiff(state.levers, state.base, state.dataset))}`;
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
    const s = await api.save(name, toDiff(state.levers, state.base, state.dataset), token);
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
  const { base, levers } = fromDiff(diff, state.bases, state.dataset);
  await setBase(base.name, levers);
  return true;
}

async function main() {
  try {
    [state.dataset, state.bases] = await Promise.all([api.dataset(), api.scenarios()]);
  } catch (e) {
    showError($('status'), e);
    return;
  }
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
