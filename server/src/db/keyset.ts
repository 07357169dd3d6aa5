import type { Knex } from 'knex';
import { ValidationError } from '../errors.js';

/** One page of a list, and the cursor of the next (`null`: this was the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/** A column of a list's order: its name in the query, the field it comes back as, and its type. */
export interface KeyColumn {
  column: string;
  field: string;
  type: 'number' | 'string';
}

const badCursor = () => new ValidationError('Invalid query: cursor: not a cursor of this list', { fields: [{ field: 'cursor', message: 'not a cursor of this list' }] });

function decode(cursor: string, key: readonly KeyColumn[]): Array<number | string> {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(values) || values.length !== key.length || values.some((value, k) => typeof value !== key[k]!.type)) throw badCursor();
  return values as Array<number | string>;
}

const encode = (row: Record<string, unknown>, key: readonly KeyColumn[]) =>
  Buffer.from(JSON.stringify(key.map((c) => (c.type === 'number' ? Number(row[c.field]) : String(row[c.field]))))).toString('base64url');

/**
 * Keyset paging: orders `query` by `key` (columns that together are unique, all one direction),
 * continues after the cursor's row, and reads one row more than a page to know whether another
 * follows. Pages stay right while rows are added or removed, and cost the same at any depth.
 */
export async function keysetPage<R extends Record<string, unknown>>(query: Knex.QueryBuilder, key: readonly KeyColumn[], request: PageRequest, direction: 'asc' | 'desc' = 'asc'): Promise<Page<R>> {
  if (request.cursor !== undefined) {
    const after = decode(request.cursor, key);
    const beyond = direction === 'asc' ? '>' : '<';
    // (a, b) > (x, y) as (a > x) or (a = x and b > y), which both databases can use an index for.
    query.where((outer) => {
      key.forEach((column, k) => {
        outer.orWhere((inner) => {
          for (let j = 0; j < k; j++) inner.where(key[j]!.column, after[j]!);
          inner.where(column.column, beyond, after[k]!);
        });
      });
    });
  }
  for (const column of key) query.orderBy(column.column, direction);
  const rows: R[] = await query.limit(request.limit + 1);
  const items = rows.slice(0, request.limit);
  return { items, nextCursor: rows.length > request.limit ? encode(items.at(-1)!, key) : null };
}

/** The same page with its items mapped (rows to domain objects). */
export async function mapPage<R, T>(page: Page<R> | Promise<Page<R>>, map: (items: R[]) => T[] | Promise<T[]>): Promise<Page<T>> {
  const { items, nextCursor } = await page;
  return { items: await map(items), nextCursor };
}
