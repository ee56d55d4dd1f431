/** A minimal client-side router on the History API: every view has its own URL. */
import {
  lazy,
  useEffect,
  useState,
  type AnchorHTMLAttributes,
  type ComponentType,
  type LazyExoticComponent,
  type MouseEvent,
  type ReactNode,
} from 'react';

const listeners = new Set<() => void>();

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((l) => l());
}

/**
 * Changes some query parameters of the current address (null or '' removes one) and keeps the others.
 * Each explicit choice is a new history entry unless `replace` is set.
 */
export function setQuery(
  changes: Record<string, string | null | undefined>,
  opts: { replace?: boolean } = {},
) {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') params.delete(k);
    else params.set(k, v);
  }
  const qs = params.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':');
  const to = `${location.pathname}${qs ? `?${qs}` : ''}${location.hash}`;
  if (to !== `${location.pathname}${location.search}${location.hash}`) navigate(to, opts);
}

export function useLocation(): { path: string; search: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((t) => t + 1);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return { path: location.pathname, search: new URLSearchParams(location.search) };
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    e.preventDefault();
    navigate(href);
    if (!href.includes('#')) window.scrollTo(0, 0);
  };
  return <a href={href} onClick={handle} {...rest} />;
}

export type Route = {
  pattern: RegExp;
  render: (match: RegExpExecArray, search: URLSearchParams) => ReactNode;
};

/** One route: a path pattern and what it renders (`match` holds the pattern's groups). */
export function route(pattern: RegExp, render: Route['render']): Route {
  return { pattern, render };
}

/** The first route whose pattern matches the path, rendered; null if none does. */
export function renderRoute(routes: Route[], path: string, search: URLSearchParams): ReactNode | null {
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (m) return r.render(m, search);
  }
  return null;
}

/** A view loaded on first visit, in its own JS chunk: `lazyView(() => import('./x').then((m) => m.X))`. */
export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(() => load().then((c) => ({ default: c })));
}
