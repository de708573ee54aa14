import { errors } from "./errors";

/**
 * Neutron list semantics over plain objects: attribute filters (repeat a key for OR), `fields`,
 * `sort_key`/`sort_dir` pairs, and `limit`/`marker` pagination with `<collection>_links`. With a `pageSize` (Neutron's
 * `pagination_max_limit`), a list without `limit` pages at that size and a larger `limit` is lowered to it.
 */
export function listResponse<T extends Record<string, unknown>>(
  items: T[],
  query: URLSearchParams,
  collection: string,
  selfUrl: string,
  filterable: string[],
  sortable: string[],
  pageSize = 0,
): Record<string, unknown> {
  let rows = items.filter((item) =>
    filterable.every((attr) => {
      const wanted = query.getAll(attr);
      return wanted.length === 0 || wanted.some((w) => String(item[attr] ?? "") === w);
    }),
  );
  const keys = query.getAll("sort_key");
  const dirs = query.getAll("sort_dir");
  // Wording and checks of neutron@2131d26f neutron/api/api_common.py get_sorts (lists printed as Python does).
  const pyList = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(", ")}]`;
  if (keys.length !== dirs.length) throw errors.badRequest("The number of sort_keys and sort_dirs must be same");
  const absent = keys.filter((k) => !sortable.includes(k));
  if (absent.length) throw errors.badRequest(`${pyList(absent)} is invalid attribute for sort_keys`);
  const invalid = dirs.filter((d) => d !== "asc" && d !== "desc");
  if (invalid.length) throw errors.badRequest(`${pyList(invalid)} is invalid value for sort_dirs, valid value is 'asc' and 'desc'`);
  const order = keys.length ? keys.map((k, i) => [k, dirs[i]]) : [["id", "asc"]];
  rows = [...rows].sort((a, b) => {
    for (const [k, d] of order) {
      const c = String(a[k] ?? "").localeCompare(String(b[k] ?? ""));
      if (c) return d === "asc" ? c : -c;
    }
    return 0;
  });

  const links: { rel: string; href: string }[] = [];
  const limitText = query.get("limit");
  if (limitText !== null || pageSize > 0) {
    if (limitText !== null && !/^\d+$/.test(limitText))
      throw errors.badRequest(`Limit must be an integer 0 or greater and not '${limitText}'`);
    const asked = limitText === null ? 0 : Number(limitText);
    const limit = pageSize > 0 && (asked === 0 || asked > pageSize) ? pageSize : asked;
    const marker = query.get("marker");
    if (marker) {
      const at = rows.findIndex((r) => r.id === marker);
      rows = at >= 0 ? rows.slice(at + 1) : rows;
    }
    if (limit > 0) {
      const page = rows.slice(0, limit);
      if (page.length === limit) links.push({ rel: "next", href: pageHref(selfUrl, query, String(page[page.length - 1].id)) });
      if (marker) links.push({ rel: "previous", href: pageHref(selfUrl, query, String(page[0]?.id ?? marker), true) });
      rows = page;
    }
  }
  const fields = query.getAll("fields");
  const shaped = fields.length
    ? rows.map((r) => Object.fromEntries(fields.filter((f) => Object.hasOwn(r, f)).map((f) => [f, r[f]])))
    : rows;
  return { [collection]: shaped, ...(links.length ? { [`${collection}_links`]: links } : {}) };
}

function pageHref(selfUrl: string, query: URLSearchParams, marker: string, reverse = false): string {
  const q = new URLSearchParams(query);
  q.set("marker", marker);
  if (reverse) q.set("page_reverse", "True");
  else q.delete("page_reverse");
  return `${selfUrl}?${q.toString()}`;
}

/** `fields=` on a show request. */
export function selectFields<T extends Record<string, unknown>>(item: T, query: URLSearchParams): Record<string, unknown> {
  const fields = query.getAll("fields");
  return fields.length ? Object.fromEntries(fields.filter((f) => Object.hasOwn(item, f)).map((f) => [f, item[f]])) : item;
}
