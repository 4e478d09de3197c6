/**
 * Drill-down links: every card, bar, point and unit name leads to the next level (category
 * trends, a unit's overview, a month's figures). A link is a real <a href> (open in a new tab,
 * copy, bookmark); a plain click navigates inside the page through the shell (NavigateEvent), with
 * exactly the link's query (no parameter of the page left behind).
 */
import { NavigateEvent } from '../app-shell/events.ts';

export type DrillParams = Record<string, string | number | null | undefined>;

/** @example drillHref('/trends', { unit: 'STTTT', year: 2020, category: 'phone' }) // '/trends?unit=STTTT&year=2020&category=phone' */
export function drillHref(path: string, params: DrillParams): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Navigate to `href` inside the page, from an element of the current view. */
export function drillTo(from: Element, href: string): void {
  const u = new URL(href, location.href);
  const params: Record<string, string | null> = {};
  for (const k of new URLSearchParams(location.search).keys()) params[k] = null;
  for (const [k, v] of u.searchParams) params[k] = v;
  from.dispatchEvent(new NavigateEvent({ path: u.pathname, params }));
}

/** Click handler of a drill link: a plain left click stays in the page; others behave as links do. */
export function onDrillClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.currentTarget as HTMLAnchorElement;
  e.preventDefault();
  drillTo(a, a.getAttribute('href')!);
}
