import { de } from './de.js';
import { en, type Messages } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';

export type { Messages };

/*
 * The catalogs are a few hundred bytes each once compressed, so all four ship inside the one
 * script (a dynamic import would need a second file the server does not serve).
 */
const catalogs: Record<string, Messages> = { en, de, fr, es };

/** The catalog for a BCP 47 locale (`de-AT` → German), English when there is none. */
export function messagesFor(locale: string): Messages {
  return catalogs[locale.split('-')[0]!.toLowerCase()] ?? en;
}
