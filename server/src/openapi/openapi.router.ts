import { Router } from 'express';
import { openApiDocument } from './openapi.js';

export function createOpenApiRouter(deps: { publicUrl: string }): Router {
  const router = Router();
  const document = JSON.stringify(openApiDocument(deps.publicUrl));
  router.get('/v1/openapi.json', (_req, res) => {
    res.type('application/json').send(document);
  });
  return router;
}
