// Fails when the JavaScript a page must load before the first slot shows exceeds the budget:
// dist/openslot.js plus every chunk it imports statically (dynamic imports load later).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 35 * 1024;
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const entry = join(dist, 'openslot.js');
if (!existsSync(entry)) {
  console.error('size: dist/openslot.js is missing; run `npm run build` first');
  process.exit(1);
}

const seen = new Set();
let raw = 0;
let gzip = 0;
(function visit(file) {
  if (seen.has(file)) return;
  seen.add(file);
  const code = readFileSync(file);
  raw += code.length;
  gzip += gzipSync(code, { level: 9 }).length;
  const text = code.toString('utf8');
  // Static `import … from "./x.js"` and `import "./x.js"`; not `import("./x.js")`.
  for (const [, spec] of text.matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\.?\/[^"']+)["']/g)) {
    visit(join(dirname(file), spec));
  }
})(entry);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`size: ${seen.size} file(s) before the first slot: ${kb(raw)} raw, ${kb(gzip)} gzip (budget ${kb(BUDGET_BYTES)} gzip)`);
if (gzip > BUDGET_BYTES) {
  console.error(`size: over budget by ${kb(gzip - BUDGET_BYTES)}`);
  process.exit(1);
}
