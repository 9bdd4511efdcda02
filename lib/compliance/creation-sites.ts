// Where a resource's construct was created, read from the creation trace cdktf writes into
// the resource's metadata (see record-creation-sites.ts for when it writes one). Pure: no
// cdktf here, so the compliance engine stays free of the framework.
import * as path from "path";

/** A place in the user's code: a file relative to the project root, and a line (1-based). */
export interface SourceLocation {
  /** The file, relative to the project root, with `/` separators, e.g. `main.ts`. */
  readonly file: string;
  /** The line, from 1. */
  readonly line: number;
}

/** The library's own files (lib/ or dist/lib/): frames there are not the user's code. */
const LIBRARY_DIR = path.resolve(__dirname, "..");

/**
 * The user's code in a creation trace: the first frame that is neither the library's nor a
 * dependency's nor Node's, as a file relative to the project root. Undefined when no frame
 * qualifies, or the file is outside the project root (a report never names a path of the
 * machine that synthesized it).
 */
export function creationSite(stackTrace: readonly string[] | undefined, projectRoot: string | undefined): SourceLocation | undefined {
  if (!stackTrace || projectRoot === undefined) return undefined;
  for (const frame of stackTrace) {
    const match = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):\d+\)?$/.exec(frame.trim());
    if (!match) continue;
    const file = match[1].startsWith("file://") ? decodeURIComponent(match[1].slice("file://".length)) : match[1];
    if (!path.isAbsolute(file) || file.split(path.sep).includes("node_modules") || isInside(LIBRARY_DIR, file)) continue;
    if (!isInside(projectRoot, file)) return undefined;
    return { file: path.relative(projectRoot, file).split(path.sep).join("/"), line: Number(match[2]) };
  }
  return undefined;
}

function isInside(directory: string, file: string): boolean {
  const relative = path.relative(directory, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
