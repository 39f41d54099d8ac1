// Who's who (issue 17 §6): the companies ranked by emissions (GET /api/emitters, the
// `decarbfund emitters --json` document), each with its sites, the maatwerk deal that covers them,
// its phase, committed tonnes and the share of the lot's target they stand for. The largest
// emitters without a deal show as such. The first `top` rows are shown (the CLI's default 20).
import { esc } from './html.js';
import { num, t } from './i18n.js';

const mt = (v) => num(v / 1e6, 2);
const share = (v) => `${num(100 * v, 1)} %`;

/// Builds the table (again after a language switch) from the emitters document `doc`.
export function buildEmittersTable(el, doc, top = 20) {
  const rows = doc.emitters.slice(0, top);
  const th = (key, n = true) => `<th scope="col"${n ? ' class="n"' : ''}>${esc(t(key))}</th>`;
  el.innerHTML = `<caption class="sr-only">${esc(t('emitters.title'))}</caption><thead><tr>
    ${th('emitters.col_rank')}${th('emitters.col_company', false)}${th('emitters.col_mt')}${th('emitters.col_share')}
    ${th('emitters.col_phase', false)}${th('emitters.col_committed')}${th('emitters.col_target')}${th('emitters.col_sites', false)}</tr></thead>
    <tbody>${rows.map((e) => `<tr data-emitter="${esc(e.deal || e.company)}"${e.deal ? '' : ' class="no-deal"'}>
      <td class="n">${e.rank}</td><th scope="row" data-col="company">${esc(e.company)}</th>
      <td class="n" data-col="emissions">${mt(e.emissions_t)}</td><td class="n">${share(e.share_of_emissions)}</td>
      <td data-col="phase">${e.phase ? esc(t(`phase.${e.phase}`)) : `<span class="muted">${esc(t('emitters.no_deal'))}</span>`}</td>
      <td class="n" data-col="committed">${e.deal ? mt(e.committed_t) : '–'}</td>
      <td class="n" data-col="target">${e.deal ? share(e.share_of_target) : '–'}</td>
      <td class="small">${esc(e.sites.join(' '))}</td></tr>`).join('')}</tbody>`;
  const note = el.closest('section').querySelector('[data-emitters-note]');
  note.textContent = t('emitters.note', rows.length, doc.companies_total, doc.target_year, num(doc.target_t / 1e6, 1));
}
