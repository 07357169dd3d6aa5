import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Interval,
  indexContaining,
  intersectAllIntervals,
  intersectIntervals,
  normalizeIntervals,
  overlapsAny,
  startsThatFit,
  subtractIntervals,
  unionIntervals,
} from './intervals.js';

const iv = (start: number, end: number): Interval => ({ start, end });

describe('normalizeIntervals', () => {
  it('sorts, merges overlapping and adjacent intervals and drops empty ones', () => {
    expect(normalizeIntervals([iv(12, 17), iv(9, 12), iv(20, 20), iv(18, 19), iv(10, 11), iv(19, 18)])).toEqual([
      iv(9, 17),
      iv(18, 19),
    ]);
  });
});

describe('binary operations', () => {
  const a = [iv(0, 10), iv(20, 30), iv(40, 50)];
  const b = [iv(5, 25), iv(30, 40), iv(45, 60)];
  it('union merges across both lists, including touching ends', () => {
    expect(unionIntervals(a, b)).toEqual([iv(0, 60)]);
    expect(unionIntervals([], b)).toEqual(b);
  });
  it('intersect keeps only common time; touching is not overlapping', () => {
    expect(intersectIntervals(a, b)).toEqual([iv(5, 10), iv(20, 25), iv(45, 50)]);
  });
  it('intersectAll folds many lists, and no lists means no common time', () => {
    expect(intersectAllIntervals([a, b, [iv(0, 21), iv(46, 47)]])).toEqual([iv(5, 10), iv(20, 21), iv(46, 47)]);
    expect(intersectAllIntervals([])).toEqual([]);
  });
  it('subtract cuts holes, also several in one interval', () => {
    expect(subtractIntervals(a, b)).toEqual([iv(0, 5), iv(25, 30), iv(40, 45)]);
    expect(subtractIntervals([iv(0, 100)], [iv(10, 20), iv(30, 40), iv(90, 120)])).toEqual([iv(0, 10), iv(20, 30), iv(40, 90)]);
  });
  it('startsThatFit gives the starts whose meeting fits (end inclusive in whole ms)', () => {
    expect(startsThatFit([iv(0, 30), iv(40, 45), iv(50, 80)], 10)).toEqual([iv(0, 21), iv(50, 71)]);
  });
  it('point and overlap look-ups', () => {
    expect(indexContaining(a, 20)).toBe(1);
    expect(indexContaining(a, 30)).toBe(-1);
    expect(indexContaining(a, 49)).toBe(2);
    expect(overlapsAny(a, iv(30, 40))).toBe(false);
    expect(overlapsAny(a, iv(29, 40))).toBe(true);
    expect(overlapsAny(a, iv(50, 99))).toBe(false);
  });
});

// Reference semantics on a small integer line: an interval list as the set of points it covers.
const covered = (list: readonly Interval[]) => {
  const points = new Set<number>();
  for (const { start, end } of list) for (let t = start; t < end; t++) points.add(t);
  return points;
};
const arbList = fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 15 })), { maxLength: 8 }).map(
  (pairs) => pairs.map(([s, len]) => iv(s, s + len)),
);
const isNormalized = (list: readonly Interval[]) =>
  list.every((x, k) => x.start < x.end && (k === 0 || list[k - 1]!.end < x.start));

describe('interval algebra agrees with set algebra', () => {
  it('for union, intersection and difference', () => {
    fc.assert(
      fc.property(arbList, arbList, (rawA, rawB) => {
        const a = normalizeIntervals(rawA);
        const b = normalizeIntervals(rawB);
        const [pa, pb] = [covered(a), covered(b)];
        expect(covered(a)).toEqual(covered(rawA));
        for (const result of [unionIntervals(a, b), intersectIntervals(a, b), subtractIntervals(a, b)]) {
          expect(isNormalized(result)).toBe(true);
        }
        expect(covered(unionIntervals(a, b))).toEqual(new Set([...pa, ...pb]));
        expect(covered(intersectIntervals(a, b))).toEqual(new Set([...pa].filter((t) => pb.has(t))));
        expect(covered(subtractIntervals(a, b))).toEqual(new Set([...pa].filter((t) => !pb.has(t))));
      }),
      { numRuns: 300 },
    );
  });
});
