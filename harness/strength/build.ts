/**
 * Doing: a mutant build is a copy of the head build that shares every unchanged file with it (hard links), with the
 * one mutated file written anew. Node resolves a module by its real path, so a hard-linked tree is a real second
 * package to it (symlinked files would resolve back into the original tree and load the unmutated chunk beside the
 * mutated one). Dependencies are not copied: every node_modules folder is a symlink to the original's.
 */
import { constants, existsSync, type Dirent } from "node:fs";
import { execa } from "execa";
import { copyFile, link, mkdir, readdir, readFile, readlink, realpath, rm, stat, symlink, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { DistFile } from "./locate.ts";

export interface LinkStats {
  files: number;
  /** Files that could not be hard-linked (another file system) and were copied (copy-on-write where it can). */
  copied: number;
}

/** Folders of a source checkout that a build does not load. */
const SKIPPED = new Set([".git"]);

/**
 * Copy the package at `pkg` to `<root>/node_modules/openclaw` by hard links; its own node_modules folders become
 * symlinks to the originals, and `<root>/node_modules` gets a symlink to every package the original finds in the
 * node_modules folders above it (nearest first, as Node walks up): the packages beside an installed release, a
 * built checkout's parent folders. Returns the copy's path.
 */
export async function linkBuild(pkg: string, root: string): Promise<{ dir: string; stats: LinkStats }> {
  const src = await realpath(pkg);
  const modules = join(root, "node_modules");
  const dir = join(modules, "openclaw");
  await mkdir(modules, { recursive: true });
  const taken = new Set(["openclaw"]);
  for (const folder of lookupFolders(src)) {
    const entries = await readdir(folder).catch(() => [] as string[]);
    for (const entry of entries) {
      if (taken.has(entry) || entry === ".bin") continue;
      taken.add(entry);
      await symlink(join(folder, entry), join(modules, entry));
    }
  }
  const stats: LinkStats = { files: 0, copied: 0 };
  await linkTree(src, dir, stats);
  return { dir, stats };
}

/** The node_modules folders Node searches from inside a package at `pkg`, above the package itself, nearest first. Pure. */
export function lookupFolders(pkg: string): string[] {
  const out: string[] = [];
  for (let d = dirname(pkg); ; d = dirname(d)) {
    if (basename(d) !== "node_modules") out.push(join(d, "node_modules"));
    if (dirname(d) === d) return out;
  }
}

/** Entries of one folder linked at once: a dist/ folder holds thousands, and all at once would hold them all in memory. */
const LINK_AT_ONCE = 64;

/** A folder's tree, one folder after another, each folder's entries LINK_AT_ONCE at a time. */
async function linkTree(from: string, to: string, stats: LinkStats): Promise<void> {
  await mkdir(to);
  const entries = await readdir(from, { withFileTypes: true });
  const folders: Array<[string, string]> = [];
  for (let i = 0; i < entries.length; i += LINK_AT_ONCE) await Promise.all(entries.slice(i, i + LINK_AT_ONCE).map((e) => linkEntry(e, from, to, stats, folders)));
  for (const [a, b] of folders) await linkTree(a, b, stats);
}

async function linkEntry(e: Dirent, from: string, to: string, stats: LinkStats, folders: Array<[string, string]>): Promise<void> {
  const a = join(from, e.name);
  const b = join(to, e.name);
  if (e.isDirectory()) {
    if (SKIPPED.has(e.name)) return;
    if (e.name === "node_modules") return symlink(a, b);
    folders.push([a, b]);
    return;
  }
  if (e.isSymbolicLink()) return symlink(await readlink(a), b);
  if (!e.isFile()) return;
  stats.files++;
  try {
    await link(a, b);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
    stats.copied++;
    await copyFile(a, b, constants.COPYFILE_FICLONE);
  }
}

/** Files read at once: enough to keep the disk busy, few enough that their texts do not pile up in memory. */
const READ_AT_ONCE = 16;

/**
 * The files of a build's dist/ in `scope` (by path), read as text, keeping only those whose bytes `keep` accepts (by
 * default all). A locator can only match in a file that holds its `find`: the strength run keeps those and lets the
 * rest go as soon as they are read, so its memory stays near the kept files' size, not dist/'s (about 300 MB). A file
 * is tested as bytes (off the JavaScript heap) and decoded only when kept.
 */
export async function readDistChunks(pkg: string, scope: (path: string) => boolean, keep: (bytes: Buffer) => boolean = () => true): Promise<DistFile[]> {
  const dist = join(pkg, "dist");
  const names: string[] = [];
  for await (const entry of walk(dist, "")) if (scope(entry)) names.push(entry);
  const kept: Array<DistFile | null> = new Array<DistFile | null>(names.length).fill(null);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const i = next++;
      const path = names[i] as string;
      const bytes = await readFile(join(dist, path));
      if (keep(bytes)) kept[i] = { path, text: bytes.toString("utf8") };
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_AT_ONCE, names.length) }, worker));
  return kept.filter((f): f is DistFile => f !== null);
}

async function* walk(dir: string, prefix: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) yield* walk(join(dir, e.name), rel);
    else if (e.isFile() && /\.m?js$/.test(e.name)) yield rel;
  }
}

/**
 * Replace one file of a linked build. The link is removed first, so the original (the same inode) is never written.
 */
export async function writeMutatedFile(dir: string, distPath: string, text: string): Promise<void> {
  const file = join(dir, "dist", distPath);
  const { mode } = await stat(file);
  await unlink(file);
  await writeFile(file, text, { mode, flag: "wx" });
}

/**
 * Remove the mutant builds' folder: `rm -rf` in a child process, so the harness never holds the 100,000 and more
 * entries of eleven linked trees in its own memory (Node's recursive rm did: +70 MB of heap at the end of a strength
 * run); Node's rm where the child cannot run. Hard links: the originals keep their files.
 */
export async function removeBuilds(root: string, timeoutMs = 120_000): Promise<void> {
  const r = await execa("rm", ["-rf", "--one-file-system", "--", root], { reject: false, stdin: "ignore", timeout: timeoutMs });
  if (r.exitCode !== 0 || existsSync(root)) await rm(root, { recursive: true, force: true, maxRetries: 2 });
}
