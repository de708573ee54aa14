import type { Route } from "./types";

export interface Match<S> {
  route: Route<S>;
  params: Record<string, string>;
}

/** Finds the route for a method and path; `:name` segments capture one path segment. */
export function matchRoute<S>(routes: readonly Route<S>[], method: string, path: string): Match<S> | undefined {
  const segments = path.split("/").filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split("/").filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, i) => {
      if (p.startsWith(":")) {
        params[p.slice(1)] = decodeURIComponent(segments[i]);
        return true;
      }
      return p === segments[i];
    });
    if (ok) return { route, params };
  }
  return undefined;
}
