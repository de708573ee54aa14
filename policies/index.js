// The pack's entry point (package.json "main"): the compiled pack when it is current, else the TypeScript sources.
require(require("./entry").chooseEntry(__dirname));
