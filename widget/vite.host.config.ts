import { defineConfig, mergeConfig } from 'vite';
import booker from './vite.config.js';

// The host components' bundle, dist/host.js, which the server serves as /host.js. Built apart
// from the booker so the booker's size budget and chunks never see it.
export default mergeConfig(booker, defineConfig({
  build: {
    lib: {
      entry: 'src/host/define.ts',
      formats: ['es'],
      fileName: () => 'host.js',
    },
  },
}));
