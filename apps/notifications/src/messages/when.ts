import { Locale } from '@grappes/contracts';

const FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' }),
};

/** A moment as people of the federation read it: Paris wall clock, in their language. */
export function when(iso: string | Date, locale: Locale): string {
  return FORMATS[locale].format(new Date(iso));
}
