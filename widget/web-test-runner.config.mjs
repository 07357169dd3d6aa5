import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

const require = createRequire(import.meta.url);
// msw's worker script must be served from the root so its scope covers the test pages; take it
// from the installed msw so worker and library versions always match.
const mswWorker = require.resolve('msw/mockServiceWorker.js');

export default {
  files: 'src/**/*.test.ts',
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // Two cores shared with the other workspaces' runs.
  concurrency: 1,
  concurrentBrowsers: 1,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('./tsconfig.json', import.meta.url).pathname })],
  middleware: [
    function serveMockServiceWorker(context, next) {
      if (context.path !== '/mockServiceWorker.js') return next();
      context.type = 'application/javascript';
      context.set('Service-Worker-Allowed', '/');
      context.body = createReadStream(mswWorker);
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
      },
    }),
  ],
  // query-core reads process.env.NODE_ENV, which bundlers (Vite for dist/widget.js) replace.
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <head><title>OpenSlot widget tests</title></head>
      <body>
        <script>window.process = { env: { NODE_ENV: 'development' } };</script>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
  testFramework: { config: { timeout: 10000 } },
};
