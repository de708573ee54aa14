import type { CloudEmulator } from "../types";
import { initialState, HwState } from "./model";
import { APIG_MAX_BODY_BYTES, gatewayRefusal } from "./auth";
import { routes } from "./routes";

/** Huawei Cloud VPC API v3 security groups behind an AK/SK-verifying gateway, plus IAM tokens; its store is shared with Nova's listener. */
export const huaweicloudEmulator: CloudEmulator<HwState> = {
  name: "huaweicloud",
  store: "huaweicloud",
  initialState: (options) => initialState(options.settings),
  routes,
  maxBodyBytes: APIG_MAX_BODY_BYTES,
  refusal: gatewayRefusal,
  unrouted: (method, path) => ({ status: 404, body: { error_msg: `emulator: no route for ${method} ${path}`, error_code: "APIGW.0101" } }),
  demoConfig: (url, options) => {
    const [key] = initialState(options.settings).keys;
    return {
      "secgroups:huaweicloudAccessKey": key.accessKey,
      "secgroups:huaweicloudSecretKey": key.secretKey,
      "secgroups:huaweicloudProjectId": key.projectId,
      "secgroups:huaweicloudVpcEndpoint": url,
    };
  },
  describe: (url, options) => {
    const [key] = initialState(options.settings).keys;
    return { url, accessKey: key.accessKey, secretKey: key.secretKey, projectId: key.projectId };
  },
};
