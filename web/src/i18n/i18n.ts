/**
 * The current language (Vietnamese by default, English on request, remembered in localStorage)
 * and t(): look up a text and fill its {placeholders}. Components re-render on a change through
 * I18nController.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { vi, type MessageKey } from './vi.ts';
import { en } from './en.ts';

export type Lang = 'vi' | 'en';
const STORAGE_KEY = 'tietkiem.lang';
const dictionaries: Record<Lang, Record<string, string>> = { vi, en };
const listeners = new Set<() => void>();

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

let current: Lang = initialLang();

export function getLang(): Lang {
  return current;
}

/** Switch language, remember it, update <html lang> and re-render every connected component. */
export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice just isn't remembered */
  }
  document.documentElement.lang = lang;
  for (const l of listeners) l();
}

/**
 * A text in the current language. Unknown keys (e.g. a view added by another feature before its
 * texts) come back as the key itself, so a missing text is visible but never breaks the page.
 * @example t('overview.target', { target: '10,0%' }) // 'Chỉ tiêu: 10,0%'
 */
export function t(key: MessageKey | (string & {}), params: Record<string, string | number> = {}): string {
  const text = dictionaries[current][key] ?? dictionaries.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/** Re-renders its host when the language changes. */
export class I18nController implements ReactiveController {
  private readonly onChange = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected() {
    listeners.add(this.onChange);
  }
  hostDisconnected() {
    listeners.delete(this.onChange);
  }
}
