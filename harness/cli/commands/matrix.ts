#!/usr/bin/env node --max-semi-space-size=2
// `corepack pnpm matrix …`: see package.json beside this file for why this is a bin and not a script.
process.argv.splice(2, 0, "matrix");
await import("../main.ts");
