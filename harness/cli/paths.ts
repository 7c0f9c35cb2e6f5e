import { access, constants, mkdir, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { UsageError } from "../errors.ts";

/** Create the report dir one level at a time (a recursive mkdir can spin forever under /proc); it must be a folder. */
export async function ensureWritableDir(dir: string): Promise<void> {
  const fail = (why: string): UsageError => new UsageError(`report dir '${dir}' ${why}`, "Pass --report-dir with a folder you can write to");
  const missing: string[] = [];
  let cur = dir;
  while (!(await access(cur).then(() => true, () => false))) {
    missing.unshift(cur);
    const up = dirname(cur);
    if (up === cur) throw fail("is not writable");
    cur = up;
  }
  if (!(await stat(cur)).isDirectory()) throw fail(cur === dir ? "is a file, not a folder" : `lies under '${cur}', which is a file`);
  try {
    for (const d of missing) await mkdir(d);
    await access(dir, constants.W_OK);
  } catch {
    throw fail("is not writable");
  }
}

/** An output file's folder must exist and be writable before the run starts: a run is never lost to a bad path. */
export async function ensureWritableParent(flag: string, file: string): Promise<void> {
  const parent = dirname(resolve(file));
  const st = await stat(parent).catch(() => null);
  if (!st?.isDirectory()) throw new UsageError(`${flag} ${file}: the folder '${parent}' does not exist`, `Create it first, or pass ${flag} with a path in an existing folder`);
  if (await stat(resolve(file)).then((s) => s.isDirectory(), () => false)) throw new UsageError(`${flag} ${file} is a folder`, `Pass ${flag} with a file path`);
  await access(parent, constants.W_OK).catch(() => {
    throw new UsageError(`${flag} ${file}: the folder '${parent}' is not writable`, `Pass ${flag} with a path you can write to`);
  });
}
