import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Router, type Request, type Response } from 'express';

interface WidgetFile {
  etag: string;
  bodies: { br: Buffer; gzip: Buffer; identity: Buffer };
}

/** The built `<openslot-booking>` module from the @openslot/widget package (its chunks are in `widget/` beside it). */
export function builtWidgetPath(): string {
  return createRequire(import.meta.url).resolve('@openslot/widget');
}

/** The built host components (`<openslot-availability>` …), a bundle of their own. */
export function builtHostPath(): string {
  return createRequire(import.meta.url).resolve('@openslot/widget/host');
}

/** A chunk's file name as Vite writes it: `book-step-DRWAIJYJ.js` (the hash makes it immutable). */
const CHUNK = /^[\w-]{1,80}\.js$/;

/**
 * `GET /widget.js`: the widget's entry module, compressed once (brotli or gzip, whichever the
 * browser takes) and revalidated by ETag, so a page pays its ~23 KB once and then a 304.
 * `GET /widget/<chunk>.js`: the parts it loads on demand (form, manage mode, layouts, catalogs),
 * content-hashed, so cached for a year.
 * `{path: '/host.js', file: builtHostPath}` serves the host components the same way (no chunks).
 */
export function createWidgetRouter(options: { path?: string; file?: () => string } = {}): Router {
  const file = options.file ?? builtWidgetPath;
  const router = Router();
  const loaded = new Map<string, WidgetFile>();

  async function load(path: string): Promise<WidgetFile | null> {
    const cached = loaded.get(path);
    if (cached) return cached;
    const identity = await readFile(path).catch(() => null);
    if (!identity) return null;
    const widget = {
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
      bodies: {
        identity,
        gzip: gzipSync(identity, { level: 9 }),
        br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      },
    };
    loaded.set(path, widget);
    return widget;
  }

  const path = options.path ?? '/widget.js';
  if (path === '/widget.js') {
    router.get('/widget/:chunk', async (req, res, next) => {
      const chunk = req.params.chunk;
      const widget = CHUNK.test(chunk) ? await load(join(dirname(file()), 'widget', chunk)) : null;
      if (!widget) {
        next();
        return;
      }
      send(req, res, widget, 'public, max-age=31536000, immutable');
    });
  }

  router.get(path, async (req, res) => {
    const widget = await load(file());
    if (!widget) {
      res.status(503).json({ error: { code: 'widget_not_built', message: 'The widget is not built yet: run `npm run build`' } });
      return;
    }
    send(req, res, widget, 'public, max-age=300');
  });

  return router;
}

function send(req: Request, res: Response, widget: WidgetFile, cacheControl: string): void {
  res.set({
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': cacheControl,
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
    etag: widget.etag,
    vary: 'Accept-Encoding',
  });
  if (req.get('if-none-match') === widget.etag) {
    res.status(304).end();
    return;
  }
  // Browsers list gzip before br; the smaller one wins whenever it is accepted.
  const encoding = (['br', 'gzip'] as const).find((candidate) => req.acceptsEncodings(candidate) === candidate);
  if (encoding) res.set('content-encoding', encoding);
  res.send(widget.bodies[encoding ?? 'identity']);
}
