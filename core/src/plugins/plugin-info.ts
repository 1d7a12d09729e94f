import { basename } from 'node:path';
import type { PluginInfo } from '@trellis/sdk';
import type { PluginCandidate } from './discovery.js';
import { PACKAGE_NOT_FOUND } from './plugin-errors.js';
import { pluginPrefix } from './plugin-router.js';
import type { PluginRow } from './plugin-state.js';

/** The URL of a plugin's UI module: served from its package by the plugin manager's routes. */
export function uiModuleUrl(name: string, uiFile: string): string {
  return `${pluginPrefix(name)}/ui/${encodeURIComponent(basename(uiFile))}`;
}

/**
 * A plugin as the manager reports it, from what was found on disk (or given inline) and what
 * the database says. A package that could not be loaded is `failed` with the load error; an
 * installed plugin whose package is gone keeps its stored state and says why it cannot run.
 */
export function pluginInfo(name: string, candidate: PluginCandidate | undefined, row: PluginRow | undefined): PluginInfo {
  const definition = candidate?.definition ?? null;
  const loadError = candidate ? candidate.error : PACKAGE_NOT_FOUND;
  const state = row?.state ?? (loadError ? 'failed' : 'discovered');
  const ui =
    definition?.ui || candidate?.uiFile
      ? { ...definition?.ui, module: candidate?.uiFile ? uiModuleUrl(name, candidate.uiFile) : null }
      : null;
  return {
    name,
    version: candidate?.version ?? row?.version ?? '0.0.0',
    installedVersion: row?.version ?? null,
    description: definition?.description ?? '',
    state,
    error: row?.error ?? loadError ?? null,
    requires: definition?.requires ?? {},
    source: candidate?.source ?? 'missing',
    hasDemo: typeof definition?.demo === 'function',
    ui,
  };
}
