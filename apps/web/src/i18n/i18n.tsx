import { ReactNode, createContext, useContext, useMemo } from 'react';
import type { Locale } from '../api/types';
import { en } from './en';
import { MessageKey, fr } from './fr';

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { fr, en };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const dictionary = DICTIONARIES[locale];
  return (key, values = {}) => dictionary[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** A text of the dictionaries by a key built at run time (a theme code, an error code), when it exists. */
export function hasMessage(key: string): key is MessageKey {
  return key in fr;
}

interface I18n {
  locale: Locale;
  t: Translate;
  formatDate: (iso: string) => string;
  formatNumber: (n: number) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
    const dates = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });
    const numbers = new Intl.NumberFormat(tag);
    return { locale, t: translator(locale), formatDate: (iso) => dates.format(new Date(iso)), formatNumber: (n) => numbers.format(n) };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
