// The dashboard's two languages (issue 20): one string table per language (i18n/en.json,
// i18n/nl.json, the same keys: tests/web/i18n_keys.mjs checks it), the browser's language as
// default, a switch in the header that is remembered. Numbers are written per locale (nl 1.234,5;
// en 1,234.5), a chance by the same rule as the HTML reports (one decimal, "< 0.1 %").
import en from './i18n/en.json';
import nl from './i18n/nl.json';

export const TABLES = { en, nl };
const LOCALES = { en: 'en-GB', nl: 'nl-NL' };
let lang = 'en';
const missing = new Set();
const formats = new Map();

/// The language to start in: the one chosen before (localStorage), else the first of the
/// browser's languages we have, else English.
export function initialLang() {
  const stored = localStorage.getItem('decarbfund.lang');
  if (stored && TABLES[stored]) return stored;
  for (const l of navigator.languages || [navigator.language || 'en']) {
    const code = String(l).slice(0, 2).toLowerCase();
    if (TABLES[code]) return code;
  }
  return 'en';
}

export function getLang() { return lang; }

/// Switches the language of t() and num() and of every element marked data-i18n.
export function setLang(l) {
  lang = TABLES[l] ? l : 'en';
  localStorage.setItem('decarbfund.lang', lang);
  document.documentElement.lang = lang;
  applyStatic(document);
}

/// The text of `key` with {0}, {1} … filled from `args`. A key the table lacks shows as ⟦key⟧ and
/// is listed in window.dashboardMissingKeys (the browser test checks that it stays empty).
export function t(key, ...args) {
  let s = TABLES[lang][key];
  if (s === undefined) {
    missing.add(key);
    window.dashboardMissingKeys = [...missing];
    s = `⟦${key}⟧`;
  }
  return s.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
}

/// `x` with `d` decimals and the locale's separators; "–" for null; never "-0".
export function num(x, d = 1) {
  if (x == null || !Number.isFinite(x)) return '–';
  const key = `${lang}:${d}`;
  if (!formats.has(key)) formats.set(key, new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: d, maximumFractionDigits: d }));
  const f = formats.get(key);
  const s = f.format(x);
  return /[1-9]/.test(s) ? s : f.format(0);
}

/// A share as a percentage: one decimal, "0 %" and "100 %" only when exact.
export function pct(p) {
  if (p == null || !Number.isFinite(p)) return '–';
  const v = 100 * p;
  if (v <= 0) return '0 %';
  if (v >= 100) return '100 %';
  if (v < 0.05) return `< ${num(0.1, 1)} %`;
  if (v >= 99.95) return `> ${num(99.9, 1)} %`;
  return `${num(v, 1)} %`;
}

/// Fills the text (data-i18n="key") and attributes (data-i18n-attr="aria-label:key;placeholder:key")
/// of the static page.
export function applyStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr, t(key));
    }
  }
}
