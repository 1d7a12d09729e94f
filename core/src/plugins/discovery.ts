import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { definePlugin, type PluginDefinition } from '@trellis/sdk';
import { errorMessage } from './plugin-errors.js';

/** A plugin package found on disk, or a definition given inline. */
export interface PluginCandidate {
  /** The plugin's name: from its definition, or from the package name when it could not be loaded. */
  name: string;
  /** The version: from its definition, or from package.json. */
  version: string;
  /** The package folder, `node_modules:<package>`, or `inline`. */
  source: string;
  /** The package's folder (null for inline definitions). */
  packageDir: string | null;
  /** The built server entry (`trellis.plugin`), absolute. */
  entry: string | null;
  /** The built UI module (`trellis.ui`), absolute, or null. */
  uiFile: string | null;
  /** The definition, when the module loaded and passed definePlugin's checks. */
  definition: PluginDefinition | null;
  /** Why it could not be loaded. */
  error: string | null;
}

/** Where to look. */
export interface DiscoveryOptions {
  /** The working directory the folders and `node_modules` are relative to. */
  cwd: string;
  /** Folders whose sub-folders are plugin packages (TRELLIS_PLUGIN_DIRS). */
  dirs: string[];
}

interface PackageJson {
  name?: string;
  version?: string;
  trellis?: { plugin?: unknown; ui?: unknown };
}

/**
 * Finds plugin packages: sub-folders of the configured folders, then packages installed in
 * `<cwd>/node_modules` (scoped ones too), whose package.json has a `trellis.plugin` entry.
 * The same package reached twice (a workspace symlinked into node_modules) counts once, and of
 * two packages declaring the same plugin name the first found wins.
 */
export async function discoverPlugins(options: DiscoveryOptions): Promise<PluginCandidate[]> {
  const folders: Array<{ dir: string; source: (dir: string, pkg: PackageJson) => string }> = [];
  for (const dir of options.dirs) {
    for (const child of await subfolders(resolve(options.cwd, dir))) folders.push({ dir: child, source: (path) => path });
  }
  const modules = join(options.cwd, 'node_modules');
  for (const child of await subfolders(modules)) {
    const scoped = child.slice(modules.length + 1).startsWith('@');
    for (const dir of scoped ? await subfolders(child) : [child]) {
      folders.push({ dir, source: (path, pkg) => `node_modules:${pkg.name ?? path}` });
    }
  }
  const seen = new Set<string>();
  const found: PluginCandidate[] = [];
  for (const { dir, source } of folders) {
    const pkg = await readPackage(dir);
    if (!pkg || typeof pkg.trellis?.plugin !== 'string') continue;
    const real = await realpath(dir);
    if (seen.has(real)) continue;
    seen.add(real);
    found.push(await loadCandidate(dir, pkg, source(dir, pkg)));
  }
  return dedupe(found);
}

/** Imports a package's server entry again (after it failed, or to pick up a new build): a fresh module instance. */
export async function reloadCandidate(candidate: PluginCandidate): Promise<PluginCandidate> {
  if (!candidate.packageDir) return candidate;
  const pkg = await readPackage(candidate.packageDir);
  if (!pkg) return { ...candidate, definition: null, error: `package.json of ${candidate.packageDir} cannot be read` };
  return loadCandidate(candidate.packageDir, pkg, candidate.source, Date.now());
}

/** The candidate of a definition passed to createTrellis. */
export function inlineCandidate(definition: PluginDefinition): PluginCandidate {
  return {
    name: definition.name,
    version: definition.version,
    source: 'inline',
    packageDir: null,
    entry: null,
    uiFile: null,
    definition,
    error: null,
  };
}

async function loadCandidate(dir: string, pkg: PackageJson, source: string, reload?: number): Promise<PluginCandidate> {
  const entry = resolve(dir, String(pkg.trellis?.plugin));
  const candidate: PluginCandidate = {
    name: nameFromPackage(pkg.name ?? dir),
    version: pkg.version ?? '0.0.0',
    source,
    packageDir: dir,
    entry,
    uiFile: uiFileOf(dir, pkg.trellis?.ui),
    definition: null,
    error: null,
  };
  try {
    const url = pathToFileURL(entry);
    // Node caches a module, its failure included: a query string asks for a new instance.
    if (reload !== undefined) url.search = `?reload=${reload}`;
    const module = (await import(url.href)) as { default?: unknown };
    if (typeof module.default !== 'object' || module.default === null) {
      throw new Error(`${entry} has no default export; export the result of definePlugin(...)`);
    }
    // definePlugin checks names and versions: a package that skipped it gets the same checks.
    const definition = definePlugin(module.default as PluginDefinition);
    return { ...candidate, name: definition.name, version: definition.version, definition };
  } catch (error) {
    return { ...candidate, error: `cannot load ${entry}: ${errorMessage(error)}` };
  }
}

function dedupe(candidates: PluginCandidate[]): PluginCandidate[] {
  const names = new Set<string>();
  return candidates.filter((candidate) => !names.has(candidate.name) && names.add(candidate.name));
}

/** The declared UI module, only when it lies inside the package: it is served over HTTP. */
function uiFileOf(dir: string, declared: unknown): string | null {
  if (typeof declared !== 'string') return null;
  const file = resolve(dir, declared);
  return file.startsWith(`${resolve(dir)}${sep}`) ? file : null;
}

/** `@acme/trellis-plugin-billing` → `billing`: the best guess of a name when the module cannot tell. */
function nameFromPackage(name: string): string {
  return name.replace(/^.*\//, '').replace(/^(trellis-)?plugin-/, '');
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path).catch(() => null))?.isDirectory())) out.push(path);
  }
  return out;
}

async function readPackage(dir: string): Promise<PackageJson | null> {
  try {
    return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    // A folder without a readable package.json is not a plugin package.
    return null;
  }
}
