// Lever positions <-> a sparse scenario diff (docs/scenarios.md format, as JSON). A lever left at
// its base value adds nothing, so a saved diff says only what the analyst changed.

const FIRST_EDIT_YEAR = 2026; // the first year after the latest observed ETS price (prices.csv)
const LAST_YEAR = 2050;
const RAMP_END = 2030;

/// Value of a {year: v} series in `year` (held flat beyond its ends, as the engine does).
export function at(series, year) {
  const years = Object.keys(series || {}).map(Number).sort((a, b) => a - b);
  if (!years.length) return undefined;
  let v = series[years[0]];
  for (const y of years) if (y <= year) v = series[y];
  return v;
}

const round2 = (x) => Math.round(x * 100) / 100;

/// Linear from the series' 2025 value to `target` in 2030, `target` after (to `last`).
function ramp(series, target, last) {
  const from = at(series, FIRST_EDIT_YEAR - 1);
  const out = {};
  for (let y = FIRST_EDIT_YEAR; y <= last; y++) {
    const f = Math.min(1, (y - (FIRST_EDIT_YEAR - 1)) / (RAMP_END - (FIRST_EDIT_YEAR - 1)));
    out[String(y)] = round2(from + (target - from) * f);
  }
  return out;
}

/// The deal phases of docs/deals.md (data/nl/deals/phases.yaml), in the order a deal moves.
export const PHASES = ['exploration', 'eop', 'early_support', 'jloi', 'binding', 'implementation', 'paused', 'stopped'];

/// What the levers are set against: the dataset (GET /api/dataset), the deals (GET /api/deals)
/// and the SME round the outlook counts (GET /api/sme/rounds, `outlook: true`; null if none).
export function leverContext(dataset, deals, rounds) {
  return { dataset, deals: deals || [], smeRound: (rounds || []).find((r) => r.outlook) || null };
}

/// The base's `package` section as GET /api/scenarios gives it (keys null when the base leaves
/// them out); an older server without it means every key is absent.
function basePackage(base) {
  const p = base.package || {};
  return {
    enabled: typeof p.enabled === 'boolean' ? p.enabled : base.package_enabled,
    dealPhase: p.deal_phase || {},
    dealBudgetEur: typeof p.deal_budget_eur === 'number' ? p.deal_budget_eur : null,
    smeBudgetEur: typeof p.sme_budget_eur === 'number' ? p.sme_budget_eur : null,
  };
}

/// The base's own lever positions. A deal's phase is its file's, unless the base overrides it;
/// the deal budget null means no limit; the SME budget is the round's own unless the base sets one.
export function baseLevers(base, ctx) {
  const { dataset } = ctx;
  const ets = (base.prices && base.prices.ets_eur_per_t) || dataset.prices.ets_eur_per_t;
  const delays = {};
  for (const i of dataset.infrastructure) delays[i.id] = (base.infrastructure_delay_yr || {})[i.id] || 0;
  const pkg = basePackage(base);
  const dealPhase = {};
  for (const d of ctx.deals) dealPhase[d.id] = pkg.dealPhase[d.id] || d.phase;
  const roundBudget = ctx.smeRound ? ctx.smeRound.budget_eur : null;
  return {
    base: base.name,
    ets2030: round2(at(ets, RAMP_END)),
    tariff2030: round2(at(base.levy_tariff_eur_per_t.ets_industrial, RAMP_END)),
    hurdle: base.hurdle_rate,
    packageOn: pkg.enabled,
    delays,
    dealPhase,
    dealBudgetEur: pkg.dealBudgetEur,
    smeBudgetEur: pkg.smeBudgetEur !== null ? pkg.smeBudgetEur : roundBudget,
  };
}

