import type { Plugin, UiContributions } from '../api/types.js';

/** One contribution of an enabled plugin, tagged with the plugin it comes from. */
export type Contribution<K extends keyof UiContributions> = NonNullable<UiContributions[K]>[number] & { plugin: string };

/** Every contribution of `kind` from the enabled plugins, in plugin order. */
export function contributions<K extends keyof UiContributions>(plugins: readonly Plugin[], kind: K): Array<Contribution<K>> {
  return plugins
    .filter((plugin) => plugin.state === 'enabled' && plugin.ui)
    .flatMap((plugin) =>
      ((plugin.ui?.[kind] ?? []) as Array<NonNullable<UiContributions[K]>[number]>).map((entry) => ({ ...entry, plugin: plugin.name })),
    );
}

/** The record panels or actions of enabled plugins that apply to records of `entity` (those without an entity apply to all). */
export function forEntity<T extends { entity?: string }>(entries: readonly T[], entity: string): T[] {
  return entries.filter((entry) => entry.entity === undefined || entry.entity === entity);
}

/** `path` with one leading slash and no trailing one (`greetings/` → `/greetings`, `` → `/`). */
export function normalisePath(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return `/${trimmed}`;
}

/**
 * The page of `plugin` shown at `path` (the address after `/plugins/<plugin>`): the page whose
 * path is `path`, else the one with the longest path `path` is under (`/deals` serves
 * `/deals/42`), so a page can route within itself.
 */
export function pageAt(plugin: Plugin, path: string): NonNullable<UiContributions['pages']>[number] | undefined {
  const wanted = normalisePath(path);
  const pages = (plugin.ui?.pages ?? []).map((page) => ({ page, path: normalisePath(page.path) }));
  const exact = pages.find((candidate) => candidate.path === wanted);
  if (exact) return exact.page;
  return pages
    .filter((candidate) => candidate.path === '/' || wanted.startsWith(`${candidate.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.page;
}

/** Imports started, by module URL and version: a module is imported once per version. */
const imports = new Map<string, Promise<void>>();

/**
 * Imports the UI module of every enabled plugin that has one (defining its custom elements),
 * and resolves to the errors of those that failed, by plugin name. A new version of a plugin
 * gets a new URL, so an upgrade is picked up without reloading the page; its tags, already
 * defined by the old version, keep the old classes until the page is reloaded.
 */
export async function loadPluginModules(plugins: readonly Plugin[]): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  await Promise.all(
    plugins
      .filter((plugin) => plugin.state === 'enabled' && plugin.ui?.module)
      .map(async (plugin) => {
        const url = `${plugin.ui!.module!}?v=${encodeURIComponent(plugin.version)}`;
        let loading = imports.get(url);
        if (!loading) {
          loading = import(/* @vite-ignore */ url).then(() => undefined);
          imports.set(url, loading);
        }
        try {
          await loading;
        } catch (error) {
          imports.delete(url); // A later attempt (after a fix and a re-enable) tries again.
          failures.set(plugin.name, error instanceof Error ? error.message : String(error));
        }
      }),
  );
  return failures;
}
