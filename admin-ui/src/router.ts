import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A screen of the app: a URL pattern (`:name` segments, a trailing `*` for the rest) and the module defining its element. */
export interface Route {
  pattern: string;
  /** The custom element shown; it receives `params` (from the pattern) and `query` properties. */
  tag: string;
  load: () => Promise<unknown>;
  /** Shown without signing in (login, password reset). */
  public?: boolean;
  /** Only administrators may open it. */
  admin?: boolean;
}

/** A route matched against the current location. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
  query: URLSearchParams;
}

function compile(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((part) =>
      part === '*' ? '(?<rest>.*)' : part.startsWith(':') ? `(?<${part.slice(1)}>[^/]+)` : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/** The first route matching `path`, with its decoded parameters. */
export function match(routes: readonly Route[], path: string, search = ''): RouteMatch | undefined {
  for (const route of routes) {
    const found = compile(route.pattern).exec(path);
    if (!found) continue;
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(found.groups ?? {})) params[key] = decodeURIComponent(value ?? '');
    return { route, params, query: new URLSearchParams(search) };
  }
  return undefined;
}

const NAVIGATED = 'trellis-navigated';

/** Goes to `path` (with its query) inside the app, without reloading the page. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === `${location.pathname}${location.search}`) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** Changes the query string of the current page in place (filters, sort): no new history entry. */
export function replaceQuery(query: URLSearchParams): void {
  const search = query.toString();
  navigate(`${location.pathname}${search ? `?${search}` : ''}`, { replace: true });
}

/**
 * Follows clicks on same-origin links (`<a href="/…">`, in any shadow root) inside the app;
 * modified clicks, downloads, `target` links and server paths (/api) keep the browser's behaviour.
 */
function interceptLinks(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
  if (!anchor?.href || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(`${url.pathname}${url.search}`);
}

/** Makes a Lit element re-render on every in-app navigation and on the browser's back/forward. */
export class LocationController implements ReactiveController {
  private readonly listener = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.listener);
    window.addEventListener(NAVIGATED, this.listener);
    document.addEventListener('click', interceptLinks);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.listener);
    window.removeEventListener(NAVIGATED, this.listener);
    document.removeEventListener('click', interceptLinks);
  }
}
