export * from "../../emulator/engine/provider-host";
