// A chart panel (issue 20): a <figure> with its caption, the chart drawn as SVG (ECharts' SVG
// renderer) with the caption as its accessible name, PNG / SVG / CSV downloads, and the chart's
// data as a table under a <details> — the text alternative of every chart (WCAG 1.1.1).
import * as echarts from 'echarts/core';
import { esc } from './html.js';
import { getLang, num, t } from './i18n.js';

function save(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

/// The chart as a PNG: its SVG drawn on a white canvas at twice the size.
async function pngBlob(svg, width, height) {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise((ok, fail) => { img.onload = ok; img.onerror = () => fail(new Error('the chart could not be drawn')); img.src = url; });
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((ok) => canvas.toBlob(ok, 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/// The table as CSV the way each language's spreadsheet reads it: en "," and "1234.5",
/// nl ";" and "1234,5" (Dutch Excel); numbers unrounded, no thousands separators.
export function toCsv(table, lang = getLang()) {
  const sep = lang === 'nl' ? ';' : ',';
  const cell = (v) => {
    let s = typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : v == null ? '' : String(v);
    if (typeof v === 'number' && lang === 'nl') s = s.replace('.', ',');
    return /[";,\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [table.columns.map((c) => cell(c.label)), ...table.rows.map((r) => r.map(cell))].map((r) => r.join(sep)).join('\r\n') + '\r\n';
}

function tableHtml(caption, table) {
  const head = table.columns.map((c) => `<th scope="col"${c.decimals != null ? ' class="n"' : ''}>${esc(c.label)}</th>`).join('');
  const body = table.rows.map((r) => `<tr>${r.map((v, i) => {
    const c = table.columns[i];
    return c.decimals != null && typeof v === 'number' ? `<td class="n">${num(v, c.decimals)}</td>` : `<td>${esc(v == null ? '–' : v)}</td>`;
  }).join('')}</tr>`).join('');
  return `<caption class="sr-only">${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody>`;
}

/// Appends a panel to `container`; `render(caption, option, table)` draws it. The table:
/// {columns: [{label, decimals?}], rows: [[…]]} (decimals marks a number column).
export function makePanel(container, id) {
  const fig = document.createElement('figure');
  fig.className = 'panel';
  fig.id = `fig-${id}`;
  fig.innerHTML = `<figcaption id="cap-${id}"></figcaption>
    <div class="chart" id="chart-${id}" role="img" aria-labelledby="cap-${id}"></div>
    <div class="chart-tools">${['png', 'svg', 'csv'].map((f) => `<button type="button" data-format="${f}">${f.toUpperCase()}</button>`).join('')}</div>
    <details><summary></summary><div class="scroll"><table class="table" id="table-${id}"></table></div></details>`;
  container.appendChild(fig);
  const el = fig.querySelector('.chart');
  const chart = echarts.init(el, null, { renderer: 'svg' });
  // The chart follows its box: when the grid reflows (more panels, a narrower window, a panel
  // shown after a run), not only when the window resizes.
  new ResizeObserver(() => chart.resize()).observe(el);
  const panel = { id, fig, chart, caption: '', table: { columns: [], rows: [] } };
  panel.render = (caption, option, table) => {
    panel.caption = caption;
    panel.table = table;
    fig.querySelector('figcaption').textContent = caption;
    fig.querySelector('summary').textContent = t('chart.table');
    for (const b of fig.querySelectorAll('.chart-tools button')) b.setAttribute('aria-label', t('chart.download', caption, b.textContent));
    fig.querySelector('table').innerHTML = tableHtml(caption, table);
    chart.setOption({ animation: false, ...option }, true);
  };
  fig.querySelector('.chart-tools').addEventListener('click', async (e) => {
    const format = e.target.dataset && e.target.dataset.format;
    if (!format) return;
    const name = `decarbfund-${id}.${format}`;
    if (format === 'csv') save(name, new Blob([toCsv(panel.table)], { type: 'text/csv;charset=utf-8' }));
    else if (format === 'svg') save(name, new Blob([chart.renderToSVGString()], { type: 'image/svg+xml' }));
    else save(name, await pngBlob(chart.renderToSVGString(), chart.getWidth(), chart.getHeight()));
  });
  return panel;
}

