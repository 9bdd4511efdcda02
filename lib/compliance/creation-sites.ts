// Where a resource's construct was created, read from the creation trace cdktf writes into
// the resource's metadata (see record-creation-sites.ts for when it writes one). Pure: no
// cdktf here, so the compliance engine stays free of the framework.
import * as path from "path";
import { fileURLToPath } from "url";

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
    // `at fn (<location>)` or `at <location>`; a location may hold spaces (`/home/a b/x.ts`).
    const trimmed = frame.trim();
    // After the first " (": a path may hold parentheses itself (`C:\\Users\\A (Work)\\...`).
    const inParentheses = /^(?:at\s+)?[^(]*?\((.+)\)$/.exec(trimmed);
    const location = inParentheses ? inParentheses[1] : trimmed.replace(/^at\s+/, "");
    const match = /^(.+?):(\d+):\d+$/.exec(location);
    if (!match) continue;
    let file = match[1];
    if (file.startsWith("file://")) {
      try {
        file = fileURLToPath(file);
      } catch {
        continue; // a URL Node cannot map to a path here: not a frame the report can name
      }
    }
    if (!path.isAbsolute(file) || file.split(path.sep).includes("node_modules") || isInside(LIBRARY_DIR, file)) continue;
    // A frame outside the project (a linked workspace package, say) is not the user's code here: go on.
    if (!isInside(projectRoot, file)) continue;
    return { file: path.relative(projectRoot, file).split(path.sep).join("/"), line: Number(match[2]) };
  }
  return undefined;
}

function isInside(directory: string, file: string): boolean {
  const relative = path.relative(directory, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
