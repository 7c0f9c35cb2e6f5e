/**
 * OpenClaw's own Compose layout, read from the build under test: its shipped docs (docs/install/docker.md, and from
 * 2026.9 on docs/install/docker/compose-operations.md) carry a "Shared-network security note" that says how
 * `openclaw-cli` reaches `openclaw-gateway` and how both are hardened. The package ships no docker-compose.yml, so
 * that note is the build's own statement of its layout (openclaw/openclaw#5559 moved the CLI into the gateway's
 * network namespace). A build whose docs say nothing of it gets the layout from before that change: the CLI on the
 * project network.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ComposeLayoutEvidence } from "../evidence/types.ts";

/** Where a build documents its Compose layout, newest first (paths under the package). */
export const LAYOUT_DOCUMENTS = ["docs/install/docker/compose-operations.md", "docs/install/docker.md"] as const;

const SHARED_NETNS = /network_mode:\s*"?service:openclaw-gateway"?/;
const CAPABILITIES = ["NET_RAW", "NET_ADMIN"] as const;

/** The layout before openclaw/openclaw#5559, for a build whose docs do not state one. */
export const PROJECT_NETWORK_LAYOUT: ComposeLayoutEvidence = { document: null, quote: null, sharesNetns: false, capDrop: [], noNewPrivileges: false };

/**
 * The layout one document states, from the paragraph that names the CLI's network mode: the whole paragraph, its
 * markup and line breaks folded, as the quote. Null when the document does not state it. Pure.
 */
export function parseLayout(document: string, text: string): ComposeLayoutEvidence | null {
  const paragraphs = text.split(/\n\s*\n/);
  const p = paragraphs.find((x) => SHARED_NETNS.test(x));
  if (!p) return null;
  const quote = p
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("<"))
    .join(" ");
  return {
    document,
    quote,
    sharesNetns: true,
    capDrop: CAPABILITIES.filter((c) => p.includes(c)),
    noNewPrivileges: /no-new-privileges/.test(p),
  };
}

/** The first document of the build that states its layout, or the layout before #5559 when none does. */
export async function readOfficialLayout(openclawDir: string): Promise<ComposeLayoutEvidence> {
  for (const doc of LAYOUT_DOCUMENTS) {
    const text = await readFile(join(openclawDir, doc), "utf8").catch(() => null);
    const layout = text === null ? null : parseLayout(doc, text);
    if (layout) return layout;
  }
  return PROJECT_NETWORK_LAYOUT;
}
