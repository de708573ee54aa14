export * from "../../emulator/engine/mini-engine";
