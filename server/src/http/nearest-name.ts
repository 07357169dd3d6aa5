/** Edit distance (insertions, deletions, substitutions), one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** `bufferAfterMinutes` → `after buffer minutes`: the same words in another order compare equal. */
const sortedWords = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean)
    .sort()
    .join(' ');

/**
 * The known name an unknown one was probably meant to be (`timezone` → `timeZone`, `weeklyHour` →
 * `weeklyHours`, `bufferAfterMinutes` → `afterBufferMinutes`), or null when none is close.
 */
export function nearestName(unknown: string, known: readonly string[]): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const distance = Math.min(editDistance(unknown.toLowerCase(), name.toLowerCase()), editDistance(sortedWords(unknown), sortedWords(name)));
    if (!best || distance < best.distance) best = { name, distance };
  }
  // More edits than half the name means a different word, not a typo.
  return best && best.distance <= Math.max(2, Math.floor(unknown.length / 2)) ? best.name : null;
}
