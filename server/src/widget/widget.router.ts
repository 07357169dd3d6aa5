import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Router } from 'express';

/** The built `<openslot-booking>` module, read from the @openslot/widget package once it exists. */
export function createWidgetRouter(): Router {
  const router = Router();
  let cached: Buffer | null = null;

  router.get('/widget.js', async (_req, res) => {
    if (!cached) {
      try {
        cached = await readFile(createRequire(import.meta.url).resolve('@openslot/widget'));
      } catch {
        res.status(503).json({ error: { code: 'widget_not_built', message: 'The widget is not built yet: run `npm run build`' } });
        return;
      }
    }
    res.type('text/javascript').set('Cache-Control', 'public, max-age=300').set('Access-Control-Allow-Origin', '*').send(cached);
  });

  return router;
}
