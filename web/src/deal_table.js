// The maatwerk deal table: one row per deal file (GET /api/deals) with a phase lever, the
// outlook's line for the deal (package_credits) and, when the server has a registry, its
// monitoring status (GET /api/registry/deals, the `registry report --json` document).
import { esc } from './html.js';
import { num, pct, t } from './i18n.js';
import { PHASES } from './levers.js';

const kt = (v) => (v == null ? '–' : num(v / 1e3, 0));
const meur = (e) => (e == null ? '–' : num(e / 1e6, 1));
const th = (key, n = true, extra = '') => `<th scope="col"${n ? ' class="n"' : ''}${extra}>${esc(t(key))}</th>`;

/// Builds the table (again after a language switch); `onPhase(id, phase)` is called when a phase
/// lever moves.
export function buildDealTable(el, deals, registry, onPhase) {
  const reg = new Map(((registry && registry.deals) || []).map((r) => [r.deal, r]));
  const regHead = registry
    ? `${th('deals.col_status', false)}${th('deals.col_realised')}${th('deals.col_paid')}${th('deals.col_claw_back')}${th('deals.col_overdue')}`
    : th('deals.col_registry', false);
  const status = (s) => `<span class="status ${esc(s)}">${esc(t(`regstatus.${s}`))}</span>`;
  el.innerHTML = `<caption class="sr-only">${esc(t('deals.title'))}</caption><thead>
    <tr class="group"><th colspan="5" scope="colgroup">${esc(t('deals.group_file'))}</th><th colspan="5" scope="colgroup" data-outlook-head></th><th colspan="${registry ? 5 : 1}" scope="colgroup">${esc(t('deals.group_registry'))}</th></tr>
    <tr>${th('deals.col_deal', false)}${th('deals.col_phase', false)}${th('deals.col_p')}${th('deals.col_committed')}${th('deals.col_max_support')}
      ${th('deals.col_committed')}${th('deals.col_if_delivered')}${th('deals.col_expected')}${th('deals.col_own_effect', true, ` title="${esc(t('deals.own_effect_title'))}"`)}${th('deals.col_support')}${regHead}</tr></thead>
    <tbody>${deals.map((d) => {
      const r = reg.get(d.id);
      const regCells = !registry ? '<td class="muted small">–</td>'
        : r ? `<td>${status(r.status)}${r.phase !== d.phase ? ` <span class="small muted" title="${esc(t('deals.registry_differs'))}">${esc(t('deals.registry_phase', t(`phase.${r.phase}`)))}</span>` : ''}</td>
            <td class="n" data-col="realised">${r.year ? `${kt(r.realised_t)} (${r.year})` : '–'}</td><td class="n">${meur(r.paid_eur)}</td><td class="n">${meur(r.claw_back_eur)}</td><td class="n">${r.overdue_milestones}</td>`
          : `<td colspan="5" class="muted small">${esc(t('deals.not_in_registry'))}</td>`;
      return `<tr data-deal="${esc(d.id)}">
        <th scope="row" data-col="company">${esc(d.company)}<br><a class="small" href="${esc(d.assessment)}" title="${esc(t('deals.assessment'))}">${esc(d.id)}</a></th>
        <td><select id="phase-${esc(d.id)}" data-deal-phase="${esc(d.id)}" aria-label="${esc(t('deals.phase_of', d.company))}">${PHASES.map((p) => `<option value="${p}">${esc(t(`phase.${p}`))}</option>`).join('')}</select>
          <br><span class="small muted" data-file-phase hidden>${esc(t('deals.file_phase', t(`phase.${d.phase}`)))}</span></td>
        <td class="n" data-col="probability">${pct(d.realisation_probability)}</td>
        <td class="n">${kt(d.committed_2030_t)}</td><td class="n">${meur(d.max_support_eur)}</td>
        <td class="n" data-col="committed_t"></td><td class="n" data-col="reduction_t"></td><td class="n" data-col="expected_t"></td><td class="n" data-col="leave_one_out_t"></td><td class="n" data-col="support_eur"></td>
        ${regCells}</tr>`;
    }).join('')}
    <tr data-sme class="sme"><th scope="row" colspan="5">${esc(t('deals.sme'))} <span data-sme-name class="muted small"></span></th>
      <td class="n">–</td><td class="n" data-col="reduction_t"></td><td class="n" data-col="expected_t"></td><td class="n">–</td><td class="n" data-col="support_eur"></td><td colspan="${registry ? 5 : 1}"></td></tr>
    <tr data-total class="total"><th scope="row" colspan="3">${esc(t('deals.total'))}</th><td class="n">${kt(deals.reduce((a, d) => a + d.committed_2030_t, 0))}</td>
      <td class="n">${meur(deals.reduce((a, d) => a + d.max_support_eur, 0))}</td>
      <td class="n" data-col="committed_t"></td><td class="n" data-col="reduction_t"></td><td class="n" data-col="expected_t"></td><td class="n"></td><td class="n" data-col="support_eur"></td>
      ${registry ? `<td>${registryCounts(registry.totals)}</td><td class="n">${kt(registry.totals.realised_t)}</td><td class="n">${meur(registry.totals.paid_eur)}</td><td class="n">${meur(registry.totals.claw_back_eur)}</td><td></td>` : '<td></td>'}</tr>
    </tbody>`;
  for (const sel of el.querySelectorAll('select[data-deal-phase]')) {
    sel.addEventListener('change', () => onPhase(sel.dataset.dealPhase, sel.value));
  }
}