/// The diff for lever positions `l` over base `base`.
export function toDiff(l, base, ctx) {
  const { dataset } = ctx;
  const b = baseLevers(base, ctx);
  const diff = { base: l.base };
  if (l.ets2030 !== b.ets2030) {
    const ets = { ...dataset.prices.ets_eur_per_t, ...((base.prices && base.prices.ets_eur_per_t) || {}) };
    diff.prices = { ets_eur_per_t: ramp(ets, l.ets2030, LAST_YEAR) };
  }
  if (l.tariff2030 !== b.tariff2030) {
    const t = ramp(base.levy_tariff_eur_per_t.ets_industrial, l.tariff2030, RAMP_END);
    diff.policy = { levy: { tariff_eur_per_t: { ets_industrial: t, n2o: t } } };
  }
  if (l.hurdle !== b.hurdle) diff.response = { hurdle_rate: l.hurdle };
  const pkg = {};
  if (l.packageOn !== b.packageOn) pkg.enabled = l.packageOn;
  const phases = {};
  for (const [id, p] of Object.entries(l.dealPhase)) if (p !== b.dealPhase[id]) phases[id] = p;
  if (Object.keys(phases).length) pkg.deal_phase = phases;
  // No way back to "no limit" through the diff once the base sets a budget: the lever then
  // holds the base's value instead (the engine has no "unlimited" value to send).
  if (l.dealBudgetEur !== b.dealBudgetEur && l.dealBudgetEur !== null) pkg.deal_budget_eur = l.dealBudgetEur;
  if (l.smeBudgetEur !== b.smeBudgetEur && l.smeBudgetEur !== null) pkg.sme_budget_eur = l.smeBudgetEur;
  if (Object.keys(pkg).length) diff.package = pkg;
  const delays = {};
  for (const [id, d] of Object.entries(l.delays)) if (d !== b.delays[id]) delays[id] = d;
  if (Object.keys(delays).length) diff.infrastructure_delay_yr = delays;
  return diff;
}

/// Lever positions that reproduce `diff` (a diff the dashboard wrote, or one close to it).
export function fromDiff(diff, bases, ctx) {
  const base = bases.find((s) => s.name === diff.base) || bases[0];
  const l = baseLevers(base, ctx);
  const ets = diff.prices && diff.prices.ets_eur_per_t;
  if (ets && at(ets, RAMP_END) !== undefined) l.ets2030 = at(ets, RAMP_END);
  const t = diff.policy && diff.policy.levy && diff.policy.levy.tariff_eur_per_t;
  if (t && t.ets_industrial && at(t.ets_industrial, RAMP_END) !== undefined) l.tariff2030 = at(t.ets_industrial, RAMP_END);
  if (diff.response && typeof diff.response.hurdle_rate === 'number') l.hurdle = diff.response.hurdle_rate;
  const pkg = diff.package || {};
  if (typeof pkg.enabled === 'boolean') l.packageOn = pkg.enabled;
  for (const [id, p] of Object.entries(pkg.deal_phase || {})) if (id in l.dealPhase) l.dealPhase[id] = p;
  if (typeof pkg.deal_budget_eur === 'number') l.dealBudgetEur = pkg.deal_budget_eur;
  if (typeof pkg.sme_budget_eur === 'number') l.smeBudgetEur = pkg.sme_budget_eur;
  for (const [id, d] of Object.entries(diff.infrastructure_delay_yr || {})) if (id in l.delays) l.delays[id] = d;
  return { base, levers: l };
}

/// Share links: #s=<saved id> or #d=<base64url of the diff JSON>.
export function encodeDiff(diff) {
  const bytes = new TextEncoder().encode(JSON.stringify(diff));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeDiff(text) {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(s, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/// How many levers stand elsewhere than the base's: the status line says so, not "+diff".
export function changedLevers(l, b) {
  let n = 0;
  for (const k of ['ets2030', 'tariff2030', 'hurdle', 'packageOn', 'dealBudgetEur', 'smeBudgetEur']) if (l[k] !== b[k]) n++;
  for (const [id, d] of Object.entries(l.delays)) if (d !== b.delays[id]) n++;
  for (const [id, p] of Object.entries(l.dealPhase)) if (p !== b.dealPhase[id]) n++;
  return n;
}
