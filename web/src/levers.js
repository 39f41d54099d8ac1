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

/// The base's own lever positions.
export function baseLevers(base, dataset) {
  const ets = (base.prices && base.prices.ets_eur_per_t) || dataset.prices.ets_eur_per_t;
  const delays = {};
  for (const i of dataset.infrastructure) delays[i.id] = (base.infrastructure_delay_yr || {})[i.id] || 0;
  return {
    base: base.name,
    ets2030: round2(at(ets, RAMP_END)),
    tariff2030: round2(at(base.levy_tariff_eur_per_t.ets_industrial, RAMP_END)),
    hurdle: base.hurdle_rate,
    packageOn: base.package_enabled,
    delays,
  };
}

/// The diff for lever positions `l` over base `base`.
export function toDiff(l, base, dataset) {
  const b = baseLevers(base, dataset);
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
  if (l.packageOn !== b.packageOn) diff.package = { enabled: l.packageOn };
  const delays = {};
  for (const [id, d] of Object.entries(l.delays)) if (d !== b.delays[id]) delays[id] = d;
  if (Object.keys(delays).length) diff.infrastructure_delay_yr = delays;
  return diff;
}

/// Lever positions that reproduce `diff` (a diff the dashboard wrote, or one close to it).
export function fromDiff(diff, bases, dataset) {
  const base = bases.find((s) => s.name === diff.base) || bases[0];
  const l = baseLevers(base, dataset);
  const ets = diff.prices && diff.prices.ets_eur_per_t;
  if (ets && at(ets, RAMP_END) !== undefined) l.ets2030 = at(ets, RAMP_END);
  const t = diff.policy && diff.policy.levy && diff.policy.levy.tariff_eur_per_t;
  if (t && t.ets_industrial && at(t.ets_industrial, RAMP_END) !== undefined) l.tariff2030 = at(t.ets_industrial, RAMP_END);
  if (diff.response && typeof diff.response.hurdle_rate === 'number') l.hurdle = diff.response.hurdle_rate;
  if (diff.package && typeof diff.package.enabled === 'boolean') l.packageOn = diff.package.enabled;
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
