import { errors } from "./errors";

/**
 * VPC v3 list semantics: filters (a repeated key means any of its values), `limit` 0-2000 and `marker`
 * (the id to start after), answered with `page_info {previous_marker, current_count, next_marker?}`.
 */
export function listPage<T extends { id: string }>(
  items: T[],
  query: URLSearchParams,
  collection: string,
  multi: readonly string[],
  single: readonly string[],
  project: (item: T) => Record<string, unknown>,
  maxPage = 2000,
): Record<string, unknown> {
  for (const key of single) if (query.getAll(key).length > 1) throw errors.invalid(`Query parameter ${key} accepts a single value.`);
  let rows = items.filter((item) => {
    const wire = project(item);
    return [...multi, ...single].every((key) => {
      const wanted = query.getAll(key);
      return wanted.length === 0 || wanted.some((w) => matches(key, wire[key], w));
    });
  });
  const limitText = query.get("limit");
  if (limitText !== null && (!/^\d+$/.test(limitText) || Number(limitText) > 2000))
    throw errors.invalid(`Invalid limit ${limitText}, it must be an integer from 0 to 2000.`);
  const limit = Math.min(limitText === null || Number(limitText) === 0 ? 2000 : Number(limitText), maxPage);
  const marker = query.get("marker");
  if (marker) {
    const at = rows.findIndex((r) => r.id === marker);
    if (at < 0) throw errors.invalid(`Invalid marker ${marker}.`);
    rows = rows.slice(at + 1);
  }
  const page = rows.slice(0, limit);
  const pageInfo: Record<string, unknown> = { current_count: page.length };
  if (page.length) pageInfo.previous_marker = page[0].id;
  if (rows.length > limit) pageInfo.next_marker = page[page.length - 1].id;
  return { [collection]: page.map(project), page_info: pageInfo };
}

function matches(key: string, value: unknown, wanted: string): boolean {
  if (key === "ethertype") return String(value).toLowerCase() === wanted.toLowerCase();
  if (key === "enterprise_project_id" && wanted === "all_granted_eps") return true;
  return String(value ?? "") === wanted;
}
