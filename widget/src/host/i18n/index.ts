import { en, type HostMessages } from './en.js';

export type { HostMessages };

/*
 * The host components' words, by language, as the booker's catalogs (src/i18n): every catalog has
 * exactly the reference's keys. English only so far; a language added here is picked up by tag.
 */
const catalogs: Record<string, HostMessages> = { en };

/** The catalog for a BCP 47 locale, English when there is none. */
export function hostMessagesFor(locale: string): HostMessages {
  return catalogs[locale.split('-')[0]!.toLowerCase()] ?? en;
}
