/**
 * Resolves `<cid>/<path>` to the UnixFS entry it names, offline. The exporter reports a path
 * that runs into a file as "not UnixFS content"; this says what happened instead: the path
 * does not exist (404), because the segment before it is a file.
 */
import type { DirectoryStats, FileStats, RawStats, UnixFS } from "@helia/unixfs";
import type { CID } from "multiformats/cid";
import { IpfsError } from "../errors.ts";
import type { HttpStatusError } from "./rpc-error.ts";

/** A path goes on below a file, or names nothing. Answered with HTTP 404. */
export class NoSuchPathError extends IpfsError implements HttpStatusError {
  override name = "NoSuchPathError";
  readonly httpStatus = 404;
}

export type PathStat = FileStats | DirectoryStats | RawStats;

export async function statPath(fs: UnixFS, root: CID, path: string, signal?: AbortSignal): Promise<PathStat> {
  try {
    return await fs.stat(root, { path: path || undefined, offline: true, signal });
  } catch (error) {
    if (!path || (error as Error).name !== "NotUnixFSError") throw error;
    // Walk down one segment at a time to find where the path leaves the directories.
    let current = root;
    const segments = path.split("/");
    for (const [index, segment] of segments.entries()) {
      const stat = await fs.stat(current, { offline: true, signal });
      if (stat.type !== "directory") {
        const file = [root.toString(), ...segments.slice(0, index)].join("/");
        throw new NoSuchPathError({
          shortMessage: `no such path /ipfs/${root}/${path}`,
          details: `/ipfs/${file} is a file, not a directory`,
        });
      }
      current = (await fs.stat(current, { path: segment, offline: true, signal })).cid;
    }
    throw error;
  }
}
