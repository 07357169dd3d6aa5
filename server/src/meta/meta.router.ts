import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Router } from 'express';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
/** The site owner's guide, shipped with the server package (server/docs/guide.md). */
const GUIDE = new URL('../../docs/guide.md', import.meta.url);

/**
 * `GET /`: what this server is and where to go next (a person or a script landing on the bare
 * URL finds the API description, the widget and the guide); `GET /docs`: the guide itself.
 */
export function createMetaRouter(deps: { publicUrl: string }): Router {
  const { publicUrl } = deps;
  const router = Router();
  const index = {
    name: 'OpenSlot',
    version,
    links: {
      openapi: `${publicUrl}/v1/openapi.json`,
      widget: `${publicUrl}/widget.js`,
      health: `${publicUrl}/health`,
      docs: `${publicUrl}/docs`,
    },
  };

  router.get('/', (_req, res) => {
    res.json(index);
  });

  router.get('/docs', async (_req, res) => {
    res.type('text/markdown; charset=utf-8').send(await readFile(GUIDE, 'utf8'));
  });

  return router;
}
