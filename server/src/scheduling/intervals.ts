/**
 * Interval algebra on half-open spans of epoch milliseconds, `[start, end)`.
 *
 * "Normalized" means: sorted by start, every interval non-empty, no two overlapping or touching
 * (`[9, 12)` and `[12, 17)` become `[9, 17)`). Every function here returns normalized lists; the
 * binary ones expect normalized input and run in linear time on it.
 */

/** A half-open span `[start, end)` of epoch milliseconds. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Sorts, drops empty intervals and merges overlapping or adjacent ones. O(n log n), O(n) when sorted. */
export function normalizeIntervals(intervals: readonly Interval[]): Interval[] {
  let sorted: readonly Interval[] = intervals;
  for (let k = 1; k < intervals.length; k++) {
    if (intervals[k]!.start < intervals[k - 1]!.start) {
      sorted = [...intervals].sort((a, b) => a.start - b.start);
      break;
    }
  }
  return coalesce(sorted.length, (k) => sorted[k]!);
}

/** Everything in `a` or `b`. Both normalized; linear. */
export function unionIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  let i = 0;
  let j = 0;
  return coalesce(a.length + b.length, () => (j >= b.length || (i < a.length && a[i]!.start <= b[j]!.start) ? a[i++]! : b[j++]!));
}

/** Joins the overlapping or touching intervals of `count` taken in start order, dropping empty ones. */
function coalesce(count: number, take: (k: number) => Interval): Interval[] {
  const merged: Interval[] = [];
  let current: { start: number; end: number } | undefined;
  for (let k = 0; k < count; k++) {
    const next = take(k);
    if (next.end <= next.start) continue;
    if (current && next.start <= current.end) {
      if (next.end > current.end) current.end = next.end;
    } else {
      if (current) merged.push(current);
      current = { start: next.start, end: next.end };
    }
  }
  if (current) merged.push(current);
  return merged;
}

/** Everything in both `a` and `b`. Both normalized; linear. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start < end) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** Everything in any of the normalized lists (a round-robin team's free time). O(n log k) for k lists. */
export function unionAllIntervals(lists: readonly (readonly Interval[])[]): Interval[] {
  if (lists.length === 0) return [];
  if (lists.length === 1) return [...lists[0]!];
  const half = lists.length >> 1;
  return unionIntervals(unionAllIntervals(lists.slice(0, half)), unionAllIntervals(lists.slice(half)));
}

/**
 * Everything in every list (a collective team's common free time). The intersection of no lists
 * is empty here: with nobody to meet there is no free time.
 */
export function intersectAllIntervals(lists: readonly (readonly Interval[])[]): Interval[] {
  if (lists.length === 0) return [];
  let acc: Interval[] = [...lists[0]!];
  for (let k = 1; k < lists.length && acc.length > 0; k++) acc = intersectIntervals(acc, lists[k]!);
  return acc;
}

/** Everything in `a` that is not in `b`. Both normalized; linear. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const x of a) {
    let start = x.start;
    while (j < b.length && b[j]!.end <= start) j++;
    let k = j;
    while (k < b.length && b[k]!.start < x.end) {
      const y = b[k]!;
      if (y.start > start) out.push({ start, end: y.start });
      if (y.end > start) start = y.end;
      k++;
    }
    if (start < x.end) out.push({ start, end: x.end });
  }
  return out;
}

/**
 * The start instants `s` (as intervals of starts) for which `[s, s + durationMs)` lies inside one
 * interval of normalized `free`: `[a, b)` gives the starts `[a, b - durationMs]`, that is
 * `[a, b - durationMs + 1)` in whole milliseconds. Linear.
 */
export function startsThatFit(free: readonly Interval[], durationMs: number): Interval[] {
  const out: Interval[] = [];
  for (const { start, end } of free) {
    if (end - start >= durationMs) out.push({ start, end: end - durationMs + 1 });
  }
  return out;
}

/** Index of the interval of normalized `list` containing instant `t`, or -1. O(log n). */
export function indexContaining(list: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.end <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo]!.start <= t ? lo : -1;
}

/** Whether `span` shares any instant with normalized `list`. O(log n). */
export function overlapsAny(list: readonly Interval[], span: Interval): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo]!.start < span.end && span.start < span.end;
}
