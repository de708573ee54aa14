import type { Route } from "./types";

export interface Match<S> {
  route: Route<S>;
  params: Record<string, string>;
}

/** A path segment whose percent-encoding does not decode (e.g. `%E0%A4%A`): the listener answers 400. */
export class MalformedPathError extends Error {}

/** Finds the route for a method and path; `:name` segments capture one path segment, percent-decoded. */
export function matchRoute<S>(routes: readonly Route<S>[], method: string, path: string): Match<S> | undefined {
  const segments = path.split("/").filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split("/").filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = Object.create(null);
    const ok = pattern.every((p, i) => {
      if (p.startsWith(":")) {
        params[p.slice(1)] = decodeSegment(segments[i]);
        return true;
      }
      return p === segments[i];
    });
    if (ok) return { route, params };
  }
  return undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new MalformedPathError(`malformed percent-encoding in path segment "${segment.slice(0, 100)}"`);
  }
}
