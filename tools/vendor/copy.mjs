// Copies the few files the app serves from node_modules into wwwroot/lib. Run: npm ci && node copy.mjs
import { cpSync, mkdirSync, rmSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const nm = join(here, 'node_modules');
const lib = join(here, '..', '..', 'src', 'Otop.Web', 'wwwroot', 'lib');
rmSync(lib, { recursive: true, force: true });

const files = [
  ['bootstrap/dist/css/bootstrap.min.css', 'bootstrap/bootstrap.min.css'],
  ['bootstrap/dist/js/bootstrap.bundle.min.js', 'bootstrap/bootstrap.bundle.min.js'],
  ['bootstrap/LICENSE', 'bootstrap/LICENSE'],
  ['htmx.org/dist/htmx.min.js', 'htmx/htmx.min.js'],
  ['htmx.org/LICENSE', 'htmx/LICENSE'],
  ['chart.js/dist/chart.umd.min.js', 'chart.js/chart.umd.min.js'],
  ['chart.js/LICENSE.md', 'chart.js/LICENSE.md'],
  ['@fontsource/sarabun/LICENSE', 'sarabun/LICENSE'],
];
for (const [from, to] of files) {
  mkdirSync(dirname(join(lib, to)), { recursive: true });
  cpSync(join(nm, from), join(lib, to));
}
// Sarabun: Thai and Latin subsets, weights 400/600/700, woff2 only.
const fontDir = join(nm, '@fontsource/sarabun/files');
mkdirSync(join(lib, 'sarabun'), { recursive: true });
for (const f of readdirSync(fontDir)) {
  if (/^sarabun-(thai|latin)-(400|600|700)-normal\.woff2$/.test(f)) cpSync(join(fontDir, f), join(lib, 'sarabun', f));
}
console.log('vendored into', lib);
