// The uncertainty panel: "Run uncertainty" posts the current diff to POST /api/montecarlo and
// draws the fan chart (percentile bands of emissions by year) and P(target met) from the
// returned document (docs/uncertainty.md). The result goes stale when a lever moves after it.
import * as echarts from 'echarts/core';

const MT = 1e6;
const pct1 = (p) => `${(p * 100).toFixed(1)} %`;
const mt2 = (t) => (t / MT).toFixed(2);
export const MAX_DRAWS = 2000; // the server's limit (docs/api.yaml)

/// Draws between 1 and MAX_DRAWS from the input's text, or null when it is not a whole number.
export function parseDraws(text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_DRAWS) return null;
  return n;
}

export function makeFanChart(el) {
  const chart = echarts.init(el);
  window.addEventListener('resize', () => chart.resize());
  return chart;
}

/// Bands are stacked areas on a category axis: an invisible lower edge, then the band's height.
function band(name, years, lo, hi, color) {
  return [
    { name: `${name} lower`, type: 'line', stack: name, data: lo.map((v) => v / MT), showSymbol: false, lineStyle: { opacity: 0 }, silent: true, tooltip: { show: false } },
    { name, type: 'line', stack: name, data: hi.map((v, i) => (v - lo[i]) / MT), showSymbol: false, lineStyle: { opacity: 0 }, areaStyle: { color }, itemStyle: { color }, silent: true },
  ];
}

export function renderFan(chart, mc) {
  const e = mc.emissions_t;
  const years = e.years.map(String);
  const target = (mc.central.reference_emissions_t - mc.target.required_t) / MT;
  chart.setOption({
    animation: false,
    legend: { top: 0, data: ['P5–P95', 'P25–P75', 'median', 'mean'] },
    tooltip: {
      trigger: 'axis',
      formatter: (ps) => {
        const i = ps[0].dataIndex;
        return `${years[i]}<br>P5 ${mt2(e.p5[i])} · P25 ${mt2(e.p25[i])} · median ${mt2(e.p50[i])} · P75 ${mt2(e.p75[i])} · P95 ${mt2(e.p95[i])} Mt`;
      },
    },
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: years, boundaryGap: false },
    // Keep the target level in view: it is often below every draw.
    yAxis: { type: 'value', name: 'Mt CO2', min: (v) => Math.floor((Math.min(v.min, target) - 1) / 5) * 5, max: (v) => Math.ceil((v.max + 1) / 5) * 5 },
    series: [
      ...band('P5–P95', years, e.p5, e.p95, 'rgba(11,110,79,0.18)'),
      ...band('P25–P75', years, e.p25, e.p75, 'rgba(11,110,79,0.35)'),
      { name: 'median', type: 'line', data: e.p50.map((v) => v / MT), showSymbol: false, lineStyle: { width: 3, color: '#0b6e4f' }, itemStyle: { color: '#0b6e4f' },
        markLine: { symbol: 'none', lineStyle: { type: 'dashed', color: '#b3261e' }, label: { position: 'insideStartTop', formatter: `target ${mc.meta.target_year}: ${target.toFixed(2)} Mt` }, data: [{ yAxis: target }] } },
      { name: 'mean', type: 'line', data: e.mean.map((v) => v / MT), showSymbol: false, lineStyle: { type: 'dotted', color: '#5d6b7a' }, itemStyle: { color: '#5d6b7a' } },
    ],
  }, true);
}

/// The P(target met) line and the table of achieved reduction percentiles per leg.
export function renderUncertaintyNumbers(pEl, tableEl, mc) {
  const p = mc.p_target_met;
  pEl.innerHTML = `P(target met) <strong data-p-total>${pct1(p.total)}</strong>
    <span class="small muted">(levy leg ${pct1(p.levy_leg)}, package leg ${pct1(p.package_leg)};
    ${mc.meta.draws} draws, seed ${mc.meta.seed}, ${mc.meta.scenario})</span>`;
  const rows = [
    ['total', mc.target.required_t, mc.central.achieved_t, mc.achieved_t, p.total],
    ['levy leg', mc.target.levy_leg_required_t, mc.central.levy_leg_t, mc.levy_leg_t, p.levy_leg],
    ['package leg', mc.target.package_leg_required_t, mc.central.package_leg_t, mc.package_leg_t, p.package_leg],
  ];
  const b = mc.budget_outlay_eur;
  tableEl.innerHTML = `<tr><th>reduction ${mc.meta.target_year} (Mt)</th><th class="n">required</th><th class="n">outlook</th><th class="n">P10</th><th class="n">median</th><th class="n">P90</th><th class="n">P(met)</th></tr>` +
    rows.map(([n, req, c, q, pm]) => `<tr><td>${n}</td><td class="n">${mt2(req)}</td><td class="n">${mt2(c)}</td><td class="n">${mt2(q.p10)}</td><td class="n">${mt2(q.p50)}</td><td class="n">${mt2(q.p90)}</td><td class="n">${pct1(pm)}</td></tr>`).join('') +
    `<tr><td>package support ${mc.meta.start_year}–${mc.meta.target_year} (EUR bn)</td><td></td><td class="n">${(mc.central.budget_outlay_eur / 1e9).toFixed(2)}</td><td class="n">${(b.p10 / 1e9).toFixed(2)}</td><td class="n">${(b.p50 / 1e9).toFixed(2)}</td><td class="n">${(b.p90 / 1e9).toFixed(2)}</td><td></td></tr>`;
}
