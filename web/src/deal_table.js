// The maatwerk deal table: one row per deal file (GET /api/deals) with a phase lever, the
// outlook's line for the deal (package_credits) and, when the server has a registry, its
// monitoring status (GET /api/registry/deals, the `registry report --json` document).
import { PHASES } from './levers.js';

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const kt = (t) => (t == null ? '–' : (t / 1e3).toLocaleString('en-GB', { maximumFractionDigits: 0 }));
const meur = (e) => (e == null ? '–' : (e / 1e6).toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }));
const pct = (p) => (p == null ? '–' : `${Math.round(p * 100)} %`);

const STATUS_TEXT = { on_track: 'on track', at_risk: 'at risk', breached: 'breached', no_data: 'no data' };

/// Builds the table once (the deals do not change while the server runs); `onPhase(id, phase)`
/// is called when a phase lever moves.
export function buildDealTable(el, deals, registry, onPhase) {
  const reg = new Map(((registry && registry.deals) || []).map((r) => [r.deal, r]));
  const regHead = registry
    ? '<th>status</th><th class="n">realised (kt, year)</th><th class="n">paid (EUR m)</th><th class="n">claw-back (EUR m)</th><th class="n">overdue milestones</th>'
    : '<th>registry</th>';
  el.innerHTML = `<thead>
    <tr class="group"><th colspan="5">deal file (data/nl/deals) and phase lever</th><th colspan="4" data-outlook-head>outlook, target year</th><th colspan="${registry ? 5 : 1}">registry monitoring</th></tr>
    <tr><th>deal</th><th>phase</th><th class="n">p(phase)</th><th class="n">committed (kt)</th><th class="n">max support (EUR m)</th>
      <th class="n">committed (kt)</th><th class="n">if delivered (kt)</th><th class="n">expected (kt)</th><th class="n">support (EUR m)</th>${regHead}</tr></thead>
    <tbody>${deals.map((d) => {
      const r = reg.get(d.id);
      const regCells = !registry ? '<td class="muted small">–</td>'
        : r ? `<td><span class="status ${esc(r.status)}">${esc(STATUS_TEXT[r.status] || r.status)}</span>${r.phase !== d.phase ? ` <span class="small muted" title="the registry's phase differs from the deal file's">registry: ${esc(r.phase)}</span>` : ''}</td>
            <td class="n" data-col="realised">${r.year ? `${kt(r.realised_t)} (${r.year})` : '–'}</td><td class="n">${meur(r.paid_eur)}</td><td class="n">${meur(r.claw_back_eur)}</td><td class="n">${r.overdue_milestones}</td>`
          : '<td colspan="5" class="muted small">not in the registry</td>';
      return `<tr data-deal="${esc(d.id)}">
        <td data-col="company">${esc(d.company)}<br><a class="small" href="${esc(d.assessment)}" title="the deal's assessment (JSON)">${esc(d.id)}</a></td>
        <td><select id="phase-${esc(d.id)}" data-deal-phase="${esc(d.id)}" aria-label="phase of ${esc(d.id)}">${PHASES.map((p) => `<option value="${p}">${p}</option>`).join('')}</select>
          <br><span class="small muted" data-file-phase hidden>file: ${esc(d.phase)}</span></td>
        <td class="n" data-col="probability">${pct(d.realisation_probability)}</td>
        <td class="n">${kt(d.committed_2030_t)}</td><td class="n">${meur(d.max_support_eur)}</td>
        <td class="n" data-col="committed_t"></td><td class="n" data-col="reduction_t"></td><td class="n" data-col="expected_t"></td><td class="n" data-col="support_eur"></td>
        ${regCells}</tr>`;
    }).join('')}
    <tr data-sme class="sme"><td colspan="5">SME scheme <span data-sme-name class="muted small"></span></td>
      <td class="n">–</td><td class="n" data-col="reduction_t"></td><td class="n" data-col="expected_t"></td><td class="n" data-col="support_eur"></td><td colspan="${registry ? 5 : 1}"></td></tr>
    <tr data-total class="total"><td colspan="3">total</td><td class="n">${kt(deals.reduce((a, d) => a + d.committed_2030_t, 0))}</td>
      <td class="n">${meur(deals.reduce((a, d) => a + d.max_support_eur, 0))}</td>
      <td class="n" data-col="committed_t"></td><td class="n" data-col="reduction_t"></td><td class="n" data-col="expected_t"></td><td class="n" data-col="support_eur"></td>
      ${registry ? `<td>${registryCounts(registry.totals)}</td><td class="n">${kt(registry.totals.realised_t)}</td><td class="n">${meur(registry.totals.paid_eur)}</td><td class="n">${meur(registry.totals.claw_back_eur)}</td><td></td>` : '<td></td>'}</tr>
    </tbody>`;
  for (const sel of el.querySelectorAll('select[data-deal-phase]')) {
    sel.addEventListener('change', () => onPhase(sel.dataset.dealPhase, sel.value));
  }
}

