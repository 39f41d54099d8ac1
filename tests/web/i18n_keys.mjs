// The dashboard's string tables (web/src/i18n/*.json, issue 20): every key in every language,
// the same {0} {1} … placeholders in each, no empty text, and every key the code asks for by
// name present. Prints "N passed, M failed"; exit 1 on a failure.
//   node tests/web/i18n_keys.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/src');
const tables = Object.fromEntries(readdirSync(join(web, 'i18n')).filter((f) => f.endsWith('.json'))
  .map((f) => [f.replace('.json', ''), JSON.parse(readFileSync(join(web, 'i18n', f), 'utf8'))]));
let passed = 0;
let failed = 0;
const check = (ok, what) => { if (ok) passed++; else { failed++; console.log(`not ok - ${what}`); } };
const placeholders = (s) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');

const langs = Object.keys(tables);
check(langs.includes('en') && langs.includes('nl'), `tables for en and nl (${langs})`);
const keys = new Set(langs.flatMap((l) => Object.keys(tables[l])));
for (const key of keys) {
  for (const l of langs) {
    check(typeof tables[l][key] === 'string' && tables[l][key].length > 0, `${l} has ${key}`);
    if (tables[l][key] !== undefined && tables.en[key] !== undefined) {
      check(placeholders(tables[l][key]) === placeholders(tables.en[key]), `${key}: the same placeholders in ${l} as in en`);
    }
  }
}
// Keys named literally in the code (t('…'), data-i18n="…", data-i18n-attr="…:…") must exist.
const literal = new Set();
for (const f of readdirSync(web).filter((f) => /\.(js|html)$/.test(f) && f !== 'i18n.js')) {
  const text = readFileSync(join(web, f), 'utf8');
  for (const m of text.matchAll(/\bt\('([a-z_.0-9]+)'/g)) literal.add(m[1]);
  for (const m of text.matchAll(/data-i18n="([a-z_.0-9]+)"/g)) literal.add(m[1]);
  for (const m of text.matchAll(/data-i18n-attr="([^"]+)"/g)) for (const pair of m[1].split(';')) literal.add(pair.split(':')[1]);
}
for (const key of literal) check(keys.has(key), `the code's key ${key} is in the tables`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
