import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../cli-error.js';

/** core/templates/plugin, from core/src/cli/scaffold and from core/dist/cli/scaffold alike. */
export const PLUGIN_TEMPLATE = fileURLToPath(new URL('../../../templates/plugin/', import.meta.url));

const PLACEHOLDER = /\{\{(\w+)\}\}/g;
/** Template files end in `.tpl` so that no tool of this repository lints, tests or builds them. */
const SUFFIX = '.tpl';

/**
 * Copies a template folder into `target`, replacing `{{key}}` in file names and contents.
 * `_gitignore` becomes `.gitignore` (npm leaves dotfiles named .gitignore out of packages).
 * Refuses a target that exists and is not empty. Resolves to the written paths, relative to `target`.
 */
export async function writeTemplate(template: string, target: string, values: Record<string, string>): Promise<string[]> {
  if ((await entries(target)).length > 0) throw new CliError(`${target} already exists and is not empty; choose another folder with --dir`);
  const written: string[] = [];
  for (const source of await files(template)) {
    const path = fill(relative(template, source), values, source)
      .replace(/(^|[\\/])_gitignore/, '$1.gitignore')
      .slice(0, -SUFFIX.length);
    await mkdir(dirname(join(target, path)), { recursive: true });
    await writeFile(join(target, path), fill(await readFile(source, 'utf8'), values, source));
    written.push(path);
  }
  return written.sort();
}

function fill(text: string, values: Record<string, string>, source: string): string {
  return text.replace(PLACEHOLDER, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${source}: unknown placeholder {{${key}}}`);
    return value;
  });
}

async function entries(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code === 'ENOTDIR') throw new CliError(`${folder} exists and is not a folder`);
    throw error;
  }
}

async function files(folder: string): Promise<string[]> {
  const found = await readdir(folder, { recursive: true, withFileTypes: true });
  return found.filter((entry) => entry.isFile() && entry.name.endsWith(SUFFIX)).map((entry) => join(entry.parentPath, entry.name));
}
