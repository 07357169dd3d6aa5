import type { BookingField } from '@openslot/sdk/schemas';
import { ValidationError } from '../errors.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function problemWith(field: BookingField, value: unknown): string | null {
  if (value === undefined || value === '' || value === null) return field.required ? 'required' : null;
  switch (field.type) {
    case 'checkbox':
      return typeof value === 'boolean' ? (field.required && !value ? 'must be checked' : null) : 'must be true or false';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'email':
      return typeof value === 'string' && EMAIL.test(value) ? null : 'must be an email address';
    case 'select':
      return typeof value === 'string' && (field.options ?? []).includes(value) ? null : `must be one of: ${(field.options ?? []).join(', ')}`;
    default:
      return typeof value === 'string' ? null : 'must be text';
  }
}

/** Checks the booker's answers against the event type's questions; `extraKeys` are answers a location asks for. */
export function checkResponses(fields: BookingField[], responses: Record<string, unknown>, extraKeys: string[] = []): Record<string, unknown> {
  const problems: Array<{ field: string; message: string }> = [];
  const known = new Set([...fields.map((field) => field.name), ...extraKeys]);
  for (const key of Object.keys(responses)) {
    if (!known.has(key)) problems.push({ field: `responses.${key}`, message: 'not a question of this event type' });
  }
  for (const field of fields) {
    // Own answers only: a question named `constructor` or `toString` must not read Object.prototype's.
    const problem = problemWith(field, Object.hasOwn(responses, field.name) ? responses[field.name] : undefined);
    if (problem) problems.push({ field: `responses.${field.name}`, message: problem });
  }
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new ValidationError(`Invalid body: ${first.field}: ${first.message}`, { fields: problems });
  }
  return responses;
}
