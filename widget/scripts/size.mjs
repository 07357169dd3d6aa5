// Prints every chunk's size and fails when the JavaScript a page must load before the first slot
// shows exceeds the budget: dist/widget.js plus every chunk it imports statically (dynamic
// imports load later, on demand).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 24 * 1024;
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const entry = join(dist, 'widget.js');
if (!existsSync(entry)) {
  console.error('size: dist/widget.js is missing; run `npm run build` first');
  process.exit(1);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gzipOf = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

const seen = new Set();
let raw = 0;
let gzip = 0;
(function visit(file) {
  if (seen.has(file)) return;
  seen.add(file);
  const code = readFileSync(file);
  raw += code.length;
  gzip += gzipOf(file);
  const text = code.toString('utf8');
  // Static `import … from "./x.js"` and `import "./x.js"`; not `import("./x.js")`.
  for (const [, spec] of text.matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\.?\/[^"']+)["']/g)) {
    visit(join(dirname(file), spec));
  }
})(entry);

const chunks = existsSync(join(dist, 'widget')) ? readdirSync(join(dist, 'widget')).filter((f) => f.endsWith('.js')).map((f) => join(dist, 'widget', f)) : [];
for (const file of [entry, ...chunks]) {
  const when = seen.has(file) ? 'before the first slot' : 'on demand';
  console.log(`size: ${relative(dist, file).padEnd(34)} ${kb(readFileSync(file).length).padStart(9)} raw ${kb(gzipOf(file)).padStart(8)} gzip  ${when}`);
}
console.log(`size: ${seen.size} file(s) before the first slot: ${kb(raw)} raw, ${kb(gzip)} gzip (budget ${kb(BUDGET_BYTES)} gzip)`);
if (gzip > BUDGET_BYTES) {
  console.error(`size: over budget by ${kb(gzip - BUDGET_BYTES)}`);
  process.exit(1);
}
