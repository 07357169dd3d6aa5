import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Router } from 'express';

interface WidgetFile {
  etag: string;
  bodies: { br: Buffer; gzip: Buffer; identity: Buffer };
}

/** The built `<openslot-booking>` module from the @openslot/widget package. */
export function builtWidgetPath(): string {
  return createRequire(import.meta.url).resolve('@openslot/widget');
}

/** The built host components (`<openslot-availability>` …), a bundle of their own. */
export function builtHostPath(): string {
  return createRequire(import.meta.url).resolve('@openslot/widget/host');
}

/**
 * `GET /widget.js`: the widget as one ES module, compressed once (brotli or gzip, whichever the
 * browser takes) and revalidated by ETag, so a page pays its ~33 KB once and then a 304.
 * `{path: '/host.js', file: builtHostPath}` serves the host components the same way.
 */
export function createWidgetRouter(options: { path?: string; file?: () => string } = {}): Router {
  const file = options.file ?? builtWidgetPath;
  const router = Router();
  let loaded: WidgetFile | null = null;

  async function load(): Promise<WidgetFile | null> {
    if (loaded) return loaded;
    const identity = await readFile(file()).catch(() => null);
    if (!identity) return null;
    loaded = {
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
      bodies: {
        identity,
        gzip: gzipSync(identity, { level: 9 }),
        br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      },
    };
    return loaded;
  }

  router.get(options.path ?? '/widget.js', async (req, res) => {
    const widget = await load();
    if (!widget) {
      res.status(503).json({ error: { code: 'widget_not_built', message: 'The widget is not built yet: run `npm run build`' } });
      return;
    }
    res.set({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
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
  });

  return router;
}
