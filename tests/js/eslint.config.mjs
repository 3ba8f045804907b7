// ESLint for the site's scripts and their tests: `make lint` and `make test` run it
// (npx eslint --config tests/js/eslint.config.mjs).
import js from "@eslint/js";
import globals from "globals";

// Values from the data, the address or storage are shown as text: no API that parses HTML.
const noHtmlSinks = {
  "no-restricted-properties": [
    "error",
    { property: "innerHTML", message: "Set textContent or build nodes: values are shown as text." },
    { property: "outerHTML", message: "Set textContent or build nodes: values are shown as text." },
    { property: "insertAdjacentHTML", message: "Build nodes: values are shown as text." },
    { object: "document", property: "write", message: "Build nodes: values are shown as text." },
  ],
};

export default [
  js.configs.recommended,
  {
    files: ["docs/assets/javascripts/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser, module: "readonly" },
    },
    rules: { ...noHtmlSinks, "no-unused-vars": ["error", { args: "after-used" }] },
  },
  {
    files: ["docs/assets/javascripts/search-worker.js"],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    files: ["tests/js/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
