import type { Request, RequestHandler, Response } from 'express';
import type { AuditEntry } from '@openslot/sdk/schemas';
import { principalOf } from '../http/auth.js';
import type { Logger } from '../logger.js';
import type { AuditService } from './audit.service.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `event-types` → `eventType`: a path segment as the API's envelopes name one resource. */
const singular = (segment: string) => segment.replace(/s$/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/**
 * What a change touched, by id only: the resource its answer carries (`{schedule: {id}}`,
 * `{booking: {uid}}`), else the last id in its path.
 */
function resourceOf(req: Request, body: unknown): AuditEntry['resource'] {
  const entries = body && typeof body === 'object' ? (Object.entries(body) as Array<[string, any]>) : [];
  if (entries.length === 1) {
    const [type, value] = entries[0]!;
    const id = value?.id ?? value?.uid ?? value?.slug;
    if (typeof id === 'string' || typeof id === 'number') return { type, id: String(id) };
  }
  const segments = req.path.split('/').filter(Boolean);
  const named = Object.values(req.params ?? {}).map(String);
  for (let i = segments.length - 1; i > 0; i--) {
    if (named.includes(decodeURIComponent(segments[i]!))) return { type: singular(segments[i - 1]!), id: decodeURIComponent(segments[i]!) };
  }
  return null;
}

/**
 * Records every change made with a session token (from a platform's page or the console) before
 * its answer leaves: when the caller sees the answer, the entry is readable. Refused requests
 * (4xx, 5xx) changed nothing and are not recorded. Only ids: the route, the resource's id, never
 * the data sent.
 */
export function auditSessionChanges(deps: { audit: AuditService; logger: Logger }): RequestHandler {
  const { audit, logger } = deps;
  return (req, res, next) => {
    const caller = principalOf(res);
    if (caller?.kind !== 'user' || caller.credential.type !== 'session' || READS.has(req.method)) return next();
    const { credential } = caller;
    let answered: unknown;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      answered = body;
      return json(body);
    };
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      if (res.statusCode >= 400 || !req.route) return end(...args);
      const event = {
        userId: caller.userId,
        via: credential.consoleSessionId ? ('console' as const) : ('session_token' as const),
        credentialId: Number(credential.consoleSessionId ?? credential.id),
        action: `${req.method} ${req.route.path as string}`,
        resource: resourceOf(req, answered),
        status: res.statusCode,
      };
      audit.record(event).then(
        () => end(...args),
        (error: unknown) => {
          logger.error('audit entry not recorded', { action: event.action, error: (error as Error).message });
          end(...args);
        },
      );
      return res;
    }) as Response['end'];
    next();
  };
}
