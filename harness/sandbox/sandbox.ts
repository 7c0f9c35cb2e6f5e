import { randomBytes } from "node:crypto";
import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ownedTempDir, RUN_TEMP_PREFIX } from "../hygiene/owner.ts";
import type { SandboxProfile } from "../plan/scenario-types.ts";
import { deriveApprovalRuntimeToken } from "../wire/token.ts";
import { execApprovalsDocument, gatewayConfig, unsharedHomeConfig } from "./files.ts";
import { sandboxLayout, type SandboxLayout } from "./layout.ts";

export interface SandboxSecrets {
  gatewayToken: string;
}

export interface Sandbox {
  layout: SandboxLayout;
  profile: SandboxProfile;
  secrets: SandboxSecrets;
  /** The socket token the harness generated, even when the profile does not write it (for the derivation check). */
  generatedSocketToken: string;
  /** The approval-runtime token derived from it: what a client sharing this home should present. */
  derivedToken: string;
  /** Its `tmp/node-compile-cache` links to the persistent compile cache (see layout.ts compileCacheEnv). */
  compileCached: boolean;
  writeGatewayConfig(port: number): Promise<void>;
  remove(): Promise<void>;
}

/**
 * Create a fresh OPENCLAW_HOME in the OS temp dir (honours TMPDIR), with exec-approvals.json at mode 0600.
 * With `compileCache` (a persistent directory), the sandbox's temp dir links to it, so that OpenClaw's compiled code
 * outlives the sandbox as it outlives a process on a user's machine; the link is the only path out of the sandbox.
 */
export async function createSandbox(profile: SandboxProfile, compileCache: string | null = null): Promise<Sandbox> {
  const layout = sandboxLayout(await ownedTempDir(tmpdir(), RUN_TEMP_PREFIX));
  const generatedSocketToken = randomBytes(32).toString("base64url");
  const gatewayToken = randomBytes(24).toString("base64url");
  await Promise.all(
    [layout.stateDir, layout.tmpDir, join(layout.unsharedHome, ".openclaw"), layout.logFile.replace(/\/[^/]+$/, "")].map((d) => mkdir(d, { recursive: true, mode: 0o700 })),
  );
  await writeFile(join(layout.unsharedHome, ".openclaw", "openclaw.json"), `${JSON.stringify(unsharedHomeConfig(layout), null, 2)}\n`, { mode: 0o600 });
  const compileCached = compileCache !== null && (await linkCompileCache(compileCache, layout.compileCacheLink));
  const approvals = execApprovalsDocument(layout, profile, generatedSocketToken);
  if (approvals) await writeFile(layout.execApprovalsPath, `${JSON.stringify(approvals, null, 2)}\n`, { mode: 0o600 });
  return {
    layout,
    profile,
    generatedSocketToken,
    derivedToken: deriveApprovalRuntimeToken(generatedSocketToken),
    compileCached,
    secrets: { gatewayToken },
    async writeGatewayConfig(port) {
      await writeFile(layout.configPath, `${JSON.stringify(gatewayConfig(layout, port, gatewayToken, profile), null, 2)}\n`, { mode: 0o600 });
    },
    async remove() {
      await rm(layout.root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Link the sandbox to the persistent compile cache; false (run without a cache) if that is not possible. */
async function linkCompileCache(target: string, link: string): Promise<boolean> {
  try {
    await mkdir(target, { recursive: true, mode: 0o700 });
    await symlink(target, link, "dir");
    return true;
  } catch {
    return false;
  }
}
