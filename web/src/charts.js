// The dashboard's outlook charts (ECharts, tree-shaken, drawn as SVG): each render* takes an
// outlook document (POST /api/outlook, the same as `outlook --json`) and returns what its panel
// draws: the caption, the ECharts option and the data table behind it (chart_panel.js). The fan
// chart of a Monte Carlo run is in uncertainty.js, the comparison of scenarios in compare.js.
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { makePanel } from './chart_panel.js';
import { num, t } from './i18n.js';

echarts.use([BarChart, CustomChart, LineChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent,
  MarkPointComponent, TooltipComponent, SVGRenderer]);

const MT = 1e6;
export const LAST_YEAR = 2050;
const fmt1 = (x) => num(x, 1);
const fmt2 = (x) => num(x, 2);

export function pairs(byYear, scale = 1) {
  return Object.entries(byYear)
    .map(([y, v]) => [Number(y), v / scale])
    .filter(([y]) => y <= LAST_YEAR);
}

/// The outlook's charts, in page order.
export const OUTLOOK_CHARTS = ['emissions', 'waterfall', 'macc', 'budget', 'support', 'infra_use', 'infra_blocked', 'dpr'];

export function makeCharts(container) {
  const panels = {};
  for (const id of OUTLOOK_CHARTS) panels[id] = makePanel(container, id);
  return panels;
}

/// Series colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart by hue.
export const PALETTE = ['#1f5fa8', '#0b6e4f', '#b3261e', '#8a5a00', '#6b3fa0', '#3d4f63'];

export const base = {
  color: PALETTE,
  tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? fmt2(v) : v) },
  grid: { left: 64, right: 24, top: 40, bottom: 32, containLabel: false },
};
const valueAxis = (name, extra = {}) => ({ type: 'value', name, axisLabel: { formatter: (v) => num(v, Number.isInteger(v) ? 0 : 1) }, ...extra });
const yearAxis = { type: 'value', min: 2020, max: LAST_YEAR, axisLabel: { formatter: String } };

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

function renderEmissions(o) {
  const ty = o.target_year;
  const ref = pairs(o.reference_emissions_t_by_year, MT);
  const levy = pairs(o.levy_only_emissions_t_by_year, MT);
  const scen = pairs(o.emissions_t_by_year, MT);
  const targetLevel = o.reference_emissions_t_by_year[String(ty)] / MT - o.required_mt;
  const target = t('series.target', ty);
  return [t('chart.emissions', ty), {
    ...base,
    legend: { top: 0, right: 8 },
    xAxis: yearAxis,
    yAxis: valueAxis(t('axis.mt'), { scale: true }),
    series: [
      { name: t('series.reference'), type: 'line', showSymbol: false, data: ref, lineStyle: { type: 'dashed' } },
      { name: t('series.levy_only'), type: 'line', showSymbol: false, data: levy },
      {
        name: t('series.scenario'), type: 'line', showSymbol: false, data: scen, lineStyle: { width: 3 },
        markPoint: { symbol: 'diamond', symbolSize: 12, label: { show: false }, data: [{ name: target, coord: [ty, targetLevel], value: fmt1(targetLevel) }] },
        // Inside the plot, above the line's end: the label is never cut at the chart's edge.
        markLine: { symbol: 'none', label: { position: 'insideEndTop', formatter: target }, data: [{ yAxis: targetLevel }] },
      },
    ],
  }, {
    columns: [{ label: t('col.year') }, { label: t('series.reference'), decimals: 2 }, { label: t('series.levy_only'), decimals: 2 },
      { label: t('series.scenario'), decimals: 2 }, { label: t('series.target_level'), decimals: 2 }],
    rows: ref.map(([y, v], i) => [y, v, levy[i] ? levy[i][1] : null, scen[i] ? scen[i][1] : null, targetLevel]),
  }];
}

