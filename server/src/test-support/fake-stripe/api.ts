import express, { Router, type Request, type Response } from 'express';
import { FakeStripeError, invalid, type FakeStripeStore, type Owner } from './store.js';

/** One API call as the fake saw it, for tests that assert what OpenSlot sent to Stripe. */
export interface RecordedRequest {
  method: string;
  path: string;
  account: Owner;
  idempotencyKey: string | null;
  params: Record<string, any>;
}

export interface ApiControls {
  /** Milliseconds every API answer waits (the benchmark's 200 ms Stripe). */
  latencyMs: number;
  /** Answer every API call with a 500 (Stripe unreachable) while true. */
  down: boolean;
  /**
   * The next `count` calls matching `path` (a substring; all calls when absent) fail with `status`.
   * `afterApplying`: Stripe does the work (and keeps the answer for its idempotency key), but the
   * answer is lost on the way back, as when a connection drops.
   */
  failNext(count: number, options?: { status?: number; path?: string; afterApplying?: boolean }): void;
  /** Refunds are created `pending` (settle them with `settleRefund`) instead of `succeeded`. */
  refundsPending: boolean;
  requests: RecordedRequest[];
}

interface StoredReply {
  fingerprint: string;
  status: number;
  body: unknown;
}

const list = (url: string, data: unknown[]) => ({ object: 'list', url, has_more: false, data });

/**
 * The REST surface of api.stripe.com/v1 that OpenSlot uses, form-encoded in and JSON out, with
 * Stripe's idempotency (same key + same params → the first answer again, other params → 400
 * `idempotency_error`, scoped per account) and `Stripe-Account` scoping.
 */
