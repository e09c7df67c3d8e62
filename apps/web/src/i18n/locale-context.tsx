import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { setApiLocale } from '../api/client.ts';
import { zhCN, type MessageKey, type Messages } from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en';
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;
/** Labels carried by the contracts (permissions, scopes, org kinds) come in both languages. */
export type Bilingual = { zh: string; en: string };

const storageKey = 'fazhi.locale';
/**
 * Chinese is in the first download; English, the second language, is fetched when it is chosen
 * (a citizen on a slow line never downloads it: docs/performance.md, "The portal").
 */
const catalogues: Partial<Record<Locale, Messages>> = { 'zh-CN': zhCN };
const loadCatalogue = async (locale: Locale): Promise<Messages> =>
  (catalogues[locale] ??= locale === 'en' ? (await import('./en.ts')).en : zhCN);

const readStoredLocale = (): Locale => {
  try {
    return window.localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
};

const applyLocale = (locale: Locale): void => {
  setApiLocale(locale);
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
};

const format = (template: string, vars?: Record<string, string | number>): string =>
  vars ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : template;

type LocaleValue = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  label: (value: Bilingual) => string;
};

const LocaleContext = createContext<LocaleValue | null>(null);

export const LocaleProvider = ({ children }: { children: ReactNode }) => {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = readStoredLocale();
    applyLocale(initial);
    return initial;
  });
  const [messages, setMessages] = useState<Messages | undefined>(() => catalogues[locale]);

  useEffect(() => {
    let live = true;
    void loadCatalogue(locale).then((m) => { if (live) setMessages(m); });
    return () => { live = false; };
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    // The page changes language once the catalogue is there, never half in one, half in the other.
    void loadCatalogue(next).then((m) => {
      applyLocale(next);
      setMessages(m);
      setLocaleState(next);
    });
  }, []);

  useEffect(() => {
    if (messages) document.title = messages['app.name'];
  }, [messages]);

  const value = useMemo<LocaleValue | null>(() => (messages ? {
    locale,
    setLocale,
    t: (key, vars) => format(messages[key], vars),
    label: (v) => (locale === 'en' ? v.en : v.zh),
  } : null), [locale, messages, setLocale]);

  // An English page on first load waits the moment its catalogue takes.
  if (!value) return null;
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
};

export const useLocale = (): LocaleValue => {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale must be used inside <LocaleProvider>');
  return value;
};

export const useT = (): Translate => useLocale().t;

/** Looks up a key built at run time (e.g. from a server code), falling back to the raw text. */
export const isMessageKey = (key: string): key is MessageKey => key in zhCN;
