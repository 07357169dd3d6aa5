import { NotFoundError } from '../errors.js';

/** A numeric path id; anything else is simply not found (never a 500). */
export function idParam(value: string | undefined, what: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(`${what} ${value ?? ''}`.trim());
  return id;
}
