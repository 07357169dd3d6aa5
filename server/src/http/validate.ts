import type { z } from 'zod';
import { ValidationError } from '../errors.js';

/** Parses request input with a wire schema; failures become a 400 naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || where,
    message: issue.message,
  }));
  const first = fields[0]!;
  throw new ValidationError(`Invalid ${where}: ${first.field}: ${first.message}`, { fields });
}
