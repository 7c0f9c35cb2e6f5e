import { createHash } from "node:crypto";
import { chmod, chown, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { existsSync } from "node:fs";
import { execa } from "execa";
import { StepError } from "../errors.ts";
import type { ComposeImage } from "../evidence/types.ts";
import { call } from "./docker.ts";
import { IMAGE_LABEL } from "./topology.ts";
import { ownedTempDir, RUN_TEMP_PREFIX, OWNER_FILE } from "../hygiene/owner.ts";

/** The label that names the run that built a cached image (images outlive runs; containers, networks and volumes do not). */
export const BUILT_BY_LABEL = "openclaw-approval-smoke.built-by-run";
export const IMAGE_REPO = "openclaw-approval-smoke";

/** Removes every cached image of the lane (documented in harness/compose/README.md). */
export const REMOVE_IMAGES = `docker image rm $(docker image ls -q --filter label=${IMAGE_LABEL}=1)`;

export interface ImageTarget {
  version: string;
  /** What identifies the build besides its version: integrity, tarball hash, commit or path. */
  identity: string;
}

/** The tag of the lane's image for a target build and a harness version. Pure. */
export function imageTag(target: ImageTarget, harnessVersion: string): string {
  const key = createHash("sha256").update(target.identity).digest("hex").slice(0, 8);
  return `${IMAGE_REPO}:${target.version.replace(/[^A-Za-z0-9_.-]/g, "_")}-${key}-h${harnessVersion}`;
}

/**
 * The image's Dockerfile-like changes: the official image's conventions that matter here (user node, uid 1000, home
 * /home/node with the state under it) and the labels. The runtime comes from read-only bind mounts (see topology.ts).
 */
export function importChanges(target: ImageTarget, harnessVersion: string, runId: string): string[] {
  return [
    "USER node",
    "WORKDIR /home/node",
    "ENV HOME=/home/node",
    `LABEL ${IMAGE_LABEL}=1`,
    `LABEL ${BUILT_BY_LABEL}=${runId}`,
    `LABEL openclaw-approval-smoke.target=${target.version}`,
    `LABEL openclaw-approval-smoke.harness=${harnessVersion}`,
  ];
}

/** The cached image for this target and harness version, or a new one made with `docker import` (nothing pulled). */
export async function ensureImage(target: ImageTarget, harnessVersion: string, runId: string): Promise<ComposeImage> {
  const tag = imageTag(target, harnessVersion);
  const existing = await call(["docker", "image", "inspect", "--format", "{{.Id}}", tag], { timeoutMs: 20_000 });
  if (existing.code === 0 && existing.stdout.trim()) return { tag, id: existing.stdout.trim(), cached: true, buildMs: null };
  const started = Date.now();
  const root = await ownedTempDir(tmpdir(), `${RUN_TEMP_PREFIX}image-`);
  try {
    await writeRootfs(root);
    const tar = execa("tar", ["--numeric-owner", `--exclude=./${OWNER_FILE}`, "-C", root, "-c", "."], { buffer: false, timeout: 60_000, reject: false });
    const imp = execa("docker", ["import", ...importChanges(target, harnessVersion, runId).flatMap((c) => ["--change", c]), "-", tag], { timeout: 120_000, reject: false });
    tar.stdout?.pipe(imp.stdin as NodeJS.WritableStream);
    const [t, i] = await Promise.all([tar, imp]);
    if (t.exitCode !== 0 || i.exitCode !== 0) {
      throw new StepError("compose image", `docker import failed (tar ${t.exitCode ?? "none"}, import ${i.exitCode ?? "none"})`, {
        command: `tar -c <rootfs> | docker import … - ${tag}`,
        exitCode: i.exitCode ?? null,
        logTail: `${String(t.stderr ?? "")}\n${String(i.stderr ?? "")}`.trim().slice(-800),
        next: "check that dockerd runs and has disk space (`docker info`)",
      });
    }
    const id = (await call(["docker", "image", "inspect", "--format", "{{.Id}}", tag], { timeoutMs: 20_000 })).stdout.trim();
    return { tag, id, cached: false, buildMs: Date.now() - started };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * An npm-installed openclaw finishes its package lifecycle on its first start, writing into its own folder; the
 * official image has that done at build time, and the lane mounts the package read-only. So finish it here, once, as
 * the image build would: `openclaw --version` with HOME and TMPDIR in a throw-away folder.
 */
export async function completePackageLifecycle(nodePath: string, targetDir: string): Promise<void> {
  if (!existsSync(join(targetDir, ".openclaw-lifecycle-pending"))) return;
  const home = await ownedTempDir(tmpdir(), `${RUN_TEMP_PREFIX}lifecycle-`);
  try {
    const r = await execa(nodePath, [join(targetDir, "openclaw.mjs"), "--version"], { env: { PATH: `${dirname(nodePath)}:/usr/bin:/bin`, HOME: home, OPENCLAW_HOME: home, TMPDIR: home, XDG_CACHE_HOME: join(home, "cache") }, extendEnv: false, cwd: home, reject: false, timeout: 180_000, stdin: "ignore" });
    if (r.exitCode !== 0 || existsSync(join(targetDir, ".openclaw-lifecycle-pending"))) {
      throw new StepError("compose image", "openclaw's package lifecycle did not complete", {
        command: `node ${join(targetDir, "openclaw.mjs")} --version`,
        exitCode: r.exitCode ?? null,
        logTail: String(r.stderr ?? "").slice(-600),
        next: "the target folder must be writable once by this user; or reinstall the target with lifecycle scripts",
      });
    }
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** A tiny root filesystem: users root and node (1000), /home/node/.openclaw owned by node, mount points, /tmp. */
async function writeRootfs(root: string): Promise<void> {
  for (const d of ["etc", "home/node/.openclaw", "tmp", "usr", "lib", "lib64", "proc", "sys", "dev", "sbin", "opt/node/bin"]) await mkdir(join(root, d), { recursive: true });
  await symlink("usr/bin", join(root, "bin"));
  await writeFile(join(root, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/home/node:/bin/sh\n");
  await writeFile(join(root, "etc/group"), "root:x:0:\nnode:x:1000:\n");
  await writeFile(join(root, "etc/nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
  await chown(join(root, "home/node"), 1000, 1000);
  await chown(join(root, "home/node/.openclaw"), 1000, 1000);
  await chmod(join(root, "home/node/.openclaw"), 0o700);
  await chmod(join(root, "tmp"), 0o1777);
}
