import { defineConfig } from 'vite';

// One self-registering ES module, dist/openslot.js, which the server serves as /widget.js.
// Everything (lit, query-core, the SDK) is bundled in: a customer's page loads exactly one file.
export default defineConfig({
  // query-core reads process.env.NODE_ENV; library mode leaves it alone, and browsers have no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    lib: {
      entry: 'src/define.ts',
      formats: ['es'],
      fileName: () => 'openslot.js',
    },
    outDir: 'dist',
    emptyOutDir: false, // dist/types holds the declarations from tsc
    minify: true,
    sourcemap: true,
    target: 'es2022',
  },
});
