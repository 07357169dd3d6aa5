/** Builds a path from literal parts and caller-supplied segments, encoding each segment. */
export function path(strings: TemplateStringsArray, ...segments: Array<string | number>): string {
  return strings.reduce((out, literal, i) => out + literal + (i < segments.length ? encodeURIComponent(String(segments[i])) : ''), '');
}

/** `alice/intro` → `alice/intro` with each side encoded (`alice+bob` stays one segment). */
export function eventPath(event: string): string {
  const [handle, slug, ...rest] = event.split('/');
  if (!handle || !slug || rest.length > 0) throw new TypeError(`An event is "handle/slug", got "${event}"`);
  return `${encodeURIComponent(handle)}/${encodeURIComponent(slug)}`;
}
