// The uncertainty panel: "Run uncertainty" posts the current diff to POST /api/montecarlo and
// draws the fan chart (percentile bands of emissions by year) and P(target met) from the
// returned document (docs/uncertainty.md). The result goes stale when a lever moves after it.
import { base, fmt2 } from './charts.js';
import { esc } from './html.js';
import { num, pct, t } from './i18n.js';

const MT = 1e6;
const mt2 = (v) => num(v / MT, 2);
export const MAX_DRAWS = 2000; // the server's limit (docs/api.yaml)

/// Draws between 1 and MAX_DRAWS from the input's text, or null when it is not a whole number.
export function parseDraws(text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_DRAWS) return null;
  return n;
}

/// Bands are stacked areas on a category axis: an invisible lower edge, then the band's height.
function band(name, lo, hi, color) {
  return [
    { name: `${name} lower`, type: 'line', stack: name, data: lo.map((v) => v / MT), showSymbol: false, lineStyle: { opacity: 0 }, silent: true, tooltip: { show: false } },
    { name, type: 'line', stack: name, data: hi.map((v, i) => (v - lo[i]) / MT), showSymbol: false, lineStyle: { opacity: 0 }, areaStyle: { color }, itemStyle: { color }, silent: true },
  ];
}

/// What the fan chart's panel draws: caption, option, table.
export function fanChart(mc) {
  const e = mc.emissions_t;
  const years = e.years.map(String);
  const target = (mc.central.reference_emissions_t - mc.target.required_t) / MT;
  const [p5p95, p25p75, median, mean] = [t('series.p5_p95'), t('series.p25_p75'), t('series.median'), t('series.mean')];
  return [t('chart.fan'), {
    legend: { top: 0, right: 8, data: [p5p95, p25p75, median, mean] },
    tooltip: {
      trigger: 'axis',
      formatter: (ps) => {
        const i = ps[0].dataIndex;
        return `${years[i]}<br>P5 ${mt2(e.p5[i])} · P25 ${mt2(e.p25[i])} · ${median} ${mt2(e.p50[i])} · P75 ${mt2(e.p75[i])} · P95 ${mt2(e.p95[i])} Mt`;
      },
    },
    grid: base.grid,
    xAxis: { type: 'category', data: years, boundaryGap: false },
    // Keep the target level in view: it is often below every draw.
    yAxis: { type: 'value', name: t('axis.mt'), axisLabel: { formatter: (v) => num(v, 0) },
      min: (v) => Math.floor((Math.min(v.min, target) - 1) / 5) * 5, max: (v) => Math.ceil((v.max + 1) / 5) * 5 },
    series: [
      ...band(p5p95, e.p5, e.p95, 'rgba(11,110,79,0.18)'),
      ...band(p25p75, e.p25, e.p75, 'rgba(11,110,79,0.35)'),
      { name: median, type: 'line', data: e.p50.map((v) => v / MT), showSymbol: false, lineStyle: { width: 3, color: '#0b6e4f' }, itemStyle: { color: '#0b6e4f' },
        markLine: { symbol: 'none', lineStyle: { type: 'dashed', color: '#b3261e' }, label: { position: 'insideStartTop', formatter: t('mc.target_label', mc.meta.target_year, fmt2(target)) }, data: [{ yAxis: target }] } },
      { name: mean, type: 'line', data: e.mean.map((v) => v / MT), showSymbol: false, lineStyle: { type: 'dotted', color: '#5d6b7a' }, itemStyle: { color: '#5d6b7a' } },
    ],
  }, {
    columns: [{ label: t('col.year') }, ...['P5', 'P25', median, 'P75', 'P95', mean].map((label) => ({ label, decimals: 2 }))],
    rows: years.map((y, i) => [Number(y), ...[e.p5, e.p25, e.p50, e.p75, e.p95, e.mean].map((s) => s[i] / MT)]),
  }];
}

/// The P(target met) line and the table of achieved reduction percentiles per leg.
export function renderUncertaintyNumbers(pEl, tableEl, mc) {
  const p = mc.p_target_met;
  pEl.innerHTML = `${esc(t('mc.p'))} <strong data-p-total>${esc(pct(p.total))}</strong>
    <span class="small muted">${esc(t('mc.p_detail', pct(p.levy_leg), pct(p.package_leg), num(mc.meta.draws, 0), mc.meta.seed, mc.meta.scenario))}</span>`;
  const rows = [
    [t('mc.row_total'), mc.target.required_t, mc.central.achieved_t, mc.achieved_t, p.total],
    [t('mc.row_levy'), mc.target.levy_leg_required_t, mc.central.levy_leg_t, mc.levy_leg_t, p.levy_leg],
    [t('mc.row_package'), mc.target.package_leg_required_t, mc.central.package_leg_t, mc.package_leg_t, p.package_leg],
  ];
  const b = mc.budget_outlay_eur;
  const bn = (v) => num(v / 1e9, 2);
  const cell = (s) => `<td class="n">${esc(s)}</td>`;
  tableEl.innerHTML = `<caption class="sr-only">${t('mc.table')}</caption><thead><tr><th scope="col">${t('mc.col_reduction', mc.meta.target_year)}</th><th scope="col" class="n">${t('mc.col_required')}</th><th scope="col" class="n">${t('mc.col_outlook')}</th><th scope="col" class="n">P10</th><th scope="col" class="n">${t('mc.col_median')}</th><th scope="col" class="n">P90</th><th scope="col" class="n">${t('mc.col_p_met')}</th></tr></thead><tbody>` +
    rows.map(([n, req, c, q, pm]) => `<tr><td>${n}</td>${cell(mt2(req))}${cell(mt2(c))}${cell(mt2(q.p10))}${cell(mt2(q.p50))}${cell(mt2(q.p90))}${cell(pct(pm))}</tr>`).join('') +
    `<tr><td>${t('mc.row_support', mc.meta.start_year, mc.meta.target_year)}</td><td></td>${cell(bn(mc.central.budget_outlay_eur))}${cell(bn(b.p10))}${cell(bn(b.p50))}${cell(bn(b.p90))}<td></td></tr></tbody>`;
}
