/** Helpers on the property bags the engine passes; no wire knowledge. */

/**
 * `pulumi import` ids: `<id>`, `<zone>/<id>`, and for rules `<zone>/<groupId>/<ruleId>` or `<groupId>/<ruleId>`.
 * Returns the plain id and the parts found.
 */
export function splitImportId(raw: string, defaultZone: string): { id: string; zone: string; groupId?: string } {
  const parts = raw.split("/");
  const zoneLike = (s: string) => /^[a-z]{2}-[a-z]{3}-\d$/.test(s);
  if (parts.length === 3) return { zone: parts[0], groupId: parts[1], id: parts[2] };
  if (parts.length === 2 && zoneLike(parts[0])) return { zone: parts[0], id: parts[1] };
  if (parts.length === 2) return { zone: defaultZone, groupId: parts[0], id: parts[1] };
  return { zone: defaultZone, id: raw };
}
