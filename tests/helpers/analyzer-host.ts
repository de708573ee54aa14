export * from "../../emulator/engine/analyzer-host";
