/**
 * The dependency boundaries of docs/reference/architecture.md are enforced by `npm run lint`.
 * These tests lint small sources as if they sat in each package and check what is refused.
 */
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The boundary rule needs no type information; switching it off keeps these sources virtual.
const untyped = [
  tseslint.configs.disableTypeChecked,
  { languageOptions: { parserOptions: { projectService: false, project: null } } },
] satisfies Linter.Config[];
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: untyped });

async function boundaryErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('dependency boundaries', () => {
  it('refuses core internals in a plugin, saying which rule and why', async () => {
    const errors = await boundaryErrors(
      'plugins/sales/src/server/index.ts',
      "import { RecordsService } from '@trellis/core';\nexport { RecordsService };\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Trellis boundary: plugins and examples may import only @trellis/sdk');
  });

  it('refuses a relative path into core from an example', async () => {
    const errors = await boundaryErrors(
      'examples/hello/src/index.ts',
      "import { createTrellis } from '../../../core/src/app.js';\nexport { createTrellis };\n",
    );
    expect(errors[0]).toContain('Trellis boundary');
  });

  it("refuses another plugin's package in a plugin", async () => {
    const errors = await boundaryErrors(
      'plugins/tickets/src/server/index.ts',
      "import sales from '@trellis/plugin-sales';\nexport { sales };\n",
    );
    expect(errors).toHaveLength(1);
  });

  it("lets a plugin's tests boot another plugin from its package, but not reach core", async () => {
    const source =
      "import contacts from '@trellis/plugin-contacts';\nimport { createTestApp } from '@trellis/sdk/testing';\nexport { contacts, createTestApp };\n";
    expect(await boundaryErrors('plugins/sales/test/board.test.ts', source)).toEqual([]);
    const core = await boundaryErrors(
      'plugins/sales/test/board.test.ts',
      "import { createTrellis } from '@trellis/core';\nexport { createTrellis };\n",
    );
    expect(core).toHaveLength(1);
    expect(core[0]).toContain("a plugin's tests may import @trellis/sdk");
    // Outside tests the rule holds: a plugin's code never imports another plugin.
    expect(await boundaryErrors('plugins/sales/src/server/index.ts', source)).toHaveLength(1);
  });

  it('lets a plugin use the SDK and lit', async () => {
    const source =
      "import { defineEntity } from '@trellis/sdk';\nimport { LitElement } from 'lit';\nexport { defineEntity, LitElement };\n";
    expect(await boundaryErrors('plugins/sales/src/ui/board.ts', source)).toEqual([]);
  });

  it('keeps the SDK free of any Trellis package', async () => {
    const errors = await boundaryErrors('sdk/src/extra.ts', "import { createTrellis } from '@trellis/core';\nexport { createTrellis };\n");
    expect(errors[0]).toContain('the SDK is the public contract');
  });

  it('keeps the admin UI away from core and plugins', async () => {
    expect(
      await boundaryErrors('admin-ui/src/app.ts', "import { createTrellis } from '@trellis/core';\nexport { createTrellis };\n"),
    ).toHaveLength(1);
    expect(await boundaryErrors('admin-ui/src/app.ts', "import board from '@trellis/plugin-sales';\nexport { board };\n")).toHaveLength(1);
  });

  it('keeps core from importing a plugin', async () => {
    const errors = await boundaryErrors('core/src/plugins/loader.ts', "import sales from '@trellis/plugin-sales';\nexport { sales };\n");
    expect(errors[0]).toContain('core never imports a plugin');
  });
});
