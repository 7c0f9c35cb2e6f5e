import { describe, expect, it } from "vitest";
import { verifyLockNaming } from "./lock-naming.ts";

const DIR = "/tmp/openclaw-state-locks-0";
const lock = (kind: string, h: string): string => `${DIR}/${kind}.${h}.lock.sqlite`;

describe("verifyLockNaming", () => {
  it("verified when a computed hash named a lock file that was there to remove", () => {
    const n = verifyLockNaming({}, [{ hashes: ["aaaa1111"], removed: [lock("state-handles", "aaaa1111")], seen: [lock("state-handles", "aaaa1111"), lock("state-handles", "cccc3333")] }]);
    expect(n.status).toBe("verified");
  });

  it("unverified when lock files appeared during the run but none matches the computed hash (the naming changed)", () => {
    const old = lock("state-handles", "0ld00000");
    const n = verifyLockNaming({ [old]: "1:1" }, [{ hashes: ["aaaa1111"], removed: [], seen: [old, `${DIR}/state-handles.9f8e7d6c5b4a.lock.sqlite`] }]);
    expect(n.status).toBe("unverified");
    expect(n.unexplained).toEqual([`${DIR}/state-handles.9f8e7d6c5b4a.lock.sqlite`]);
    expect(n.detail).toContain("UNVERIFIED");
  });

  it("no lock files, or no state database: nothing to verify", () => {
    expect(verifyLockNaming({}, [{ hashes: ["aaaa1111"], removed: [], seen: [] }]).status).toBe("no-lock-files");
    expect(verifyLockNaming({}, [{ hashes: [], removed: [], seen: [lock("x", "bbbb2222")] }]).status).toBe("no-state-db");
  });
});
