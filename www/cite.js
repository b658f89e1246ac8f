// A citation as people read it: each document's title and section in its own language (marked
// with `lang`, so a screen reader reads it as written), and for a seed in another language than
// the page's, what the title means in the page's language beside it.
import { el } from './dom.js';
import { currentLang, t } from './i18n.js';

/** The seeds' languages and their titles in the page's languages (the seed keeps its own). */
const SEEDS = /** @type {Record<string, {lang: string, titles: Record<string, string>}>} */ ({
  '000_': { lang: 'ja', titles: { en: 'UCCX TLS support TechNote', 'pt-BR': 'TechNote sobre o suporte a TLS no UCCX', 'zh-TW': 'UCCX TLS 支援技術說明' } },
  '001_': { lang: 'ja', titles: { en: 'About ECDSA certificates in the UCCX solution', 'pt-BR': 'Sobre certificados ECDSA na solução UCCX', 'zh-TW': '關於 UCCX 解決方案中的 ECDSA 憑證' } },
  '002_': { lang: 'pt', titles: { en: 'UCCX solution certificate management guide', ja: 'UCCX ソリューションの証明書管理ガイド', 'zh-TW': 'UCCX 解決方案憑證管理指南' } },
  '003_': { lang: 'zh-TW', titles: { en: 'Understanding ECDSA certificates in the UCCX solution', ja: 'UCCX ソリューションの ECDSA 証明書を理解する', 'pt-BR': 'Entendendo os certificados ECDSA na solução UCCX' } },
  '004_': { lang: 'ja', titles: { en: 'CA certificates for Finesse, CUIC and Live Data (UCCE)', 'pt-BR': 'Certificados de CA para Finesse, CUIC e Live Data (UCCE)', 'zh-TW': 'Finesse、CUIC、Live Data 的 CA 憑證（UCCE）' } },
});

/**
 * The parts of a citation as shown: one span per document, in its language.
 * @param {string} cite the report's citation (`002_….txt § Heading; TN118855 § "…"`)
 * @param {Record<string, string>} sources the report's `sources` (cite → how people read it)
 * @returns {HTMLElement[]}
 */
export function citeParts(cite, sources) {
  const shown = (sources[cite] || cite).split('; ');
  const keys = cite.split(';').map((part) => part.trim());
  const page = currentLang();
  /** @type {string} */
  let lang = 'en';
  return shown.map((text, at) => {
    const key = keys[at] || '';
    const seed = SEEDS[key.slice(0, 4)];
    // A part starting with "§" continues the document before it, in its language.
    if (!key.startsWith('§')) lang = seed ? seed.lang : 'en';
    const meaning = seed && !page.startsWith(seed.lang) && !key.startsWith('§') ? seed.titles[page] : undefined;
    return el('span', { class: 'cite-part' },
      at > 0 ? '; ' : '',
      el('span', { lang, text }),
      meaning ? el('span', { class: 'cite-meaning', text: ` (${meaning})` }) : null);
  });
}

/**
 * A whole "Source: …" line.
 * @param {string} cite
 * @param {Record<string, string>} sources
 * @param {'p' | 'span'} [tag]
 */
export function citeElement(cite, sources, tag = 'p') {
  const [before, after = ''] = t('source', { cite: '\u0000' }).split('\u0000');
  return el(tag, { class: 'cite' }, before, ...citeParts(cite, sources), after);
}
