import { describe, expect, it } from "vitest";
import { SAMPLES } from "../evidence/sample-reports.ts";
import type { TargetInfo } from "../evidence/types.ts";
import { exactHead, rerunCommand } from "./rerun.ts";
import { renderTerminal } from "./terminal.ts";

const base: TargetInfo = { spec: "openclaw@2026.6.5", kind: "registry", version: "2026.6.5", path: "/c/openclaw-2026.6.5", integrity: null, tarballSha256: null, gitCommit: null, gitDirty: null, nodeVersion: "v24.21.0" };
const COMMIT = "0123456789abcdef0123456789abcdef01234567";

describe("exact head and rerun commands", () => {
  it("a checkout is named by its full commit, and a dirty one says so", () => {
    expect(exactHead(base)).toBeNull();
    expect(exactHead({ ...base, kind: "source", gitCommit: COMMIT, gitDirty: false })).toBe(`openclaw@${COMMIT}`);
    expect(exactHead({ ...base, kind: "source", gitCommit: COMMIT, gitDirty: true })).toBe(`openclaw@${COMMIT} (uncommitted changes)`);
  });

  it("names the target as the CLI takes it again: a version, a path (quoted), or nothing for the pinned dependency", () => {
    expect(rerunCommand(base, "local-token-handoff")).toBe("corepack pnpm smoke --openclaw 2026.6.5 --scenario local-token-handoff");
    expect(rerunCommand({ ...base, kind: "installed", spec: "openclaw@2026.9.6 (harness dependency)" }, "fallback-local")).toBe("corepack pnpm smoke --scenario fallback-local");
    expect(rerunCommand({ ...base, kind: "source", path: "/work/open claw" }, "fallback-local")).toBe("corepack pnpm smoke --openclaw '/work/open claw' --scenario fallback-local");
  });

  it("the terminal shows the exact head on the target line and a rerun line under each failure only", () => {
    const r = SAMPLES["smoke-fail"]();
    const t = r.targets[0]!;
    t.target = { ...t.target, kind: "source", path: "/w/openclaw", gitCommit: COMMIT, gitDirty: true };
    t.scenarios[1]!.status = "passed";
    const out = renderTerminal(r, { color: false });
    expect(out).toContain(`openclaw@${COMMIT} (uncommitted changes)`);
    const reruns = out.split("\n").filter((l) => l.trim().startsWith("rerun: "));
    expect(reruns).toHaveLength(t.scenarios.filter((s) => s.status === "failed").length);
    expect(reruns[0]?.trim()).toBe(`rerun: corepack pnpm smoke --openclaw /w/openclaw --scenario ${t.scenarios[0]!.id}`);
    expect(renderTerminal(SAMPLES["smoke-pass"](), { color: false })).not.toContain("rerun:");
  });
});
