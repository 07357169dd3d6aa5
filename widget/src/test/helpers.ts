// Test-only helpers shared by the component tests.
import 'axe-core';
import type { AxeResults } from 'axe-core';

declare global {
  interface Window {
    axe: { run(context: Element, options?: object): Promise<AxeResults> };
  }
}

/** Resolves when `predicate` holds, checking once per frame; fails after `timeoutMs`. */
export async function until<T>(predicate: () => T | undefined | null | false, what = 'condition', timeoutMs = 4000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(requestAnimationFrame);
  }
}

export interface RecordedEvent {
  type: string;
  detail: unknown;
  event: Event;
}

/** Collects every event of the given types that reaches `document` (so: bubbling and composed) until `signal` aborts. */
export function recordEvents(types: string[], signal: AbortSignal): RecordedEvent[] {
  const seen: RecordedEvent[] = [];
  for (const type of types) {
    document.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail, event }), { signal });
  }
  return seen;
}

/** axe-core on the element, shadow roots included; returns the violations' summaries. */
export async function axeViolations(element: Element): Promise<string[]> {
  // The widget's short entrance transitions start at low opacity: check what is left when they end.
  const animations: Animation[] = [...document.getAnimations()];
  (function collect(root: Element | ShadowRoot) {
    for (const node of root.querySelectorAll('*')) {
      if (node.shadowRoot) {
        animations.push(...node.shadowRoot.getAnimations());
        collect(node.shadowRoot);
      }
    }
  })(element.parentElement ?? element);
  await Promise.all(animations.map((animation) => animation.finished.catch(() => undefined)));
  const results = await window.axe.run(element, { resultTypes: ['violations'] });
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The deepest focused element, through shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
