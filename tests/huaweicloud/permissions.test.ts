import * as fs from "node:fs";
import * as path from "node:path";
import { EMULATED_NOVA_ACTIONS } from "../../emulator/huaweicloud/permissions";
import { NOVA_PERMISSIONS } from "../../provider/huaweicloud/permissions";

// Seed 003 (Huawei's ECS "Security Group Management" permission table) is the authority for Nova's IAM
// actions: the emulator's table (which decides what to deny) and the provider's (which tells users what to
// grant) are each checked against it, row by row, so a wrong action name in either fails here.

interface SeedRow {
  method: string;
  path: string;
  operation: string;
  actions: string[];
}

function seedRows(): SeedRow[] {
  const html = fs.readFileSync(
    path.join(__dirname, "fixtures/seed-003-huawei-ecs-native-openstack-security-group-permissions.html"),
    "utf8",
  );
  const text = (cell: string) =>
    [...cell.matchAll(/<(?:p|li)\b[^>]*>(?:<a[^>]*><\/a>)*([^<]*)<\/(?:p|li)>/g)].map((m) => m[1].trim()).filter(Boolean);
  const body = html.slice(html.indexOf("<tbody>"));
  return [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map(([, row]) => {
    const [apis, permission, actions] = [...row.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((m) => text(m[1]));
    const [method, first] = apis[0].split(" ");
    return { method, path: first.replace(/^\/v2(\.1)?\//, "/{v}/"), operation: permission[0], actions };
  });
}

const rows = seedRows();
const sorted = (a: readonly string[]) => [...a].sort();

describe("Nova IAM permissions against seed 003", () => {
  it("reads the seed's ten rows", () => {
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({
      method: "POST",
      path: "/{v}/{project_id}/os-security-groups",
      operation: "Creating a Security Group (Native OpenStack API)",
      actions: ["ecs:securityGroups:use", "vpc:securityGroups:get", "vpc:securityGroups:create", "vpc:securityGroups:update"],
    });
  });

  it.each(Object.entries(NOVA_PERMISSIONS))("the provider's %s row is the seed's", (_op, p) => {
    const row = rows.find((r) => r.operation === p.operation);
    expect(row).toBeDefined();
    expect([p.method, p.path, sorted(p.actions)]).toEqual([row!.method, row!.path, sorted(row!.actions)]);
  });

  it.each(Object.entries(EMULATED_NOVA_ACTIONS))("the emulator's %s row is the seed's", (op, e) => {
    const row = rows.find((r) => r.operation === NOVA_PERMISSIONS[op as keyof typeof NOVA_PERMISSIONS].operation);
    expect([e.method, e.path, sorted(e.actions)]).toEqual([row!.method, row!.path, sorted(row!.actions)]);
  });

  it("every seed row is emulated", () => {
    const emulated = Object.keys(EMULATED_NOVA_ACTIONS).map((op) => NOVA_PERMISSIONS[op as keyof typeof NOVA_PERMISSIONS].operation);
    expect(sorted(emulated)).toEqual(sorted(rows.map((r) => r.operation)));
  });
});
