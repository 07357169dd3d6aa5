import { rmSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/*
 * Lit's html`` and css`` templates keep the source's indentation, which no minifier may touch in
 * general. Indentation is never meaningful in them (HTML and CSS collapse whitespace; nothing here
 * uses <pre>) nor anywhere else in our TypeScript, so it goes before the build: every line keeps
 * its number (the source map stays right line by line). Worth about 1.3 KB gzip.
 */
function stripIndentation(): Plugin {
  return {
    name: 'strip-indentation',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/widget\/src\/.*\.ts$/.test(id)) return null;
      return { code: code.replace(/\n[ \t]+/g, '\n'), map: null };
    },
  };
}

// dist/ also holds tsc's declarations, so only the chunk folder is emptied: no stale chunks.
// Only the booker's own build does this (vite.host.config.ts reuses this config for dist/host.js).
function emptyChunks(): Plugin {
  let booker = false;
  return {
    name: 'empty-chunks',
    configResolved(config) {
      const lib = config.build.lib;
      booker = lib !== false && lib.entry === 'src/define.ts';
    },
    buildStart() {
      if (booker) rmSync(new URL('./dist/widget', import.meta.url), { recursive: true, force: true });
    },
  };
}

// One self-registering ES module, dist/widget.js, which the server serves as /widget.js, with
// what the first slot does not need split into chunks in dist/widget/ (served as /widget/*.js,
// imported relative to widget.js): the booking form, manage mode, the week and column layouts,
// the zone list and the German, French and Spanish catalogs. A page with the widget loads one
// file before the first slot (lit, the query cache, the month view, English).
export default defineConfig({
  // query-core reads process.env.NODE_ENV; library mode leaves it alone, and browsers have no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  plugins: [stripIndentation(), emptyChunks()],
  build: {
    lib: {
      entry: 'src/define.ts',
      formats: ['es'],
      fileName: () => 'widget.js',
    },
    outDir: 'dist',
    emptyOutDir: false, // dist/types holds the declarations from tsc
    minify: true,
    // Library mode keeps the whitespace of ES output (for consumers' bundlers); this file goes to
    // browsers as it is, so minify it fully.
    rolldownOptions: { preserveEntrySignatures: 'allow-extension', output: { minify: true, chunkFileNames: 'widget/[name]-[hash].js' } },
    sourcemap: true,
    target: 'es2022',
  },
});
