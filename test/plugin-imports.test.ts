/**
 * Plugins and examples are built on the public SDK only (docs/reference/architecture.md). This
 * test reads every source and test file of every package under plugins/ and examples/ and
 * fails on any import of another Trellis package — static, type-only, re-export, dynamic
 * `import()` or `require` — and on relative imports that leave the package. It complements the
 * ESLint boundary rule, which sees static imports only.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const PACKAGE_FOLDERS = ['plugins', 'examples'];
const SCANNED_FOLDERS = ['src', 'test'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist']);
const SOURCE_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** One module a file refers to; `specifier` is null when it is computed at run time. */
interface ModuleReference {
  specifier: string | null;
  line: number;
}

/** An import a plugin or example must not make. */
interface Violation {
  file: string;
  line: number;
  specifier: string;
  reason: string;
}

/** Every module the source refers to: imports, re-exports, `import()`, `require()`, `import('x').T` types. */
function moduleReferences(fileName: string, source: string): ModuleReference[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const references: ModuleReference[] = [];
  const add = (node: ts.Node, specifier: ts.Node | undefined) => {
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    references.push({ specifier: specifier && ts.isStringLiteralLike(specifier) ? specifier.text : null, line });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const loads = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
      if (loads) add(node, node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return references;
}

/** Why a package file may not refer to this module, or null when it may. */
function refusal(reference: ModuleReference, file: string, packageRoot: string): string | null {
  const { specifier } = reference;
  if (specifier === null) return 'a module name computed at run time cannot be checked; name the module literally';
  if (specifier.startsWith('.') || isAbsolute(specifier)) {
    const target = relative(packageRoot, resolve(dirname(file), specifier));
    return target.startsWith('..') || isAbsolute(target) ? 'reaches outside the package; import the SDK instead' : null;
  }
  if (!/^@trellis\//.test(specifier) || specifier === '@trellis/sdk') return null;
  const inTests = relative(packageRoot, file).split(/[\\/]/)[0] === 'test';
  if (specifier === '@trellis/sdk/testing') return inTests ? null : 'the test kit belongs in test/, not in the shipped plugin';
  // A first-party plugin's tests boot the plugins it requires (contacts for sales) from their packages' entry.
  const firstParty = relative(ROOT, packageRoot).split(/[\\/]/)[0] === 'plugins';
  if (inTests && firstParty && /^@trellis\/plugin-[a-z0-9-]+$/.test(specifier)) return null;
  return "plugins and examples may import only @trellis/sdk (and in tests @trellis/sdk/testing and, for plugins/, other plugins' packages) from Trellis";
}

/** The violations in one file of the package rooted at `packageRoot`. */
function violationsIn(file: string, packageRoot: string, source: string): Violation[] {
  return moduleReferences(file, source).flatMap((reference) => {
    const reason = refusal(reference, file, packageRoot);
    return reason ? [{ file: relative(ROOT, file), line: reference.line, specifier: reference.specifier ?? '(computed)', reason }] : [];
  });
}

function sourceFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(path);
    return SOURCE_FILE.test(entry.name) ? [path] : [];
  });
}

/** Every package under plugins/ and examples/ (a folder with a package.json). */
function pluginPackages(): string[] {
  return PACKAGE_FOLDERS.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, folder, entry.name, 'package.json')))
      .map((entry) => join(ROOT, folder, entry.name)),
  );
}

describe('plugins and examples import only @trellis/sdk', () => {
  it('finds each kind of forbidden import in a sample file', () => {
    const packageRoot = join(ROOT, 'examples', 'sample');
    const sample = [
      "import { definePlugin, type PluginContext } from '@trellis/sdk';",
      "import { LitElement } from 'lit';",
      "import { tidy } from './tidy.js';",
      "import { RecordsService } from '@trellis/core';",
      "import type { Trellis } from '@trellis/core/dist/app.js';",
      "export { board } from '@trellis/plugin-sales';",
      "import '@trellis/admin-ui';",
      "const kit = await import('@trellis/core/testing');",
      "const app = require('../../../core/src/app.js');",
      "import hello = require('@trellis/example-hello-plugin');",
      "type Store = import('@trellis/core').MetadataStore;",
      "const name = '@trellis/core'; const sneaky = await import(name);",
      "import { createTestApp } from '@trellis/sdk/testing';",
      "// import { not } from '@trellis/core'; comments are not imports",
    ].join('\n');
    const found = violationsIn(join(packageRoot, 'src', 'server', 'index.ts'), packageRoot, sample);
    expect(found.map(({ line, specifier }) => [line, specifier])).toEqual([
      [4, '@trellis/core'],
      [5, '@trellis/core/dist/app.js'],
      [6, '@trellis/plugin-sales'],
      [7, '@trellis/admin-ui'],
      [8, '@trellis/core/testing'],
      [9, '../../../core/src/app.js'],
      [10, '@trellis/example-hello-plugin'],
      [11, '@trellis/core'],
      [12, '(computed)'],
      [13, '@trellis/sdk/testing'],
    ]);
    expect(found.find((violation) => violation.line === 13)?.reason).toContain('belongs in test/');
    expect(found.find((violation) => violation.line === 9)?.reason).toContain('outside the package');
  });

  it('lets tests use the test kit and their own package, nothing else of Trellis', () => {
    const packageRoot = join(ROOT, 'plugins', 'sample');
    const sample = [
      "import { createTestApp } from '@trellis/sdk/testing';",
      "import plugin from '../src/server/index.js';",
      "import { createTestApp as internal } from '@trellis/core/testing';",
      "import contacts from '@trellis/plugin-contacts';",
      "import { seed } from '@trellis/plugin-contacts/dist/server/demo.js';",
    ].join('\n');
    const found = violationsIn(join(packageRoot, 'test', 'plugin.test.ts'), packageRoot, sample);
    expect(found.map(({ line, specifier }) => [line, specifier])).toEqual([
      [3, '@trellis/core/testing'],
      [5, '@trellis/plugin-contacts/dist/server/demo.js'],
    ]);
    // Only first-party plugins' tests, and never their shipped code.
    const example = join(ROOT, 'examples', 'sample');
    expect(violationsIn(join(example, 'test', 'plugin.test.ts'), example, sample)).toHaveLength(3);
    expect(violationsIn(join(packageRoot, 'src', 'server', 'index.ts'), packageRoot, sample.split('\n')[3] ?? '')).toHaveLength(1);
  });

  it('holds for every package under plugins/ and examples/', () => {
    const packages = pluginPackages();
    expect(packages.map((folder) => relative(ROOT, folder))).toEqual(
      expect.arrayContaining([join('examples', 'hello-plugin'), join('examples', 'custom-relations')]),
    );
    const files = packages.flatMap((packageRoot) =>
      SCANNED_FOLDERS.flatMap((folder) => sourceFiles(join(packageRoot, folder))).map((file) => ({ file, packageRoot })),
    );
    expect(files.length).toBeGreaterThan(packages.length);
    const found = files.flatMap(({ file, packageRoot }) => violationsIn(file, packageRoot, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
