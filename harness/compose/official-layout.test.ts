import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseLayout, PROJECT_NETWORK_LAYOUT, readOfficialLayout } from "./official-layout.ts";

/** The pinned build: the harness's own openclaw dependency. */
const PINNED = join(fileURLToPath(new URL("../..", import.meta.url)), "node_modules", "openclaw");

describe("OpenClaw's Compose layout, read from the build's docs", () => {
  it("the pinned build states it in compose-operations.md: the CLI in the gateway's namespace, NET_RAW/NET_ADMIN dropped, no-new-privileges", async () => {
    const layout = await readOfficialLayout(PINNED);
    expect(layout).toMatchObject({ document: "docs/install/docker/compose-operations.md", sharesNetns: true, capDrop: ["NET_RAW", "NET_ADMIN"], noNewPrivileges: true });
    expect(layout.quote).toContain('`openclaw-cli` uses `network_mode: "service:openclaw-gateway"` so CLI commands can reach the gateway over `127.0.0.1`.');
  });

  it("reads the paragraph wrapped over lines (2026.6.x's docker.md), and nothing from a document that does not state it", () => {
    const text = ['  <Accordion title="Shared-network security note">', '    `openclaw-cli` uses `network_mode: "service:openclaw-gateway"` so CLI', "    commands can reach the gateway over `127.0.0.1`. The compose config drops `NET_RAW`/`NET_ADMIN`.", "", "other"].join("\n");
    expect(parseLayout("docs/install/docker.md", text)).toMatchObject({ sharesNetns: true, capDrop: ["NET_RAW", "NET_ADMIN"], noNewPrivileges: false, quote: expect.stringMatching(/^`openclaw-cli` uses .* so CLI commands can reach/) });
    expect(parseLayout("docs/install/docker.md", "openclaw-cli joins the default network")).toBeNull();
  });

  it("a build without such docs gets the layout from before openclaw/openclaw#5559", async () => {
    expect(await readOfficialLayout("/nonexistent-openclaw")).toEqual(PROJECT_NETWORK_LAYOUT);
  });
});
