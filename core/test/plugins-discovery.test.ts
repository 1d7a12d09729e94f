import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { discoverPlugins, type PluginCandidate } from '../src/plugins/discovery.js';

let root: string;

function write(path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/** A package whose server entry exports a definition (plain JavaScript, nothing imported). */
function pluginPackage(folder: string, packageName: string, definition: string, trellis: Record<string, string> = {}): void {
  write(
    `${folder}/package.json`,
    JSON.stringify({ name: packageName, version: '0.9.0', type: 'module', trellis: { plugin: './server.mjs', ...trellis } }),
  );
  write(`${folder}/server.mjs`, definition);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'trellis-discovery-'));
  pluginPackage('plugins/alpha', '@acme/plugin-alpha', "export default { name: 'alpha', version: '1.0.0' };", { ui: './ui/alpha.js' });
  pluginPackage('plugins/copy-of-beta', 'copy-of-beta', "export default { name: 'beta', version: '3.0.0' };");
  pluginPackage('plugins/escape', 'escape', "export default { name: 'escape', version: '1.0.0' };", { ui: '../../outside.js' });
  write('plugins/not-a-package/readme.md', 'no package.json here');
  pluginPackage('node_modules/@acme/plugin-beta', '@acme/plugin-beta', "export default { name: 'beta', version: '2.0.0' };");
  pluginPackage('node_modules/trellis-plugin-gamma', 'trellis-plugin-gamma', "throw new Error('gamma is broken');");
  pluginPackage('node_modules/no-default', 'no-default', 'export const name = "x";');
  write('node_modules/left-pad/package.json', JSON.stringify({ name: 'left-pad', version: '1.0.0' }));
  // A workspace package is reachable twice: in its folder and through the node_modules symlink.
  mkdirSync(join(root, 'node_modules/@acme'), { recursive: true });
  symlinkSync(join(root, 'plugins/alpha'), join(root, 'node_modules/@acme/plugin-alpha'), 'dir');
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const byName = (found: PluginCandidate[]) => Object.fromEntries(found.map((candidate) => [candidate.name, candidate]));

describe('plugin discovery', () => {
  it('finds packages in the plugin folders and node_modules (scoped too), each once, the first of a name winning', async () => {
    const found = await discoverPlugins({ cwd: root, dirs: ['plugins', 'missing-folder'] });
    expect(found.map((candidate) => candidate.name).sort()).toEqual(['alpha', 'beta', 'escape', 'gamma', 'no-default']);
    const { alpha, beta } = byName(found);
    expect(alpha).toMatchObject({
      version: '1.0.0',
      source: join(root, 'plugins/alpha'),
      error: null,
      uiFile: join(root, 'plugins/alpha/ui/alpha.js'),
    });
    expect(alpha?.definition?.name).toBe('alpha');
    expect(beta).toMatchObject({ version: '3.0.0', source: join(root, 'plugins/copy-of-beta') });
  });

  it('reports packages that cannot be loaded under a name taken from the package', async () => {
    const { gamma, 'no-default': noDefault } = byName(await discoverPlugins({ cwd: root, dirs: [] }));
    expect(gamma).toMatchObject({ version: '0.9.0', source: 'node_modules:trellis-plugin-gamma', definition: null });
    expect(gamma?.error).toContain('gamma is broken');
    expect(noDefault?.error).toContain('has no default export');
  });

  it('ignores a UI module declared outside its package', async () => {
    const { escape } = byName(await discoverPlugins({ cwd: root, dirs: ['plugins'] }));
    expect(escape).toMatchObject({ error: null, uiFile: null });
  });

  it('reads the plugin folders from TRELLIS_PLUGIN_DIRS', () => {
    expect(readConfig({}).pluginDirs).toEqual(['plugins', 'examples']);
    expect(readConfig({ TRELLIS_PLUGIN_DIRS: ' vendor/plugins, ,extras ' }).pluginDirs).toEqual(['vendor/plugins', 'extras']);
    expect(readConfig({ TRELLIS_PLUGIN_DIRS: '' }).pluginDirs).toEqual([]);
  });
});
