// The pack as the Pulumi CLI serves it: `pulumi preview --policy-pack policies`.
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./policy-list";
import { loadPackConfig } from "./pack-config";

new PolicyPack(PACK_NAME, { policies, enforcementLevel: "advisory" }, loadPackConfig(policies));
