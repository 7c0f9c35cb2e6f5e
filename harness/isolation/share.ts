import { chmod, chown, lstat, readdir } from "node:fs/promises";
import { join } from "node:path";

/** The unprivileged identity the other-user scenario runs as, as many images do. */
export const OTHER_USER = { uid: 64_123, gid: 64_123 } as const;

/**
 * Share the sandbox with a group the way a user shares a volume: `chgrp -R G; chmod -R g+rwX`, setgid dirs.
 * Owner stays as is. Returns how many paths were changed.
 */
export async function shareWithGroup(root: string, gid: number): Promise<number> {
  let n = 0;
  const walk = async (p: string): Promise<void> => {
    const st = await lstat(p);
    if (st.isSymbolicLink()) return;
    await chown(p, st.uid, gid);
    const mode = st.mode & 0o7777;
    const add = st.isDirectory() ? 0o2070 : (mode & 0o100 ? 0o070 : 0o060);
    await chmod(p, mode | add);
    n += 1;
    if (st.isDirectory()) for (const name of await readdir(p)) await walk(join(p, name));
  };
  await walk(root);
  return n;
}
