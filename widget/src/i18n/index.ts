import { en, type Messages } from './en.js';

export type { Messages };

/*
 * English ships in widget.js; German, French and Spanish are chunks of their own, loaded when a
 * widget's locale asks for them (in parallel with the first data, so the page waits for neither).
 */
const loaders: Record<string, () => Promise<Messages>> = {
  de: () => import('./de.js').then((m) => m.de),
  fr: () => import('./fr.js').then((m) => m.fr),
  es: () => import('./es.js').then((m) => m.es),
};
const loaded: Record<string, Messages> = { en };
const loading: Record<string, Promise<Messages>> = {};

const languageOf = (locale: string) => locale.split('-')[0]!.toLowerCase();

/** The catalog for a BCP 47 locale (`de-AT` → German) if it is loaded (see `loadMessages`); English when there is none. */
export function messagesFor(locale: string): Messages {
  return loaded[languageOf(locale)] ?? en;
}

/** Whether `messagesFor(locale)` already answers in the locale's own language (or English, when it has none). */
export function messagesReady(locale: string): boolean {
  const language = languageOf(locale);
  return language in loaded || !(language in loaders);
}

/** Loads the catalog for a locale; resolves with what `messagesFor` then returns. */
export function loadMessages(locale: string): Promise<Messages> {
  const language = languageOf(locale);
  const load = loaders[language];
  if (!load || loaded[language]) return Promise.resolve(messagesFor(locale));
  loading[language] ??= load().then(
    (messages) => (loaded[language] = messages),
    (error: unknown) => {
      delete loading[language];
      throw error;
    },
  );
  return loading[language];
}