function registryCounts(totals) {
  return ['on_track', 'at_risk', 'breached', 'no_data'].filter((k) => totals[k]).map((k) => `${totals[k]} ${esc(t(`regstatus.${k}`))}`).join(', ');
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

/// The server names its SME population "veki-2024 (5000 generated firms, seed 7)": said in the
/// dashboard's language.
function smeLabel(label) {
  const m = label.match(/^(.*) \((\d+) generated firms, seed (\d+)\)$/);
  return m ? t('deals.sme_label', m[1], num(Number(m[2]), 0), m[3]) : label;
}

/// Fills the outlook columns from the outlook document's package_credits (one per deal, one
/// for the SME scheme). A deal the outlook does not list (package off) shows dashes.
export function renderDealOutlook(el, o, smeRoundName) {
  const credits = o.package_credits || [];
  const byDeal = new Map(credits.filter((c) => c.deal).map((c) => [c.deal, c]));
  const sme = credits.find((c) => !c.deal && /^SME/.test(c.instrument));
  el.querySelector('[data-outlook-head]').textContent = t('deals.group_outlook', o.target_year);
  const fill = (row, c) => {
    // leave_one_out_t: the deal's own effect, what the package loses without it (docs/outlook.md).
    for (const col of ['committed_t', 'reduction_t', 'expected_t', 'leave_one_out_t']) {
      const cell = row.querySelector(`[data-col="${col}"]`);
      if (cell) cell.textContent = c ? kt(c[col]) : '–';
    }
    const support = row.querySelector('[data-col="support_eur"]');
    support.textContent = c ? meur(c.support_eur) : '–';
    // With a deal budget the outlook funds deals in order until it runs out (docs/deals.md).
    if (c && c.funded === false) support.innerHTML += ` <span class="status breached" data-not-funded>${esc(t('deals.not_funded', c.not_funded || ''))}</span>`;
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
  smeRow.querySelector('[data-sme-name]').textContent = sme ? smeLabel(sme.instrument.replace(/^SME scheme:\s*/, '')) : (smeRoundName || t('deals.sme_absent'));
  if (sme) for (const k of ['reduction_t', 'expected_t', 'support_eur']) sum[k] += sme[k] || 0;
  const total = el.querySelector('tr[data-total]');
  for (const [k, v] of Object.entries(sum)) {
    total.querySelector(`[data-col="${k}"]`).textContent = k === 'support_eur' ? meur(v) : kt(v);
  }
}
