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

// One self-registering ES module, dist/openslot.js, which the server serves as /widget.js.
// Everything (lit, query-core, the SDK, the four message catalogs) is bundled in: a customer's
// page loads exactly one file.
export default defineConfig({
  // query-core reads process.env.NODE_ENV; library mode leaves it alone, and browsers have no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  plugins: [stripIndentation()],
  build: {
    lib: {
      entry: 'src/define.ts',
      formats: ['es'],
      fileName: () => 'openslot.js',
    },
    outDir: 'dist',
    emptyOutDir: false, // dist/types holds the declarations from tsc
    minify: true,
    // Library mode keeps the whitespace of ES output (for consumers' bundlers); this file goes to
    // browsers as it is, so minify it fully.
    rolldownOptions: { output: { minify: true } },
    sourcemap: true,
    target: 'es2022',
  },
});
