// Every page text exists in en, ja, pt-BR and zh-TW with the same placeholders (no browser needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import en from '../../www/i18n/en.js';
import ja from '../../www/i18n/ja.js';
import ptBR from '../../www/i18n/pt-BR.js';
import zhTW from '../../www/i18n/zh-TW.js';
import { match } from '../../www/i18n.js';

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

for (const [lang, dictionary] of Object.entries({ ja, 'pt-BR': ptBR, 'zh-TW': zhTW })) {
  test(`${lang}: every page text is translated, with the English placeholders`, () => {
    const missing = Object.keys(en).filter((key) => !(key in dictionary));
    assert.deepEqual(missing, [], `${lang} lacks ${missing.join(', ')}`);
    const extra = Object.keys(dictionary).filter((key) => !(key in en));
    assert.deepEqual(extra, [], `${lang} has unknown keys`);
    for (const [key, text] of Object.entries(en)) {
      assert.equal(typeof dictionary[key], 'string', `${lang} ${key}`);
      assert.ok(dictionary[key].trim().length > 0, `${lang} ${key} is empty`);
      assert.deepEqual(placeholders(dictionary[key]), placeholders(text), `${lang} ${key} placeholders`);
    }
  });
}

test('browser languages: Traditional Chinese tags get zh-TW, Simplified ones do not', () => {
  for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-TW']) assert.equal(match(tag), 'zh-TW', tag);
  for (const tag of ['zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN', 'zh']) assert.equal(match(tag), null, tag);
  assert.equal(match('ja-JP'), 'ja');
  assert.equal(match('pt-PT'), 'pt-BR');
});
