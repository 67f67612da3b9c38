// Where a design session may live: the serializer hands us a folder from the webview's saved
// state, which a page could have changed, so it is checked before anything is read or created.
import path from 'node:path';
import { parseFolderName } from './session';

export type DirCheck = { ok: true; dir: string } | { ok: false; reason: string };

/**
 * Accepts `dir` only as a session folder of `promptId` directly inside one of `designRoots`
 * (`<workspace>/<mlprep.practiceFolder>/design`): `<promptId>-<YYYY-MM-DD>[-n]`. Paths are
 * compared after resolving `.` and `..`; the caller also compares real paths (symlinks).
 */
export function checkSessionDir(designRoots: readonly string[], dir: string, promptId: string): DirCheck {
  if (!designRoots.length) return { ok: false, reason: 'no workspace folder is open' };
  if (!path.isAbsolute(dir)) return { ok: false, reason: `"${dir}" is not an absolute path` };
  const resolved = path.resolve(dir);
  const root = designRoots.map((r) => path.resolve(r)).find((r) => path.dirname(resolved) === r);
  if (!root) return { ok: false, reason: `${resolved} is not a session folder inside ${designRoots.map((r) => path.resolve(r)).join(' or ')}` };
  if (!parseFolderName(promptId, path.basename(resolved))) return { ok: false, reason: `${path.basename(resolved)} is not a session folder of ${promptId}` };
  return { ok: true, dir: resolved };
}
