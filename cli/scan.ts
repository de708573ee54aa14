// Reads every configured cloud: a cloud without credentials is skipped with one line, an access error is
// reported (and makes the command exit 2), progress goes to stderr on long scans.
import { SecgroupsError } from "../provider/core/errors";
import type { AuditCloud } from "./clouds";
import { LiveGroup, readLiveGroups } from "./live";
import type { AuditSummary } from "./report";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface Scan {
  groups: Map<string, LiveGroup[]>;
  summary: AuditSummary;
  /** Clouds that could not be read (credentials refused, unreachable, ...). */
  failed: string[];
}

const PROGRESS_FROM = 100;

export async function scanClouds(clouds: AuditCloud[], io: Io): Promise<Scan> {
  const scan: Scan = { groups: new Map(), summary: { clouds: [], skipped: [] }, failed: [] };
  for (const cloud of clouds) {
    const started = Date.now();
    let shown = 0;
    const progress = (done: number, total: number) => {
      if (total < PROGRESS_FROM || (done - shown < total / 10 && done !== total)) return;
      shown = done;
      io.stderr(`secgroups: ${cloud.name}: read ${done}/${total} groups (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    };
    try {
      const groups = await readLiveGroups(cloud, progress);
      scan.groups.set(cloud.name, groups);
      scan.summary.clouds.push({ cloud: cloud.name, scope: cloud.scope(), groups: groups.length });
    } catch (e) {
      if (e instanceof SecgroupsError && e.code === "Configuration") {
        scan.summary.skipped.push({ cloud: cloud.name, reason: e.message });
        io.stderr(`secgroups: skipping ${cloud.name}: not configured (${e.message})\n`);
        continue;
      }
      scan.failed.push(cloud.name);
      io.stderr(`secgroups: error: could not read ${cloud.name}: ${(e as Error).message}\n${hint(e)}`);
    }
  }
  return scan;
}

function hint(e: unknown): string {
  const code = e instanceof SecgroupsError ? e.code : undefined;
  if (code === "Unauthorized")
    return "  fix: check the credentials (the same environment variables or secgroups:* settings the provider reads)\n";
  if (code === "Forbidden")
    return "  fix: grant this account read access to security groups (list and get), or audit another cloud with --clouds\n";
  if (!code) return "  fix: check the endpoint settings and that the API is reachable\n";
  return "";
}
