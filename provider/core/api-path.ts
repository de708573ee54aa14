import { SecgroupsError } from "./errors";

/**
 * One value (id, project, zone) as one path segment of an API URL, percent-encoded: `a?b=c` stays inside its
 * segment and `a/b` cannot add one. Empty, `.` and `..` are refused, since URLs resolve them as the parent path.
 */
export function segment(value: string): string {
  if (value === "" || value === "." || value === "..") {
    throw new SecgroupsError(
      "Validation",
      { operation: "build the API path" },
      `"${value}" cannot be a path segment (an id, project or zone)`,
    );
  }
  return encodeURIComponent(value);
}
