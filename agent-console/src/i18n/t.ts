import { locale, messages } from './messages.en.js';

/** Every key of the message catalogue; a missing or misspelled key is a type error. */
export type MessageKey = keyof typeof messages;

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The parameters a message needs, read from its `{placeholders}`. */
export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof messages)[K]>, string | number>;

/** Keys whose message takes no parameters: the ones a table or a prop can hold and pass to t() as is. */
export type PlainMessageKey = { [K in MessageKey]: [Placeholders<(typeof messages)[K]>] extends [never] ? K : never }[MessageKey];

type ParamArgs<K extends MessageKey> = [Placeholders<(typeof messages)[K]>] extends [never] ? [] : [params: MessageParams<K>];

/** The catalogue's locale, for Intl date and number formatting next to the texts. */
export const LOCALE: string = locale;

/** Looks up a user-visible text and fills its `{placeholders}`. */
export function t<K extends MessageKey>(key: K, ...args: ParamArgs<K>): string {
  const template: string = messages[key];
  const params = args[0] as Record<string, string | number> | undefined;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
