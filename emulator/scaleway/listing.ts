import { errors } from "./errors";

/**
 * The Instance API's legacy pagination: `page` (from 1) and `per_page` (1-100, default 50); the body
 * holds only the page, the total travels in `X-Total-Count` and the pages in a relative `Link` header.
 */
export function paginate<T>(
  items: T[],
  query: URLSearchParams,
  collectionPath: string,
  maxPage = 100,
): { page: T[]; headers: Record<string, string> } {
  const fields: Record<string, string[]> = {};
  const page = intParam(query.get("page"), 1);
  const asked = intParam(query.get("per_page"), 50);
  if (page === undefined || page < 1) fields.page = ["Must be greater than or equal to 1."];
  if (asked === undefined || asked < 1 || asked > 100) fields.per_page = ["Must be between 1 and 100."];
  if (Object.keys(fields).length) throw errors.validation(fields);
  const perPage = Math.min(asked!, maxPage);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage!));
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams(query);
    q.set("page", String(p));
    q.set("per_page", String(perPage));
    return `<${collectionPath}?${q.toString()}>; rel="${rel}"`;
  };
  const links = [
    ...(page! > 1 ? [link(1, "first"), link(Math.min(page! - 1, lastPage), "previous")] : []),
    ...(page! < lastPage ? [link(page! + 1, "next")] : []),
    link(lastPage, "last"),
  ];
  return {
    page: items.slice((page! - 1) * perPage!, page! * perPage!),
    headers: { "x-total-count": String(items.length), link: links.join(", ") },
  };
}

function intParam(text: string | null, fallback: number): number | undefined {
  if (text === null || text === "") return fallback;
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
