import type { CloudEmulator } from "../../types";
import { DEMO_SERVER_ID, initialState, HwState } from "../model";
import { APIG_MAX_BODY_BYTES, gatewayRefusal } from "../auth";
import { routes } from "./routes";

/**
 * Huawei ECS's native OpenStack Nova API: os-security-groups, os-security-group-rules and the server actions, over
 * the same store as the VPC v3 listener of this emulator (a Nova group is a VPC group).
 */
export const huaweicloudNovaEmulator: CloudEmulator<HwState> = {
  name: "huaweicloudNova",
  store: "huaweicloud",
  initialState: (options) => initialState(options.settings),
  routes,
  maxBodyBytes: APIG_MAX_BODY_BYTES,
  refusal: gatewayRefusal,
  unrouted: (method, path) => ({ status: 404, body: { itemNotFound: { code: 404, message: `emulator: no route for ${method} ${path}` } } }),
  demoConfig: (url, options) => {
    const [key] = initialState(options.settings).keys;
    return {
      "secgroups:huaweicloudAccessKey": key.accessKey,
      "secgroups:huaweicloudSecretKey": key.secretKey,
      "secgroups:huaweicloudProjectId": key.projectId,
      "secgroups:huaweicloudEcsEndpoint": url,
      "secgroups:demoHuaweicloudServerId": DEMO_SERVER_ID,
    };
  },
  describe: (url, options) => {
    const [key] = initialState(options.settings).keys;
    return { url, accessKey: key.accessKey, secretKey: key.secretKey, projectId: key.projectId };
  },
};
