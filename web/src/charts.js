// The dashboard's charts (ECharts, tree-shaken): each render* takes an outlook document
// (POST /api/outlook, the same as `outlook --json`) and sets its chart's option. The fan chart
// of a Monte Carlo run is in uncertainty.js.
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, CustomChart, LineChart, GridComponent, LegendComponent, MarkLineComponent,
  MarkPointComponent, TooltipComponent, CanvasRenderer]);

const MT = 1e6;
const LAST_YEAR = 2050;
const fmt1 = (x) => (x == null ? '–' : x.toFixed(1));
const fmt2 = (x) => (x == null ? '–' : x.toFixed(2));

function pairs(byYear, scale = 1) {
  return Object.entries(byYear)
    .map(([y, v]) => [Number(y), v / scale])
    .filter(([y]) => y <= LAST_YEAR);
}

export function makeCharts() {
  const charts = {};
  for (const id of ['emissions', 'waterfall', 'macc', 'budget', 'support', 'infra', 'dpr']) {
    charts[id] = echarts.init(document.getElementById(`chart-${id}`));
  }
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  return charts;
}

const base = {
  animation: false,
  tooltip: { trigger: 'axis' },
  grid: { left: 56, right: 16, top: 36, bottom: 28 },
};

/// Package support by year, EUR: maatwerk (support_committed_eur_by_year: the funding gaps of
/// the package's projects, deals and others, committed in each decision year) and the SME
/// round's (its package_credits line, which has no year: counted in the year its window closes,
/// when the round is allocated).
export function supportByYear(o, smeYear) {
  const years = Object.keys(o.support_committed_eur_by_year).map(Number).filter((y) => y <= LAST_YEAR);
  const maatwerk = years.map((y) => o.support_committed_eur_by_year[String(y)]);
  const sme = years.map(() => 0);
  const credit = (o.package_credits || []).find((c) => !c.deal && /^SME/.test(c.instrument));
  if (credit && smeYear != null) {
    const i = years.indexOf(smeYear);
    if (i >= 0) sme[i] = credit.support_eur;
  }
  return { years, maatwerk, sme };
}

function renderSupport(chart, o, opts) {
  const s = supportByYear(o, opts.smeYear);
  // Show the years up to the last payment (at least two past the target year), not 2050.
  let last = s.years.indexOf(o.target_year + 2);
  s.years.forEach((y, i) => { if (s.maatwerk[i] + s.sme[i] > 0) last = Math.max(last, i); });
  const n = last + 1;
  let run = 0;
  const cumulative = s.years.slice(0, n).map((y, i) => { run += s.maatwerk[i] + s.sme[i]; return run / 1e9; });
  chart.setOption({
    ...base,
    legend: { top: 0 },
    grid: { ...base.grid, right: 56 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '–' : v.toFixed(1)) },
    xAxis: { type: 'category', data: s.years.slice(0, n).map(String) },
    yAxis: [{ type: 'value', name: 'EUR m a year' }, { type: 'value', name: 'EUR bn total', splitLine: { show: false } }],
    series: [
      { name: 'maatwerk', type: 'bar', stack: 's', data: s.maatwerk.slice(0, n).map((v) => v / 1e6), itemStyle: { color: '#0b6e4f' } },
      { name: 'SME scheme', type: 'bar', stack: 's', data: s.sme.slice(0, n).map((v) => v / 1e6), itemStyle: { color: '#7fbf9f' } },
      { name: 'cumulative (EUR bn)', type: 'line', yAxisIndex: 1, data: cumulative, showSymbol: false, lineStyle: { color: '#5d6b7a' }, itemStyle: { color: '#5d6b7a' } },
    ],
  }, true);
}

/// One line under the support chart: how the deal budget was used (meta.package_levers, present
/// when the scenario sets a package lever) and the support outside the deals.
export function supportNote(o) {
  const credits = o.package_credits || [];
  const m = (e) => `EUR ${(e / 1e6).toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} m`;
  const deals = credits.filter((c) => c.deal).reduce((a, c) => a + c.support_eur, 0);
  const sme = credits.filter((c) => !c.deal && /^SME/.test(c.instrument)).reduce((a, c) => a + c.support_eur, 0);
  const other = credits.filter((c) => !c.deal && !/^SME/.test(c.instrument)).reduce((a, c) => a + c.support_eur, 0);
  const parts = [`deals ${m(deals)}`];
  if (other > 0) parts.push(`other maatwerk projects ${m(other)}`);
  parts.push(`SME scheme ${m(sme)}`);
  let text = `Support committed: ${parts.join(', ')}.`;
  const l = o.meta.package_levers;
  if (l && l.deal_budget_eur != null) {
    text += ` Deal budget ${m(l.deal_budget_eur)}: ${m(l.deal_max_support_funded_eur)} reserved (the funded deals' maximum support)`;
    text += l.deals_not_funded.length ? `; not funded: ${l.deals_not_funded.join(', ')}.` : '; every deal funded.';
  }
  return text;
}

