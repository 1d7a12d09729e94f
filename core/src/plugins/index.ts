export { CORE_VERSION } from './core-version.js';
export { discoverPlugins, inlineCandidate } from './discovery.js';
export type { DiscoveryOptions, PluginCandidate } from './discovery.js';
export { PluginFailedError } from './plugin-errors.js';
export { PluginHost } from './plugin-host.js';
export type { PluginHostDeps } from './plugin-host.js';
export type { PluginPrivacyHook } from './plugin-privacy.js';
export type { MountedRouter, PluginRoute, PluginRoutes } from './plugin-router.js';
