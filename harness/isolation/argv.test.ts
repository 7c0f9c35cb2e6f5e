import { describe, expect, it } from "vitest";
import { ISOLATION_SCRIPT, isolationWrapper } from "./argv.ts";

const ctx = { sandboxRoot: "/tmp/openclaw-smoke-x", hostname: "smoke-runtime", uid: 64123, gid: 64123 };

describe("isolationWrapper (pure argv)", () => {
  it("asks for new mount, pid (with fork and /proc), uts and ipc namespaces, never a new net namespace", () => {
    const argv = isolationWrapper({ namespaces: ["mount", "pid", "uts", "ipc"], otherUser: false }, ctx);
    expect(argv.slice(0, 8)).toEqual(["unshare", "--mount", "--pid", "--fork", "--mount-proc", "--uts", "--ipc", "--kill-child=SIGKILL"]);
    expect(argv).not.toContain("--net");
    expect(argv.slice(-3)).toEqual(["sh", "/tmp/openclaw-smoke-x", "smoke-runtime"]);
  });

  it("passes the sandbox and hostname as positional arguments to a fixed script, and no setpriv for the same user", () => {
    const argv = isolationWrapper({ namespaces: ["mount"], otherUser: false }, ctx);
    const i = argv.indexOf("-c");
    expect(argv[i + 1]).toBe(ISOLATION_SCRIPT);
    expect(argv.slice(i + 2)).toEqual(["sh", "/tmp/openclaw-smoke-x", "smoke-runtime"]);
    expect(argv).not.toContain("setpriv");
  });

  it("drops to the other uid/gid with no supplementary groups and no inherited capabilities", () => {
    const argv = isolationWrapper({ namespaces: ["mount", "pid"], otherUser: true }, ctx);
    expect(argv.slice(-6)).toEqual(["setpriv", "--reuid=64123", "--regid=64123", "--clear-groups", "--inh-caps=-all", "--"]);
  });

  it("the script gives a private /tmp and binds the sandbox back at the same path", () => {
    expect(ISOLATION_SCRIPT).toContain("mount -t tmpfs smoke-tmp /tmp");
    expect(ISOLATION_SCRIPT).toContain('mount --bind /mnt/home "$1"');
    // Present first, so indexOf's -1 cannot make the ordering checks pass.
    expect(ISOLATION_SCRIPT).toContain('mount --bind "$1" /mnt/home');
    expect(ISOLATION_SCRIPT.indexOf("mount -t tmpfs smoke-tmp /tmp")).toBeGreaterThan(ISOLATION_SCRIPT.indexOf('mount --bind "$1" /mnt/home'));
    // The sandbox is bound back only after the private /tmp is mounted (it may live under /tmp).
    expect(ISOLATION_SCRIPT.indexOf('mount --bind /mnt/home "$1"')).toBeGreaterThan(ISOLATION_SCRIPT.indexOf("mount -t tmpfs smoke-tmp /tmp"));
  });
});
