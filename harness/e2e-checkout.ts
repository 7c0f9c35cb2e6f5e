/**
 * A built OpenClaw checkout for e2e tests, made from the pinned build's installed files: a git repository whose
 * tracked files are the package's own (dist/, docs/ and node_modules/ ignored, as a checkout ignores its build output),
 * hard-linked where the file system allows, beside a node_modules that is the pinned build's dependency folder.
 */
import { realpathSync } from "node:fs";
import { appendFile, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("..", import.meta.url));

export interface Checkout {
  dir: string;
  commit: string;
  /** Edit a tracked file: the tree then has uncommitted changes. */
  dirty(): Promise<void>;
}

export async function makeCheckout(root: string): Promise<Checkout> {
  const pkg = realpathSync(join(REPO, "node_modules", "openclaw"));
  const dir = join(root, "openclaw");
  await mkdir(root, { recursive: true });
  const linked = await execa("cp", ["-al", pkg, dir], { reject: false, timeout: 120_000 });
  if (linked.failed) {
    await rm(dir, { recursive: true, force: true });
    await execa("cp", ["-a", pkg, dir], { timeout: 300_000 });
  }
  // Its dependencies, where Node looks for them from inside the checkout.
  await symlink(dirname(pkg), join(root, "node_modules"), "dir");
  await writeFile(join(dir, ".gitignore"), "dist/\ndocs/\nnode_modules/\n");
  const git = (args: string[]) => execa("git", ["-C", dir, "-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", "-c", "commit.gpgsign=false", ...args], { timeout: 120_000 });
  await git(["init", "-q"]);
  await git(["add", "-A"]);
  await git(["commit", "-q", "-m", "a built checkout of the pinned build"]);
  const commit = String((await git(["rev-parse", "HEAD"])).stdout).trim();
  return {
    dir,
    commit,
    async dirty() {
      await appendFile(join(dir, "README.md"), "\nan uncommitted change\n");
    },
  };
}
