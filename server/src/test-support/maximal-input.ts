import { z } from 'zod';

type JsonSchema = Record<string, any>;

/** A character UTF-8 spends three bytes on (MySQL's utf8mb4 too): free text at its maximum is as big as it gets. */
const WIDE = '€';

/**
 * An input at every documented maximum of its schema (the OpenAPI document's `maxLength`,
 * `maxItems`, `maxProperties`), so a test can write it and see the database hold it: free text of
 * wide characters, every optional field, every list and record full. Values a generator cannot
 * invent (a handle that must exist, dates that must differ) come from `given`, by dotted path
 * (`hosts`, `attendee.timeZone`); a string it can neither build nor find there is an error naming
 * its path, so a new field cannot slip past without a decision.
 */
export function maximalInput(schema: z.ZodType, given: Record<string, unknown> = {}): any {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return build(json, '', given, json);
}

function build(schema: JsonSchema, path: string, given: Record<string, unknown>, root: JsonSchema): unknown {
  if (path in given) return given[path];
  if (schema.$ref) return build(root.$defs?.[String(schema.$ref).replace('#/$defs/', '')] ?? {}, path, given, root);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return [...schema.enum].sort((a, b) => String(b).length - String(a).length)[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return build(options.find((option: JsonSchema) => option.type !== 'null') ?? options[0], path, given, root);
  const at = (key: string) => (path ? `${path}.${key}` : key);
  switch (schema.type) {
    case 'object': {
      if (schema.properties) {
        return Object.fromEntries(Object.entries(schema.properties as Record<string, JsonSchema>).map(([key, value]) => [key, build(value, at(key), given, root)]));
      }
      const count = schema.maxProperties ?? fail(path, 'a record without maxProperties');
      const keyLength = schema.propertyNames?.maxLength ?? fail(path, 'record keys without maxLength');
      return Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`k${String(i).padStart(keyLength - 1, '0')}`, build(schema.additionalProperties ?? {}, at('*'), given, root)]),
      );
    }
    case 'array': {
      const count = schema.maxItems ?? fail(path, 'a list without maxItems');
      return Array.from({ length: count }, () => build(schema.items ?? {}, at('*'), given, root));
    }
    case 'string':
      return maximalString(schema, path);
    case 'integer':
    case 'number':
      return schema.maximum ?? schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return fail(path, `a ${String(schema.type)} the generator cannot fill`);
  }
}

function maximalString(schema: JsonSchema, path: string): string {
  const max: number = schema.maxLength ?? fail(path, 'a string without maxLength');
  if (schema.format === 'email') return `${'a'.repeat(max - '@example.com'.length)}@example.com`;
  if (schema.format === 'uri') return `https://example.com/${'a'.repeat(max - 'https://example.com/'.length)}`;
  if (schema.format) return fail(path, `a ${schema.format} string`);
  const candidates = schema.pattern ? ['a'.repeat(max)] : [WIDE.repeat(max)];
  const fits = candidates.find((candidate) => !schema.pattern || new RegExp(schema.pattern, 'u').test(candidate));
  return fits ?? fail(path, `a string matching ${schema.pattern}`);
}

function fail(path: string, what: string): never {
  throw new Error(`maximalInput: ${path || 'the input'} is ${what}; give its value`);
}
