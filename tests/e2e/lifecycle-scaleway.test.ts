import { lifecycleSuite } from "./lifecycle";

lifecycleSuite("scaleway");
