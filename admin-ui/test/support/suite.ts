import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServer, type UiServer, type UiServerOptions } from './server.js';

/** What a test file shares between its tests: one server and one browser. */
export interface BrowserSuite {
  server: UiServer;
  browser: Browser;
}

/** Starts a fresh server and a browser side by side, for a test file's `beforeAll`. */
export async function startSuite(options: UiServerOptions = {}): Promise<BrowserSuite> {
  const [server, browser] = await Promise.all([startServer(options), launchBrowser()]);
  return { server, browser };
}

/** Closes what {@link startSuite} started, for `afterAll`; either may be missing when starting failed. */
export async function closeSuite(suite: Partial<BrowserSuite>): Promise<void> {
  await suite.browser?.close();
  await suite.server?.close();
}