function renderWaterfall(o) {
  const refTarget = o.reference_emissions_t_by_year[String(o.target_year)] / MT;
  const targetLevel = refTarget - o.required_mt;
  const levy = o.legs.levy_mt;
  const pkg = o.legs.package_mt;
  const full = refTarget - levy - pkg;
  const cats = [t('series.reference'), t('series.levy_leg'), t('series.package_leg'), t('series.scenario'), t('series.target_level')];
  const shown = [refTarget, -levy, -pkg, full, targetLevel];
  return [t('chart.waterfall'), {
    ...base,
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}: ${fmt2(p.data.shown)}` },
    xAxis: { type: 'category', data: cats, axisLabel: { interval: 0 } },
    yAxis: valueAxis(t('axis.mt'), { scale: true }),
    series: [
      { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' },
        data: [0, Math.min(refTarget, refTarget - levy), Math.min(refTarget - levy, full), 0, 0] },
      { name: t('axis.mt'), type: 'bar', stack: 'w', label: { show: true, position: 'top', formatter: (p) => fmt2(p.data.shown) },
        data: [
          { value: refTarget, shown: refTarget },
          { value: Math.abs(levy), shown: -levy, itemStyle: { color: '#0b6e4f' } },
          { value: Math.abs(pkg), shown: -pkg, itemStyle: { color: '#1f5fa8' } },
          { value: full, shown: full, itemStyle: { color: o.gap_mt > 0 ? '#b3261e' : '#0b6e4f' } },
          { value: targetLevel, shown: targetLevel, itemStyle: { color: '#6b7785' } },
        ] },
    ],
  }, { columns: [{ label: t('col.step') }, { label: t('axis.mt'), decimals: 2 }], rows: cats.map((c, i) => [c, shown[i]]) }];
}

function renderMacc(o) {
  // Options by cost, each a bar as wide as its reduction (Mt) and as high as its cost.
  let x = 0;
  const points = o.macc_target_year.filter((p) => p.cost_eur_per_t != null && p.reduction_t > 0);
  const blocks = points.map((p) => {
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
  return [t('chart.macc'), {
    ...base,
    tooltip: { trigger: 'item', formatter: (p) => `${p.data[4]}<br>${fmt1(p.data[2])} EUR/t, ${fmt2(p.data[1] - p.data[0])} Mt${p.data[3] ? ` (${t('col.adopted')})` : ''}` },
    xAxis: valueAxis(t('axis.mt'), { min: 0, max: Math.max(1, x), axisLabel: { showMaxLabel: false, formatter: (v) => num(v, 0) } }),
    yAxis: valueAxis(t('axis.eur_t_clipped'), { min: yMin, max: yMax, axisLabel: { showMaxLabel: false, formatter: (v) => num(v, 0) } }),
    series: [{
      type: 'custom', clip: true, data: blocks, encode: { x: [0, 1], y: 2 },
      renderItem: (params, api) => {
        const a = api.coord([api.value(0), Math.max(0, api.value(2))]);
        const b = api.coord([api.value(1), Math.min(0, api.value(2))]);
        return { type: 'rect', shape: { x: a[0], y: a[1], width: Math.max(1, b[0] - a[0]), height: b[1] - a[1] },
          style: { fill: api.value(3) ? '#0b6e4f' : '#b8c4cf' } };
      },
    }],
  }, {
    columns: [{ label: t('col.option') }, { label: t('col.cost'), decimals: 1 }, { label: t('axis.mt'), decimals: 3 }, { label: t('col.adopted') }],
    rows: blocks.map((b) => [b[4], b[2], b[1] - b[0], b[3] ? t('yes') : t('no')]),
  }];
}

function renderBudget(o, opts) {
  const years = Object.keys(o.levy_revenue_eur_by_year).filter((y) => Number(y) <= LAST_YEAR);
  const levy = pairs(o.levy_revenue_eur_by_year, 1e6).map((p) => p[1]);
  const s = supportByYear(o, opts.smeYear);
  const support = s.maatwerk.map((v, i) => (v + s.sme[i]) / 1e6);
  return [t('chart.budget'), {
    ...base,
    legend: { top: 0, right: 8 },
    xAxis: { type: 'category', data: years },
    yAxis: valueAxis(t('axis.eur_m')),
    series: [
      { name: t('series.levy_revenue'), type: 'bar', data: levy },
      { name: t('series.package_support'), type: 'bar', data: support },
    ],
  }, {
    columns: [{ label: t('col.year') }, { label: t('series.levy_revenue'), decimals: 1 }, { label: t('series.package_support'), decimals: 1 }],
    rows: years.map((y, i) => [Number(y), levy[i], support[i] ?? null]),
  }];
}

function renderSupport(o, opts) {
  const s = supportByYear(o, opts.smeYear);
  // Show the years up to the last payment (at least two past the target year), not 2050.
  let last = s.years.indexOf(o.target_year + 2);
  s.years.forEach((y, i) => { if (s.maatwerk[i] + s.sme[i] > 0) last = Math.max(last, i); });
  const n = last + 1;
  let run = 0;
  const cumulative = s.years.slice(0, n).map((y, i) => { run += s.maatwerk[i] + s.sme[i]; return run / 1e9; });
  const maatwerk = s.maatwerk.slice(0, n).map((v) => v / 1e6);
  const sme = s.sme.slice(0, n).map((v) => v / 1e6);
  return [t('chart.support'), {
    ...base,
    legend: { top: 0, right: 8 },
    grid: { ...base.grid, right: 64 },
    xAxis: { type: 'category', data: s.years.slice(0, n).map(String) },
    yAxis: [valueAxis(t('axis.eur_m')), valueAxis(t('axis.eur_bn'), { splitLine: { show: false } })],
    series: [
      { name: t('series.maatwerk'), type: 'bar', stack: 's', data: maatwerk, itemStyle: { color: '#0b6e4f' } },
      { name: t('series.sme'), type: 'bar', stack: 's', data: sme, itemStyle: { color: '#1f5fa8' } },
      { name: t('series.cumulative'), type: 'line', yAxisIndex: 1, data: cumulative, showSymbol: false, lineStyle: { color: '#5d6b7a' }, itemStyle: { color: '#5d6b7a' } },
    ],
  }, {
    columns: [{ label: t('col.year') }, { label: t('series.maatwerk'), decimals: 1 }, { label: t('series.sme'), decimals: 1 }, { label: t('series.cumulative'), decimals: 2 }],
    rows: s.years.slice(0, n).map((y, i) => [y, maatwerk[i], sme[i], cumulative[i]]),
  }];
}

/// The unit an item's capacity is in: MW (grid, hydrogen) or t/yr (CO2 storage).
const infraUnit = (kind) => (kind === 'co2_storage' ? 't/yr' : 'MW');

/// Infrastructure that limited the response, in two charts so that no axis mixes units: the
/// share of capacity in use (each item in its own unit, given in the table and tooltip) and the
/// reduction it blocked (kt CO2/yr).
function infraRows(o, opts) {
  return o.infrastructure_bottlenecks.map((b) => {
    const unit = infraUnit((opts.infraKinds || {})[b.infra_id]);
    const share = b.capacity_target_year > 0 ? (100 * b.used_target_year) / b.capacity_target_year : null;
    return { id: b.infra_id, used: b.used_target_year, capacity: b.capacity_target_year, unit, share, blocked: b.blocked_reduction_t / 1e3 };
  });
}

function infraTable(rows) {
  return {
    columns: [{ label: t('col.item') }, { label: t('col.in_use'), decimals: 1 }, { label: t('col.capacity'), decimals: 1 },
      { label: t('col.unit') }, { label: t('col.share_used'), decimals: 1 }, { label: t('col.blocked'), decimals: 1 }],
    rows: rows.map((r) => [r.id, r.used, r.capacity, r.unit, r.share, r.blocked]),
  };
}

function renderInfraUse(o, opts) {
  const rows = infraRows(o, opts);
  return [t('chart.infra_use'), {
    ...base,
    tooltip: { trigger: 'item', formatter: (p) => { const r = rows[p.dataIndex]; return `${r.id}: ${fmt1(r.used)} / ${fmt1(r.capacity)} ${r.unit}`; } },
    grid: { ...base.grid, left: 170 },
    xAxis: valueAxis(t('axis.pct'), { min: 0, max: (v) => Math.max(100, Math.ceil(v.max / 10) * 10) }),
    yAxis: { type: 'category', data: rows.map((r) => r.id) },
    series: [{ name: t('series.use'), type: 'bar', data: rows.map((r) => (r.share == null ? 0 : r.share)), itemStyle: { color: '#0b6e4f' },
      label: { show: true, position: 'right', formatter: (p) => { const r = rows[p.dataIndex]; return r.share == null ? t('infra.no_capacity') : `${fmt1(r.used)} / ${fmt1(r.capacity)} ${r.unit}`; } } }],
  }, infraTable(rows)];
}

function renderInfraBlocked(o, opts) {
  const rows = infraRows(o, opts);
  return [t('chart.infra_blocked'), {
    ...base,
    tooltip: { trigger: 'item', valueFormatter: fmt1 },
    grid: { ...base.grid, left: 170 },
    xAxis: valueAxis(t('axis.kt')),
    yAxis: { type: 'category', data: rows.map((r) => r.id) },
    series: [{ name: t('series.blocked'), type: 'bar', data: rows.map((r) => r.blocked), itemStyle: { color: '#b3261e' } }],
  }, infraTable(rows)];
}

function renderDpr(o) {
  const dpr = o.dpr_price_eur_per_t_by_year;
  const pools = Object.keys(dpr);
  const name = (pool) => t(`series.pool.${pool}`);
  const series = pools.map((pool) => pairs(dpr[pool]));
  return [t('chart.dpr'), {
    ...base,
    legend: { top: 0, right: 8 },
    xAxis: yearAxis,
    yAxis: valueAxis(t('axis.eur_t')),
    series: pools.map((pool, k) => ({ name: name(pool), type: 'line', showSymbol: false, data: series[k] })),
  }, {
    columns: [{ label: t('col.year') }, ...pools.map((p) => ({ label: name(p), decimals: 2 }))],
    rows: (series[0] || []).map(([y], i) => [y, ...series.map((s) => (s[i] ? s[i][1] : null))]),
  }];
}

const RENDER = {
  emissions: renderEmissions, waterfall: renderWaterfall, macc: renderMacc, budget: renderBudget, support: renderSupport,
  infra_use: renderInfraUse, infra_blocked: renderInfraBlocked, dpr: renderDpr,
};

/// `opts`: smeYear (the SME round's allocation year), infraKinds ({id: kind}).
export function renderAll(panels, o, opts = {}) {
  for (const id of OUTLOOK_CHARTS) panels[id].render(...RENDER[id](o, opts));
}

/// One line under the support chart: how the deal budget was used (meta.package_levers, present
/// when the scenario sets a package lever) and the support outside the deals.
export function supportNote(o) {
  const credits = o.package_credits || [];
  const m = (e) => t('money.eur_m', num(e / 1e6, 1));
  const deals = credits.filter((c) => c.deal).reduce((a, c) => a + c.support_eur, 0);
  const sme = credits.filter((c) => !c.deal && /^SME/.test(c.instrument)).reduce((a, c) => a + c.support_eur, 0);
  const other = credits.filter((c) => !c.deal && !/^SME/.test(c.instrument)).reduce((a, c) => a + c.support_eur, 0);
  const parts = [t('note.deals', m(deals))];
  if (other > 0) parts.push(t('note.other', m(other)));
  parts.push(t('note.sme', m(sme)));
  let text = t('note.support', parts.join(', '));
  const l = o.meta.package_levers;
  if (l && l.deal_budget_eur != null) {
    text += t('note.budget', m(l.deal_budget_eur), m(l.deal_max_support_funded_eur));
    text += l.deals_not_funded.length ? t('note.not_funded', l.deals_not_funded.join(', ')) : t('note.all_funded');
  }
  return text;
}

export { fmt1, fmt2 };
