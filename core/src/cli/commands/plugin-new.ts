import { relative, resolve } from 'node:path';
import semver from 'semver';
import type { Command } from '../command.js';
import { CORE_PACKAGE } from '../core-package.js';
import { pluginNames } from '../scaffold/plugin-names.js';
import { PLUGIN_TEMPLATE, writeTemplate } from '../scaffold/write-template.js';

/** `trellis plugin new <name>`: a complete plugin package that builds and passes its test. */
export const pluginNew: Command = {
  name: 'plugin new',
  summary: 'Create a plugin package that builds and passes its test.',
  arguments: ['<name>'],
  options: {
    dir: { type: 'string', valueName: 'folder', description: 'Where to write it (default: plugins/<name>); must be empty or absent' },
  },
  help: [
    'The name is lower kebab case (customer-feedback). The package, trellis-plugin-<name>, holds a',
    'server entry with one entity, one route and one hook, Lit elements for a page, a dashboard widget',
    'and a record panel, and a test that boots Trellis in process. It depends on @trellis/sdk and lit as',
    'peers and has typecheck, build (tsc, then vite for the UI module) and test (vitest) scripts. Then:',
    'cd into it, npm install, npm test. See docs/guides/writing-a-plugin.md.',
  ].join('\n'),
  async run({ positionals: [name = ''], values }, io) {
    const names = pluginNames(name);
    const target = resolve(io.cwd, typeof values.dir === 'string' ? values.dir : `plugins/${name}`);
    const files = await writeTemplate(PLUGIN_TEMPLATE, target, {
      ...names,
      coreRange: `^${CORE_PACKAGE.version}`,
      sdkRange: `^${semver.minVersion(CORE_PACKAGE.dependencies['@trellis/sdk'] ?? CORE_PACKAGE.version)?.version ?? CORE_PACKAGE.version}`,
    });
    const shown = relative(io.cwd, target);
    const folder = shown === '' ? '.' : shown.startsWith('..') ? target : shown;
    io.out(`Created plugin ${name} in ${folder} (${files.length} files)`);
    io.out(`Next: cd ${folder} && npm install && npm test`);
    return 0;
  },
};
