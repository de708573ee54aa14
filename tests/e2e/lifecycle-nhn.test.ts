import { lifecycleSuite } from "./lifecycle";

lifecycleSuite("nhn");
