import { NetworkError, OpenSlotError } from '@openslot/sdk';
import type { HostMessages } from './i18n/index.js';

/**
 * The fields a refused change names, by path (`weeklyHours.3.end`, `price`): the server's
 * `details.fields` of a 400, or the `details.field` of a 422 such as `payments_not_configured`.
 */
export function fieldErrors(error: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  if (!(error instanceof OpenSlotError) || typeof error.details !== 'object' || error.details === null) return fields;
  const details = error.details as { fields?: Array<{ field: string; message: string }>; field?: string };
  for (const problem of details.fields ?? []) if (!fields.has(problem.field)) fields.set(problem.field, problem.message);
  if (typeof details.field === 'string') fields.set(details.field, error.message);
  return fields;
}

/** One sentence for a failure, in the component's language. */
export function describeError(error: unknown, t: HostMessages): string {
  if (error instanceof NetworkError) return t.unreachable;
  if (error instanceof OpenSlotError) {
    if (error.status === 401) return t.signedOut;
    if (error.status === 403) return t.forbidden;
    if (error.code === 'payments_not_configured') return t.paymentsNotConfigured;
    if (error.code === 'validation_failed') return t.checkFields;
    return t.failed(error.message);
  }
  return t.failed(error instanceof Error ? error.message : String(error));
}
