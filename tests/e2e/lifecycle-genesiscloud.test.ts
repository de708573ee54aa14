import { lifecycleSuite } from "./lifecycle";

lifecycleSuite("genesiscloud");
