import { lifecycleSuite } from "./lifecycle";

lifecycleSuite("huaweicloud/nova");
