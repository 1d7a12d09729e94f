export { createTrellis } from './app.js';
export type { Trellis, CreateTrellisOptions } from './app.js';
export { readConfig } from './config.js';
export type { TrellisConfig } from './config.js';
export { createLogger } from './logger.js';
export type { Logger } from './logger.js';
export { CoreTokens } from './tokens.js';
export type { PluginHost } from './plugins/index.js';
