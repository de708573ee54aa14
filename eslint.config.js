// `npm run lint` (run by `npm test`): typescript-eslint's recommended rules everywhere, and no `any` in provider/.
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

module.exports = tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "policies/node_modules/**", "**/*.js", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // The provider shim and the registry load code at run time on purpose (see provider/core/provider-shim.ts).
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["provider/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "error" },
  },
);
