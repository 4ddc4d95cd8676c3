import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Attributes whose string values a user reads; everything they show must come from the locales.
const TEXT_PROPS = new Set([
  'title',
  'placeholder',
  'label',
  'alt',
  'aria-label',
  'okText',
  'cancelText',
  'tooltip',
  'message',
  'description',
  'content',
  'emptyText',
  'extra',
  'addonBefore',
  'addonAfter',
  'suffix',
  'prefix',
]);
// Language names are shown in their own language by convention.
const ALLOWED = new Set(['中文', 'EN']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(tsx?|jsx?)$/.test(name) ? [path] : [];
  });
}

/** Literal texts in JSX, and Chinese anywhere in web code: each is a UI string outside the locale files. */
function literalTexts(path: string): string[] {
  const source = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /[A-Za-z\u4e00-\u9fff]/.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText(source);
      if (TEXT_PROPS.has(name) && /[A-Za-z\u4e00-\u9fff]/.test(node.initializer.text))
        found.push(`${name}="${node.initializer.text}"`);
    }
    if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      /[\u4e00-\u9fff]/.test(node.text) &&
      !ALLOWED.has(node.text)
    ) {
      found.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('UI strings', () => {
  it('the web app holds no literal UI text outside the locale files', () => {
    const offenders = files(join(import.meta.dirname, '../src/web'))
      .map((f) => ({ file: f, texts: literalTexts(f) }))
      .filter((f) => f.texts.length);
    expect(offenders).toEqual([]);
  });
});