/// `opts`: smeYear (the SME round's allocation year).
export function renderAll(charts, o, opts = {}) {
  renderSupport(charts.support, o, opts);
  const ty = o.target_year;
  const ref = pairs(o.reference_emissions_t_by_year, MT);
  const refTarget = o.reference_emissions_t_by_year[String(ty)] / MT;
  const targetLevel = refTarget - o.required_mt;
  charts.emissions.setOption({
    ...base,
    legend: { top: 0 },
    xAxis: { type: 'value', min: 2020, max: LAST_YEAR, axisLabel: { formatter: String } },
    yAxis: { type: 'value', name: 'Mt', scale: true },
    series: [
      { name: 'reference', type: 'line', showSymbol: false, data: ref, lineStyle: { type: 'dashed' } },
      { name: 'levy only', type: 'line', showSymbol: false, data: pairs(o.levy_only_emissions_t_by_year, MT) },
      {
        name: 'scenario', type: 'line', showSymbol: false, data: pairs(o.emissions_t_by_year, MT), lineStyle: { width: 3 },
        markPoint: { symbol: 'diamond', symbolSize: 14, data: [{ name: 'target', coord: [ty, targetLevel], value: fmt1(targetLevel) }] },
        markLine: { symbol: 'none', label: { formatter: `target ${ty}` }, data: [{ yAxis: targetLevel }] },
      },
    ],
  }, true);

  const levy = o.legs.levy_mt;
  const pkg = o.legs.package_mt;
  const full = refTarget - levy - pkg;
  const cats = ['reference', 'levy leg', 'package leg', 'scenario', 'target'];
  const lower = (a, b) => Math.min(a, b);
  charts.waterfall.setOption({
    ...base,
    tooltip: { trigger: 'item' },
    xAxis: { type: 'category', data: cats, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: 'Mt', scale: true },
    series: [
      { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' },
        data: [0, lower(refTarget, refTarget - levy), lower(refTarget - levy, full), 0, 0] },
      { name: 'Mt', type: 'bar', stack: 'w', label: { show: true, position: 'top', formatter: (p) => fmt2(p.data.shown) },
        data: [
          { value: refTarget, shown: refTarget },
          { value: Math.abs(levy), shown: -levy, itemStyle: { color: '#0b6e4f' } },
          { value: Math.abs(pkg), shown: -pkg, itemStyle: { color: '#3a9d7a' } },
          { value: full, shown: full, itemStyle: { color: o.gap_mt > 0 ? '#b3261e' : '#0b6e4f' } },
          { value: targetLevel, shown: targetLevel, itemStyle: { color: '#8a97a6' } },
        ] },
    ],
  }, true);

  // MACC: options by cost, each a bar as wide as its reduction (Mt) and as high as its cost.
  let x = 0;
  const blocks = o.macc_target_year.filter((p) => p.cost_eur_per_t != null && p.reduction_t > 0).map((p) => {
    const b = [x, x + p.reduction_t / MT, p.cost_eur_per_t, p.adopted ? 1 : 0, p.option_id];
    x += p.reduction_t / MT;
    return b;
  });
  // A few options have extreme costs per tonne (tiny reductions); clip the axis so the curve
  // stays readable and say so in the axis name.
  const costs = blocks.map((b) => b[2]).sort((a, b) => a - b);
  const q = (f) => (costs.length ? costs[Math.min(costs.length - 1, Math.floor(f * costs.length))] : 0);
  const yMin = Math.min(0, Math.floor(q(0.02) / 50) * 50);
  const yMax = Math.max(50, Math.ceil(q(0.95) / 50) * 50);
  charts.macc.setOption({
    ...base,
    tooltip: { trigger: 'item', formatter: (p) => `${p.data[4]}<br>${fmt1(p.data[2])} EUR/t, ${fmt2(p.data[1] - p.data[0])} Mt${p.data[3] ? ' (adopted)' : ''}` },
    xAxis: { type: 'value', name: 'Mt', min: 0, max: Math.max(1, x) },
    yAxis: { type: 'value', name: 'EUR/t (clipped)', min: yMin, max: yMax },
    series: [{
      type: 'custom', clip: true, data: blocks, encode: { x: [0, 1], y: 2 },
      renderItem: (params, api) => {
        const a = api.coord([api.value(0), Math.max(0, api.value(2))]);
        const b = api.coord([api.value(1), Math.min(0, api.value(2))]);
        return { type: 'rect', shape: { x: a[0], y: a[1], width: Math.max(1, b[0] - a[0]), height: b[1] - a[1] },
          style: { fill: api.value(3) ? '#0b6e4f' : '#b8c4cf' } };
      },
    }],
  }, true);

  charts.budget.setOption({
    ...base,
    legend: { top: 0 },
    xAxis: { type: 'category', data: Object.keys(o.levy_revenue_eur_by_year).filter((y) => Number(y) <= LAST_YEAR) },
    yAxis: { type: 'value', name: 'EUR m' },
    series: [
      { name: 'levy revenue', type: 'bar', data: pairs(o.levy_revenue_eur_by_year, 1e6).map((p) => p[1]) },
      { name: 'package support (maatwerk + SME)', type: 'bar', data: (() => { const s = supportByYear(o, opts.smeYear); return s.maatwerk.map((v, i) => (v + s.sme[i]) / 1e6); })() },
    ],
  }, true);

  const bn = o.infrastructure_bottlenecks;
  charts.infra.setOption({
    ...base,
    legend: { top: 0 },
    grid: { ...base.grid, left: 150 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: bn.map((b) => b.infra_id) },
    series: [
      { name: 'in use', type: 'bar', data: bn.map((b) => b.used_target_year) },
      { name: 'capacity', type: 'bar', data: bn.map((b) => b.capacity_target_year) },
      { name: 'blocked (t)', type: 'bar', data: bn.map((b) => b.blocked_reduction_t) },
    ],
  }, true);

  const dpr = o.dpr_price_eur_per_t_by_year;
  charts.dpr.setOption({
    ...base,
    legend: { top: 0 },
    xAxis: { type: 'value', min: 2020, max: LAST_YEAR, axisLabel: { formatter: String } },
    yAxis: { type: 'value', name: 'EUR/t' },
    series: Object.entries(dpr).map(([pool, s]) => ({ name: pool, type: 'line', showSymbol: false, data: pairs(s) })),
  }, true);
}

export { fmt1, fmt2 };
