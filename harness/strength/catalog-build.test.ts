/**
 * The mutant catalog against the pinned build's real dist (read only, nothing runs): every variant applies exactly
 * once, where its claim lives. The same check on other releases is what `--strength` reports as not-applicable.
 */
import { realpath } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadMutants } from "../plan/mutant-catalog.ts";
import { readDistChunks } from "./build.ts";
import { inScope, locate } from "./locate.ts";

describe("the mutant catalog on the pinned openclaw", () => {
  it("locates every variant exactly once in the dist chunks, in the module its claim names", async () => {
    const pkg = await realpath(fileURLToPath(new URL("../../node_modules/openclaw", import.meta.url)));
    const mutants = await loadMutants();
    const files = await readDistChunks(pkg, (p) => mutants.some((m) => m.locators.some((l) => inScope(p, l))));
    const where = Object.fromEntries(mutants.map((m) => {
      const l = locate(files, m);
      return [m.id, l.status === "applies" ? l.file.replace(/-[\w-]{8}\.m?js$/, "") : `not applicable: ${JSON.stringify(l.counts)}`];
    }));
    expect(where).toEqual({
      "agent-token-any-target": "gateway",
      "agent-token-dropped-local": "gateway",
      "any-runtime-token-accepted": "operator-approval-runtime-token",
      "derive-other-key": "operator-approval-runtime-token",
      "derive-other-label": "operator-approval-runtime-token",
      "device-beside-token": "operator-approvals-client",
      "fallback-local-as-remote": "operator-approvals-client",
      "locality-ignored": "message-handler",
      "no-device-on-remote": "operator-approvals-client",
      "token-never-sent": "operator-approvals-client",
      "token-on-every-url": "operator-approvals-client",
    });
  });
});
