import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { dir } from "tmp-promise";
import { afterAll, describe, expect, it } from "vitest";
import { formatOwner, OWNER_FILE, type Owner, type OwnerState } from "../hygiene/owner.ts";
import { markNetns, reapNetns, unmarkNetns } from "./owners.ts";

const tmp = await dir({ unsafeCleanup: true, prefix: "netns-owners-test-" });
afterAll(() => tmp.cleanup());

const owner = (pid: number): Owner => ({ pid, start: "1", boot: "b", pidns: "1", host: "h" });
/** A fake liveness oracle: pids below 100 alive, the rest gone. */
const fakeState = (o: Owner): OwnerState => (o.pid < 100 ? { state: "alive" } : { state: "gone", why: `pid ${o.pid} is not running` });

describe("network namespace owner markers", () => {
  it("mark and unmark leave no folder of ours behind", async () => {
    const root = join(tmp.path, "run", "netns");
    await markNetns("smoke-aaaa1111", root);
    expect(existsSync(join(root, "smoke-aaaa1111", OWNER_FILE))).toBe(true);
    await unmarkNetns("smoke-aaaa1111", root);
    expect(existsSync(join(tmp.path, "run"))).toBe(false);
  });

  it("the sweep tears down a gone owner's namespace (names that do not exist here), keeps a live one's, reports a half marker", async () => {
    const root = join(tmp.path, "sweep");
    const mark = async (name: string, text: string): Promise<void> => {
      await mkdir(join(root, name), { recursive: true });
      await writeFile(join(root, name, OWNER_FILE), text);
    };
    await mark("smoke-dead0001", formatOwner(owner(500)));
    await mark("smoke-live0001", formatOwner(owner(5)));
    await mark("smoke-half0001", formatOwner(owner(500)).slice(0, 12));
    const r = await reapNetns(root, fakeState);
    expect(r.removed.map((i) => i.what)).toEqual(["network namespace smoke-dead0001"]);
    expect(r.leftAlone).toEqual([{ kind: "network namespace", what: "network namespace smoke-half0001", why: "owner marker is not whole" }]);
    expect(existsSync(join(root, "smoke-dead0001"))).toBe(false);
    expect(existsSync(join(root, "smoke-live0001"))).toBe(true);
  });
});
