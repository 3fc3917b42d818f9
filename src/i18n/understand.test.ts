// The understanding views' messages: Korean and English have the same keys and placeholders, and every
// Korean message is written in Korean (only names, units and formulas may stay in Latin letters).
import { describe, expect, it } from 'vitest';
import en from './understand.en';
import ko from './understand.ko';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('understand messages', () => {
  const e = flatten(en as Tree);
  const k = flatten(ko as Tree);
  it('have the same keys and placeholders in both languages', () => {
    expect([...k.keys()].sort()).toEqual([...e.keys()].sort());
    for (const [key, text] of e) expect({ key, p: placeholders(k.get(key) ?? '') }).toEqual({ key, p: placeholders(text) });
  });

  it('are in Korean in the Korean UI, apart from names, units and formulas', () => {
    const names = ['UMAP', 'ReLU', 'FGSM', 'Xavier', 'He', 'Simonyan', 'L2'];
    for (const [key, text] of k) {
      const bare = text.replace(/{{\w+}}/g, '');
      const foreign = (bare.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !names.includes(w) && w !== 'ms');
      expect({ key, foreign }).toEqual({ key, foreign: [] });
      // Every message with words in it has Korean words (ε = {{value}} is a formula).
      if (/[^\s\d().,:=·…%ε–-]/.test(bare)) expect({ key, hangul: /[가-힣]/.test(text) }).toEqual({ key, hangul: true });
    }
  });
});
