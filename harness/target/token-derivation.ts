import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { APPROVAL_RUNTIME_TOKEN_CONTEXT } from "../wire/token.ts";

/**
 * Whether a build derives the approval-runtime token from the socket token (#87105, first shipped in 2026.6.6), read
 * from its dist: the fix's module (2026.6.6: operator-approval-runtime-token-*.js; 2026.9.x: *.mjs) holds the
 * derivation's context label. A build without it makes 32 random bytes in every process instead.
 */
export interface TokenDerivation {
  derives: boolean;
  /** What in the build decided it, for the report. */
  evidence: string;
}

const CANDIDATE = /approval-runtime-token[\w.-]*\.m?js$/;

/** Decide from the text of the build's candidate dist files. Pure. */
export function classifyTokenDerivation(files: ReadonlyArray<{ name: string; text: string }>): TokenDerivation {
  const hit = files.find((f) => CANDIDATE.test(f.name) && f.text.includes(APPROVAL_RUNTIME_TOKEN_CONTEXT));
  return hit ? { derives: true, evidence: `dist/${hit.name} derives it ("${APPROVAL_RUNTIME_TOKEN_CONTEXT}")` } : { derives: false, evidence: "no dist/*approval-runtime-token* module holds the derivation's label" };
}

/** Read what classifyTokenDerivation needs from an installed build. */
export async function detectTokenDerivation(openclawDir: string): Promise<TokenDerivation> {
  const dist = join(openclawDir, "dist");
  const names = (await readdir(dist).catch(() => [] as string[])).filter((n) => CANDIDATE.test(n));
  return classifyTokenDerivation(await Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dist, name), "utf8").catch(() => "") }))));
}
