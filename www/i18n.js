// Page texts in en, ja, pt-BR and zh-TW. Every dictionary has the keys of English (a test checks);
// a missing key falls back to English, never to nothing.
import en from './i18n/en.js';
import ja from './i18n/ja.js';
import ptBR from './i18n/pt-BR.js';
import zhTW from './i18n/zh-TW.js';

export const LANGUAGES = { en: 'English', ja: '日本語', 'pt-BR': 'Português (Brasil)', 'zh-TW': '繁體中文（台灣）' };
/** @type {Record<string, Record<string, string>>} */
const DICTIONARIES = { en, ja, 'pt-BR': ptBR, 'zh-TW': zhTW };
/** @type {Record<string, string>} */
const ENGLISH = en;
const KEY = 'certcheck.lang';
let current = 'en';

/**
 * The language for a BCP 47 tag (`ja-JP` → ja, `pt` → pt-BR, `zh-Hant`/`zh-HK` → zh-TW; `zh-CN` → null), or null.
 * @param {string | null | undefined} tag
 */
export function match(tag) {
  const lower = String(tag || '').toLowerCase();
  if (lower.startsWith('ja')) return 'ja';
  if (lower.startsWith('pt')) return 'pt-BR';
  // Traditional Chinese only: Taiwan, Hong Kong, Macau or an explicit Hant script. zh-CN, zh-SG,
  // zh-Hans and a bare zh are not given the Taiwan texts (the next browser language, else English).
  if (/^zh-(tw|hk|mo|hant)\b/.test(lower)) return 'zh-TW';
  if (lower.startsWith('zh')) return null;
  if (lower.startsWith('en')) return 'en';
  return null;
}

/** The remembered choice, else the browser's first supported language, else English. */
export function initialLang() {
  try {
    const stored = localStorage.getItem(KEY);
    if (stored && DICTIONARIES[stored]) return stored;
  } catch {
    // storage disabled: use the browser's languages
  }
  for (const tag of navigator.languages || [navigator.language]) {
    const found = match(tag);
    if (found) return found;
  }
  return 'en';
}

export function currentLang() {
  return current;
}

/**
 * Switch language: remembered, applied to every static text of the page.
 * @param {string} lang
 */
export function setLang(lang, remember = false) {
  current = DICTIONARIES[lang] ? lang : 'en';
  if (remember) {
    try {
      localStorage.setItem(KEY, current);
    } catch {
      // not remembered on locked-down PCs
    }
  }
  document.documentElement.lang = current;
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-i18n]'))) node.textContent = t(node.dataset.i18n || '');
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-i18n-aria]'))) node.setAttribute('aria-label', t(node.dataset.i18nAria || ''));
}

/**
 * The text for `key` in the current language, with `{name}` filled from `args`.
 * @param {string} key
 * @param {Record<string, any>} [args]
 */
export function t(key, args = {}) {
  const text = DICTIONARIES[current][key] ?? ENGLISH[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in args ? String(args[name]) : whole));
}