export function createApiRouter(store: FakeStripeStore, controls: ApiControls & { failures: Array<{ count: number; status: number; path?: string; afterApplying?: boolean }> }): Router {
  const router = Router();
  const replies = new Map<string, StoredReply>();
  router.use(express.urlencoded({ extended: true, limit: '1mb', verify: (req, _res, buf) => void ((req as Request & { rawBody?: string }).rawBody = buf.toString('utf8')) }));

  router.use(async (req, res, next) => {
    const recorded: RecordedRequest = {
      method: req.method,
      path: req.path,
      account: req.get('stripe-account') ?? null,
      idempotencyKey: req.get('idempotency-key') ?? null,
      params: req.method === 'GET' ? (req.query as Record<string, any>) : (req.body ?? {}),
    };
    controls.requests.push(recorded);
    if (controls.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, controls.latencyMs));
    const failure = controls.failures.find((f) => f.count > 0 && (!f.path || req.path.includes(f.path)));
    if (failure?.afterApplying) {
      failure.count--;
      (res as Response & { loseAnswer?: number }).loseAnswer = failure.status;
      return next();
    }
    if (controls.down || failure) {
      if (failure) failure.count--;
      // `stripe-should-retry: false`: the client reports the outage at once rather than retrying.
      res.status(failure?.status ?? 500).set('stripe-should-retry', 'false').json({ error: { type: 'api_error', message: 'The fake Stripe is down (injected failure)' } });
      return;
    }
    next();
  });

  /** Runs `work` once per idempotency key; a repeat replays the stored answer (even an error), as Stripe does. */
  function answer(req: Request, res: Response, work: () => unknown): void {
    const key = req.get('idempotency-key');
    const account = req.get('stripe-account') ?? null;
    const fingerprint = `${req.method} ${req.path} ${(req as Request & { rawBody?: string }).rawBody ?? ''}`;
    const slot = key && req.method === 'POST' ? `${account ?? 'platform'}:${key}` : null;
    const stored = slot ? replies.get(slot) : undefined;
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        res.status(400).json({
          error: {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          },
        });
        return;
      }
      res.status(stored.status).set('idempotent-replayed', 'true').json(stored.body);
      return;
    }
    let status = 200;
    let body: unknown;
    try {
      body = work();
    } catch (error) {
      if (!(error instanceof FakeStripeError)) throw error;
      const { status: errorStatus, ...rest } = error.body;
      status = errorStatus;
      body = { error: rest };
    }
    if (slot) replies.set(slot, { fingerprint, status, body });
    const lost = (res as Response & { loseAnswer?: number }).loseAnswer;
    if (lost) return void res.status(lost).set('stripe-should-retry', 'false').json({ error: { type: 'api_error', message: 'The answer was lost on the way (injected)' } });
    res.status(status).json(body);
  }

  const account = (req: Request): Owner => req.get('stripe-account') ?? null;
  const expand = (req: Request): string[] => {
    const raw = (req.method === 'GET' ? req.query.expand : req.body?.expand) as unknown;
    return Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : raw && typeof raw === 'object' ? Object.values(raw).map(String) : [];
  };

  /** `expand[]=payment_intent`, `payment_intent.latest_charge`, `latest_charge`: ids become objects. */
  function expanded(object: Record<string, any>, paths: string[], owner: Owner): Record<string, unknown> {
    const out = store.view(object);
    for (const path of paths) {
      const [head, ...rest] = path.split('.');
      const value = out[head!];
      if (typeof value !== 'string') continue;
      const target = value.startsWith('pi_') ? store.intent(value, owner) : value.startsWith('ch_') ? store.charge(value, owner) : null;
      if (target) out[head!] = expanded(target, rest.length ? [rest.join('.')] : [], owner);
    }
    return out;
  }

  const params = (req: Request): Record<string, any> => req.body ?? {};

  router.post('/v1/checkout/sessions', (req, res) => answer(req, res, () => store.view(store.createSession(account(req), params(req)))));
  router.get('/v1/checkout/sessions', (req, res) =>
    answer(req, res, () => {
      const filter = { ...(typeof req.query.status === 'string' && { status: req.query.status }), ...(typeof req.query.payment_intent === 'string' && { payment_intent: req.query.payment_intent }) };
      return list('/v1/checkout/sessions', store.listSessions(account(req), filter).map((s) => expanded(s, expand(req).map((p) => p.replace(/^data\./, '')), account(req))));
    }),
  );
  router.get('/v1/checkout/sessions/:id', (req, res) => answer(req, res, () => expanded(store.session(req.params.id, account(req)), expand(req), account(req))));
  router.post('/v1/checkout/sessions/:id/expire', (req, res) => answer(req, res, () => store.view(store.expireSession(req.params.id, account(req)))));

  router.get('/v1/payment_intents/:id', (req, res) => answer(req, res, () => expanded(store.intent(req.params.id, account(req)), expand(req), account(req))));
  router.post('/v1/payment_intents/:id/capture', (req, res) =>
    answer(req, res, () => {
      const amount = params(req).amount_to_capture;
      return expanded(store.capture(req.params.id, account(req), amount === undefined ? undefined : Number(amount)), expand(req), account(req));
    }),
  );
  router.post('/v1/payment_intents/:id/cancel', (req, res) => answer(req, res, () => store.view(store.cancelIntent(req.params.id, account(req)))));

  router.post('/v1/refunds', (req, res) => answer(req, res, () => store.view(store.createRefund(account(req), params(req), controls.refundsPending ? 'pending' : 'succeeded'))));
  router.get('/v1/refunds', (req, res) =>
    answer(req, res, () => list('/v1/refunds', store.listRefunds(account(req), typeof req.query.payment_intent === 'string' ? { payment_intent: req.query.payment_intent } : {}).map(store.view))),
  );
  router.get('/v1/refunds/:id', (req, res) => answer(req, res, () => store.view(store.refund(req.params.id, account(req)))));

  router.post('/v1/accounts', (req, res) => answer(req, res, () => store.view(store.createAccount(params(req)))));
  router.get('/v1/accounts/:id', (req, res) => answer(req, res, () => store.view(store.account(req.params.id))));
  router.post('/v1/account_links', (req, res) =>
    answer(req, res, () => {
      const { account: linked, refresh_url: refreshUrl, return_url: returnUrl, type } = params(req);
      if (type !== 'account_onboarding') throw invalid('Only type=account_onboarding is supported by this fake', 'type');
      if (!refreshUrl || !returnUrl) throw invalid('refresh_url and return_url are required', 'return_url');
      const found = store.account(String(linked));
      const query = new URLSearchParams({ return_url: String(returnUrl), refresh_url: String(refreshUrl) });
      return { object: 'account_link', created: Math.floor(Date.now() / 1000), expires_at: Math.floor(Date.now() / 1000) + 300, url: `${req.protocol}://${req.get('host')}/connect/onboarding/${found.id}?${query}` };
    }),
  );

  router.use('/v1', (req, res) => {
    res.status(404).json({ error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.originalUrl}). This fake does not implement it.` } });
  });
  return router;
}
