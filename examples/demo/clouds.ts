import { deployNhn } from "../nhn";

/** Each cloud's example, by the name the emulator uses for it. */
export const DEMO_CLOUDS: Record<string, () => unknown> = {
  nhn: deployNhn,
};
