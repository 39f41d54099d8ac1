// Scenarios side by side (issue 20): two or more outlooks — the current levers and saved
// scenarios — overlaid on the emissions, levy revenue and package support charts, with their
// headline numbers and a table by year.
import { base, LAST_YEAR, PALETTE, pairs, supportByYear } from './charts.js';
import { makePanel } from './chart_panel.js';
import { esc } from './html.js';
import { num, t } from './i18n.js';

export const COMPARE_CHARTS = ['cmp_emissions', 'cmp_levy', 'cmp_support'];

export function makeCompareCharts(container) {
  const panels = {};
  for (const id of COMPARE_CHARTS) panels[id] = makePanel(container, id);
  return panels;
}

/// Per scenario: emissions (Mt) by year to 2050, levy revenue and package support (EUR m) by
/// year to five years past the target year.
function series(pick, smeYear) {
  const o = pick.outlook;
  const last = Math.min(LAST_YEAR, o.target_year + 5);
  const emissions = pairs(o.emissions_t_by_year, 1e6);
  const levy = pairs(o.levy_revenue_eur_by_year, 1e6).filter(([y]) => y <= last);
  const s = supportByYear(o, smeYear);
  const support = s.years.map((y, i) => [y, (s.maatwerk[i] + s.sme[i]) / 1e6]).filter(([y]) => y <= last);
  return { emissions, levy, support };
}

/// `picks`: [{name, outlook}], two or more.
export function renderCompare(panels, picks, smeYear) {
  const data = picks.map((p) => series(p, smeYear));
  const names = picks.map((p) => p.name);
  const colour = (i) => PALETTE[i % PALETTE.length];
  const table = (key, decimals) => {
    const years = data[0][key].map(([y]) => y);
    return {
      columns: [{ label: t('col.year') }, ...names.map((n) => ({ label: n, decimals }))],
      rows: years.map((y, i) => [y, ...data.map((d) => (d[key][i] ? d[key][i][1] : null))]),
    };
  };
  panels.cmp_emissions.render(t('chart.cmp_emissions'), {
    ...base,
    legend: { top: 0, right: 8 },
    xAxis: { type: 'value', min: 2020, max: LAST_YEAR, axisLabel: { formatter: String } },
    yAxis: { type: 'value', name: t('axis.mt'), scale: true, axisLabel: { formatter: (v) => num(v, 0) } },
    series: data.map((d, i) => ({ name: names[i], type: 'line', showSymbol: false, data: d.emissions, lineStyle: { width: 2, type: i % 2 ? 'dashed' : 'solid' }, itemStyle: { color: colour(i) } })),
  }, table('emissions', 2));
  for (const [id, key] of [['cmp_levy', 'levy'], ['cmp_support', 'support']]) {
    const years = data[0][key].map(([y]) => String(y));
    panels[id].render(t(`chart.${id}`), {
      ...base,
      legend: { top: 0, right: 8 },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', name: t('axis.eur_m'), axisLabel: { formatter: (v) => num(v, 0) } },
      series: data.map((d, i) => ({ name: names[i], type: 'bar', data: d[key].map(([, v]) => v), itemStyle: { color: colour(i) } })),
    }, table(key, 1));
  }
}

/// The headline numbers (kpiList rows) of each scenario, and each against the first.
export function compareNumbers(el, picks, kpiList) {
  const [first] = picks;
  const head = `<tr><th scope="col"></th>${picks.map((p) => `<th scope="col" class="n">${esc(p.name)}</th>`).join('')}${picks.slice(1).map((p) => `<th scope="col" class="n">${esc(t('cmp.col_diff', p.name, first.name))}</th>`).join('')}</tr>`;
  const lists = picks.map((p) => kpiList(p.outlook));
  const rows = lists[0].map(([key, label, , unit], i) => `<tr data-kpi-row="${key}"><td>${esc(label)} (${unit})</td>${lists.map((l) => `<td class="n">${num(l[i][2], 2)}</td>`).join('')}${lists.slice(1).map((l) => `<td class="n">${num(l[i][2] - lists[0][i][2], 2)}</td>`).join('')}</tr>`);
  el.innerHTML = `<caption>${esc(t('cmp.numbers'))}</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody>`;
}

/// Every scenario's emissions, levy revenue and package support by year, in one table.
export function compareByYear(el, picks, smeYear) {
  const data = picks.map((p) => series(p, smeYear));
  const years = data[0].levy.map(([y]) => y);
  const at = (s, y) => { const hit = s.find(([x]) => x === y); return hit ? hit[1] : null; };
  const cols = [];
  for (const [key, label, d] of [['emissions', 'cmp.col_emissions', 2], ['levy', 'cmp.col_levy', 1], ['support', 'cmp.col_support', 1]]) {
    picks.forEach((p, i) => cols.push({ label: t(label, p.name), get: (y) => at(data[i][key], y), d }));
  }
  el.innerHTML = `<caption>${esc(t('cmp.by_year'))}</caption><thead><tr><th scope="col">${esc(t('col.year'))}</th>${cols.map((c) => `<th scope="col" class="n">${esc(c.label)}</th>`).join('')}</tr></thead><tbody>` +
    years.map((y) => `<tr><td>${y}</td>${cols.map((c) => `<td class="n">${num(c.get(y), c.d)}</td>`).join('')}</tr>`).join('') + '</tbody>';
}
