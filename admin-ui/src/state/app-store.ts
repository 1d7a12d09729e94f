import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { api } from '../api/client.js';
import type { CurrentUser, EntityView, One, Plugin } from '../api/types.js';

/**
 * What every screen needs to know about the signed-in session: the user, the entities they may
 * see (as the metadata API shows them to this user) and the plugins. Screens read it through a
 * {@link StoreController}, which re-renders them when it changes; changes are made by the
 * refresh methods, which screens call after they change metadata or plugins.
 */
export class AppStore extends EventTarget {
  user: CurrentUser | null = null;
  entities: EntityView[] = [];
  plugins: Plugin[] = [];

  /** Loads the session; resolves false when nobody is signed in. */
  async restore(): Promise<boolean> {
    try {
      this.user = (await api.get<One<CurrentUser>>('/api/auth/me')).data;
    } catch {
      this.user = null;
      return false;
    }
    await Promise.all([this.refreshEntities(), this.refreshPlugins()]);
    return true;
  }

  /** Forgets the session (after logout or a 401). */
  clear(): void {
    this.user = null;
    this.entities = [];
    this.plugins = [];
    this.changed();
  }

  async refreshEntities(): Promise<void> {
    this.entities = (await api.get<One<EntityView[]>>('/api/meta/entities')).data;
    this.changed();
  }

  async refreshPlugins(): Promise<void> {
    this.plugins = (await api.get<One<Plugin[]>>('/api/plugins')).data;
    this.changed();
  }

  /** The entity named `name`, if the user may see it. */
  entity(name: string): EntityView | undefined {
    return this.entities.find((entity) => entity.name === name);
  }

  /** Enabled plugins, whose entities and UI contributions are shown. */
  get enabledPlugins(): Plugin[] {
    return this.plugins.filter((plugin) => plugin.state === 'enabled');
  }

  /** Entities to offer in navigation and pickers: a disabled plugin's entities keep their data but leave the screens. */
  get visibleEntities(): EntityView[] {
    const enabled = new Set(this.enabledPlugins.map((plugin) => plugin.name));
    return this.entities.filter((entity) => entity.plugin === null || enabled.has(entity.plugin));
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** The application's one store. */
export const store = new AppStore();

/** Re-renders a Lit element whenever the {@link store} changes. */
export class StoreController implements ReactiveController {
  private readonly listener = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    store.addEventListener('change', this.listener);
  }

  hostDisconnected(): void {
    store.removeEventListener('change', this.listener);
  }
}
