import type { CloudEmulator } from "../../types";
import { initialState, NovaState } from "./model";
import { routes } from "./routes";

/** Huawei ECS's native OpenStack Nova API: os-security-groups, os-security-group-rules and the server actions. */
export const huaweicloudNovaEmulator: CloudEmulator<NovaState> = {
  name: "huaweicloudNova",
  initialState: (options) => initialState(options.settings),
  routes,
  unrouted: (method, path) => ({ status: 404, body: { itemNotFound: { code: 404, message: `emulator: no route for ${method} ${path}` } } }),
  describe: (url, options) => {
    const [key] = initialState(options.settings).keys;
    return { url, accessKey: key.accessKey, secretKey: key.secretKey, projectId: key.projectId };
  },
};
