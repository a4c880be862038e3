import type { Api } from '../api';
import type { Me, Site } from '../session';

/** What every page gets from the shell. */
export interface PageContext {
  api: Api;
  me: Me;
  /** The registry's sites (GET /v1/sites), for pickers and names. */
  sites: Site[];
  /** Path segments after the page's own path: `#/faqs/12/versions` on page `/faqs` → ['12', 'versions']. */
  params: string[];
  /** The pages this principal may open, in navigation order. */
  pages: readonly ConsolePage[];
  /** The hash's query: `#/faqs?status=draft`. */
  query: URLSearchParams;
  /** Goes to another console path (e.g. '/faqs/12'); the shell renders it. */
  navigate(path: string, query?: Record<string, string>): void;
  /** Aborted when the user leaves the page: pass it to long work, stop timers on it. */
  signal: AbortSignal;
}

/** What a page may return from render: a cleanup run when it is left (timers, charts). */
export type Cleanup = () => void;

/** One page of the console: a file in console/src/pages/, listed in pages/index.ts. */
export interface ConsolePage {
  /** Stable id, e.g. 'faqs'. */
  id: string;
  /** Its name in the navigation and the document title (Chinese). */
  title: string;
  /** The hash path it owns, e.g. '/faqs' (it also receives '/faqs/…'). */
  path: string;
  /** Navigation section: '知识库', '搜索运营', '资源库', '系统'. */
  group: string;
  /** Whether the signed-in principal may see it (roles and sites from /v1/auth/me). */
  allowed(me: Me): boolean;
  /** Draws the page into root (the shell has emptied it, and puts focus on the page's h1 afterwards). */
  render(root: HTMLElement, ctx: PageContext): void | Cleanup | Promise<void | Cleanup>;
}
