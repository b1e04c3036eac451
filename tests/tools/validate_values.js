// Runs a table of typed values through the site's validator (the theme's
// guidesmith.js with the generated rules) and prints the results as JSON.
// Usage: node validate_values.js GUIDESMITH_JS RULES_JS TABLE_JSON
"use strict";
const fs = require("fs");
const [jsPath, rulesPath, tablePath] = process.argv.slice(2);
const gs = require(require("path").resolve(jsPath));
const sandbox = {};
new Function("window", fs.readFileSync(rulesPath, "utf8"))(sandbox);
const rules = sandbox.GUIDESMITH_RULES;
const table = JSON.parse(fs.readFileSync(tablePath, "utf8"));
const out = table.map((row) => {
  const r = gs.validate(rules, row.kind, row.options || [], row.value);
  const result = r.ok ? { ok: r.value } : { err: r.error };
  if (row.kind === "my-domain" && r.ok) {
    result.facets = gs.myDomainFacets(gs.normaliseMyDomain(rules, row.value).value);
  }
  return result;
});
process.stdout.write(JSON.stringify(out));
