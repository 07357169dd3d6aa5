import type { z } from 'zod';
import { ValidationError } from '../errors.js';
import { nearestName } from './nearest-name.js';

/** One problem with the input, as `details.fields` lists them; an unknown field names the `nearest` known one, when one is close. */
export interface FieldProblem {
  field: string;
  message: string;
  nearest?: string;
}

/** Parses request input with a wire schema; failures become a 400 naming each field (an unknown one with the nearest known one). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const unknown: FieldProblem[] = [];
  const invalid: FieldProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code !== 'unrecognized_keys') {
      invalid.push({ field: issue.path.join('.') || where, message: issue.message });
      continue;
    }
    const known = knownKeysAt(schema, issue.path);
    for (const key of issue.keys) {
      const nearest = nearestName(key, known);
      const message = nearest ? `unknown field; did you mean "${nearest}"?` : 'unknown field';
      unknown.push({ field: [...issue.path, key].join('.'), message, ...(nearest && { nearest }) });
    }
  }
  // Unknown fields first: a misspelt field usually explains the "required" problem beside it.
  const fields = [...unknown, ...invalid];
  const first = fields[0]!;
  throw new ValidationError(`Invalid ${where}: ${first.field}: ${first.message}`, { fields });
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The field names the object schema at `path` knows (every option's, under a union). */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const def = defOf(schema);
  const [head, ...rest] = path;
  switch (def.type) {
    case 'object':
      if (head === undefined) return Object.keys(def.shape!);
      return def.shape![String(head)] ? knownKeysAt(def.shape![String(head)]!, rest) : [];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return knownKeysAt(def.innerType!, path);
    case 'pipe':
      return knownKeysAt(def.in!, path);
    case 'lazy':
      return knownKeysAt(def.getter!(), path);
    case 'array':
      return head === undefined ? [] : knownKeysAt(def.element!, rest);
    case 'record':
      return head === undefined ? [] : knownKeysAt(def.valueType!, rest);
    case 'union':
      return [...new Set(def.options!.flatMap((option) => knownKeysAt(option, path)))];
    case 'intersection':
      return [...knownKeysAt(def.left!, path), ...knownKeysAt(def.right!, path)];
    default:
      return [];
  }
}
