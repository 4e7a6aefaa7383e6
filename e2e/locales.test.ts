import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Tree = { [key: string]: string | Tree };

function load(locale: string): Tree {
  return JSON.parse(
    readFileSync(new URL(`../web/src/locales/${locale}.json`, import.meta.url), 'utf8'),
  ) as Tree;
}

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

function valueAt(tree: Tree, path: string): string {
  let node: string | Tree = tree;
  for (const part of path.split('.')) {
    if (typeof node === 'string') throw new Error(`${path} runs through a string`);
    const next: string | Tree | undefined = node[part];
    if (next === undefined) throw new Error(`${path} is missing`);
    node = next;
  }
  if (typeof node !== 'string') throw new Error(`${path} is not a string`);
  return node;
}

// Keys of the web app's two languages; they must match so that no screen falls back silently.
describe('web locales', () => {
  const es = load('es');
  const en = load('en');

  it('Spanish and English have the same keys', () => {
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });

  it('every sentence is translated (not empty) and keeps the same placeholders', () => {
    for (const key of keys(es)) {
      const spanish = valueAt(es, key);
      const english = valueAt(en, key);
      expect(spanish.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(spanish), key).toEqual(placeholders(english));
    }
  });
});
