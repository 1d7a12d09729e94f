import { LitElement, css, html, nothing } from 'lit';
import { api, onSignedOut } from '../api/client.js';
import { loadPluginModules } from '../plugins/plugin-ui.js';
import { ROUTES } from '../routes.js';
import { LocationController, match, navigate, type RouteMatch } from '../router.js';
import { store, StoreController } from '../state/app-store.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import './app-nav.js';

/** A screen element: the router hands it the route's parameters and the query string. */
type Screen = HTMLElement & { params: Record<string, string>; query: URLSearchParams };

/** How often plugins are checked for changes made elsewhere (another admin, the CLI). */
const PLUGIN_POLL_MS = 30_000;

/**
 * The application shell: restores the session, shows the login page when there is none, and
 * otherwise the navigation beside the current screen. Screens are custom elements loaded on
 * first use; a screen stays mounted while only its query string changes (filters, sort), so it
 * keeps its scroll position and selection.
 *
 * Enabled plugins' UI modules are imported whenever the plugin list changes, so enabling a
 * plugin shows its navigation, pages and panels at once, and disabling it removes them.
 */
export class TrellisApp extends LitElement {
  static override properties = {
    phase: { state: true },
    menuOpen: { state: true },
    pluginFailures: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: var(--tr-background);
      }
      .layout {
        display: grid;
        grid-template-columns: 15rem minmax(0, 1fr);
        min-height: 100vh;
      }
      aside {
        background: var(--tr-surface);
        border-right: 1px solid var(--tr-border);
        display: flex;
        flex-direction: column;
        position: sticky;
        top: 0;
        height: 100vh;
        overflow-y: auto;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        padding: 1rem 1.25rem 0.25rem;
        font-weight: 700;
        font-size: 1.125rem;
        color: var(--tr-accent);
        text-decoration: none;
      }
      .who {
        margin-top: auto;
        padding: 0.75rem 1.25rem;
        border-top: 1px solid var(--tr-border);
        display: grid;
        gap: 0.375rem;
      }
      .who span {
        overflow: hidden;
        text-overflow: ellipsis;
      }
      main {
        padding: 1.5rem 2rem 3rem;
        min-width: 0;
      }
      .topbar {
        display: none;
      }
      .banner {
        margin-bottom: 1rem;
      }
      @media (max-width: 900px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
        .topbar {
          display: flex;
          align-items: center;
          gap: 0.75rem;
          padding: 0.5rem 1rem;
          background: var(--tr-surface);
          border-bottom: 1px solid var(--tr-border);
        }
        aside {
          display: none;
          position: fixed;
          inset: 3rem 0 0 0;
          z-index: 10;
          height: auto;
          width: min(18rem, 85vw);
          box-shadow: var(--tr-shadow);
        }
        aside.open {
          display: flex;
        }
        main {
          padding: 1rem;
        }
      }
    `,
  ];

  declare phase: 'starting' | 'ready';
  declare menuOpen: boolean;
  declare pluginFailures: Map<string, string>;

  private readonly location = new LocationController(this);
  private screen?: { key: string; element: Screen };
  private readonly loaded = new Set<string>();
  private pluginsSeen = '';
  private poll?: ReturnType<typeof setInterval>;
  private stopSignedOut?: () => void;
  private readonly refreshOnFocus = () => void this.refreshPlugins();

  constructor() {
    super();
    new StoreController(this);
    this.phase = 'starting';
    this.menuOpen = false;
    this.pluginFailures = new Map();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopSignedOut = onSignedOut(() => {
      if (!store.user) return;
      store.clear();
      this.screen = undefined;
    });
    window.addEventListener('focus', this.refreshOnFocus);
    this.poll = setInterval(this.refreshOnFocus, PLUGIN_POLL_MS);
    void store.restore().finally(() => (this.phase = 'ready'));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopSignedOut?.();
    window.removeEventListener('focus', this.refreshOnFocus);
    clearInterval(this.poll);
  }

  private async refreshPlugins(): Promise<void> {
    if (!store.user) return;
    try {
      await store.refreshPlugins();
    } catch {
      // Offline for a moment: the next poll tries again.
    }
  }

  /** Imports newly enabled plugins' UI modules when the plugin list changed. */
  override willUpdate(): void {
    const seen = store.enabledPlugins.map((plugin) => `${plugin.name}@${plugin.version}`).join(',');
    if (seen === this.pluginsSeen) return;
    this.pluginsSeen = seen;
    void loadPluginModules(store.plugins).then((failures) => (this.pluginFailures = failures));
  }

  private async signOut(): Promise<void> {
    try {
      await api.post('/api/auth/logout');
    } finally {
      store.clear();
      this.screen = undefined;
      navigate('/login', { replace: true });
    }
  }

  /** The element of the matched screen, created (after its module loads) or reused. */
  private screenFor(found: RouteMatch) {
    const { route, params, query } = found;
    if (!this.loaded.has(route.tag)) {
      void route.load().then(() => {
        this.loaded.add(route.tag);
        this.requestUpdate();
      });
      return states.loading();
    }
    const key = `${route.tag}:${JSON.stringify(params)}`;
    if (this.screen?.key !== key) {
      const element = document.createElement(route.tag) as Screen;
      element.params = params;
      element.query = query;
      this.screen = { key, element };
    } else if (this.screen.element.query.toString() !== query.toString()) {
      this.screen.element.query = query;
    }
    return this.screen.element;
  }

  override render() {
    if (this.phase === 'starting') return states.loading('Starting Trellis…', '100vh');
    const found = match(ROUTES, location.pathname, location.search);
    if (found?.route.public) return this.screenFor(found);
    if (!store.user) {
      const next = `${location.pathname}${location.search}`;
      const login = match(ROUTES, '/login', next === '/' || next.startsWith('/login') ? '' : `?next=${encodeURIComponent(next)}`)!;
      return this.screenFor(login);
    }
    if (location.pathname === '/login') {
      navigate('/', { replace: true });
      return nothing;
    }
    return html`
      <div class="topbar">
        <button
          type="button"
          class="ghost"
          aria-expanded=${this.menuOpen ? 'true' : 'false'}
          aria-controls="sidebar"
          @click=${() => (this.menuOpen = !this.menuOpen)}
        >
          Menu
        </button>
        <strong>Trellis</strong>
      </div>
      <div class="layout">
        <aside id="sidebar" class=${this.menuOpen ? 'open' : ''} @click=${() => (this.menuOpen = false)}>
          <a class="brand" href="/">Trellis</a>
          <tr-app-nav .path=${location.pathname}></tr-app-nav>
          <div class="who">
            <span title=${store.user.email}>${store.user.name ?? store.user.email}</span>
            <button type="button" @click=${() => void this.signOut()}>Sign out</button>
          </div>
        </aside>
        <main id="main">
          ${[...this.pluginFailures].map(
            ([plugin, error]) =>
              html`<div class="banner error-box" role="alert">The UI of plugin “${plugin}” could not be loaded: ${error}</div>`,
          )}
          ${this.body(found)}
        </main>
      </div>
    `;
  }

  private body(found: RouteMatch | undefined) {
    if (!found) return states.empty('There is no page at this address.', html`<a class="button" href="/">Go home</a>`);
    if (found.route.admin && !store.user?.isAdmin) return states.error('Only administrators can open this page.');
    return this.screenFor(found);
  }
}

customElements.define('trellis-app', TrellisApp);