function registryCounts(t) {
  return ['on_track', 'at_risk', 'breached', 'no_data'].filter((k) => t[k]).map((k) => `${t[k]} ${STATUS_TEXT[k]}`).join(', ');
}

/// Sets each phase lever to `phases[id]`, marking those that differ from the base's.
export function syncDealPhases(el, phases, basePhases) {
  for (const sel of el.querySelectorAll('select[data-deal-phase]')) {
    const id = sel.dataset.dealPhase;
    sel.value = phases[id];
    sel.classList.toggle('changed', phases[id] !== basePhases[id]);
    sel.parentElement.querySelector('[data-file-phase]').hidden = phases[id] === basePhases[id];
  }
}

/// Fills the outlook columns from the outlook document's package_credits (one per deal, one
/// for the SME scheme). A deal the outlook does not list (package off) shows dashes.
export function renderDealOutlook(el, o, smeRoundName) {
  const credits = o.package_credits || [];
  const byDeal = new Map(credits.filter((c) => c.deal).map((c) => [c.deal, c]));
  const sme = credits.find((c) => !c.deal && /^SME/.test(c.instrument));
  el.querySelector('[data-outlook-head]').textContent = `outlook ${o.target_year}`;
  const fill = (row, c) => {
    for (const col of ['committed_t', 'reduction_t', 'expected_t']) {
      const cell = row.querySelector(`[data-col="${col}"]`);
      if (cell) cell.textContent = c ? kt(c[col]) : '–';
    }
    const support = row.querySelector('[data-col="support_eur"]');
    support.textContent = c ? meur(c.support_eur) : '–';
    // With a deal budget the outlook funds deals in order until it runs out (docs/deals.md).
    if (c && c.funded === false) support.innerHTML += ` <span class="status breached" data-not-funded>not funded: ${esc(c.not_funded || '')}</span>`;
  };
  const sum = { committed_t: 0, reduction_t: 0, expected_t: 0, support_eur: 0 };
  for (const row of el.querySelectorAll('tr[data-deal]')) {
    const c = byDeal.get(row.dataset.deal);
    fill(row, c);
    if (c && typeof c.probability === 'number') row.querySelector('[data-col="probability"]').textContent = pct(c.probability);
    if (c) for (const k of Object.keys(sum)) sum[k] += c[k] || 0;
  }
  const smeRow = el.querySelector('tr[data-sme]');
  fill(smeRow, sme);
  smeRow.querySelector('[data-sme-name]').textContent = sme ? sme.instrument.replace(/^SME scheme:\s*/, '') : (smeRoundName || 'not in this outlook');
  if (sme) for (const k of ['reduction_t', 'expected_t', 'support_eur']) sum[k] += sme[k] || 0;
  const total = el.querySelector('tr[data-total]');
  for (const [k, v] of Object.entries(sum)) {
    total.querySelector(`[data-col="${k}"]`).textContent = k === 'support_eur' ? meur(v) : kt(v);
  }
}
