// Links in the documents the package ships, as a reader of the registry page or of the
// installed package follows them. The registry page shows the README with no repository to
// resolve relative links against, so the README links to the shipped files by their URL on
// jsDelivr's npm mirror, pinned to the version (`https://cdn.jsdelivr.net/npm/<name>@<version>/<path>`);
// the other shipped documents may also link to each other relatively, since they sit side by
// side in the package. Nothing here goes to the network: a link to the package must name a
// file the tarball holds, an anchor a heading of its document.
import * as path from "node:path";

/** GitHub's (and npm's) anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The Markdown links of a document, outside code blocks and code spans. */
export function linksOf(markdown) {
  const prose = markdown.replace(/^(```|~~~)[\s\S]*?^\1\s*$/gm, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

function anchorsOf(markdown) {
  const prose = markdown.replace(/^(```|~~~)[\s\S]*?^\1\s*$/gm, "");
  const seen = new Map();
  return new Set(
    [...prose.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => {
      const anchor = headingAnchor(m[1]);
      const n = seen.get(anchor) ?? 0;
      seen.set(anchor, n + 1);
      return n === 0 ? anchor : `${anchor}-${n}`;
    }),
  );
}

/**
 * What is wrong with the links of one shipped document.
 *
 * @param {object} input
 * @param {string} input.file the document's path in the package, e.g. `README.md`
 * @param {Record<string, string>} input.documents every shipped Markdown document's text, by path
 * @param {Set<string>} input.shipped every path the tarball holds
 * @param {string} input.name the package's name
 * @param {string} input.version the package's version
 * @returns {string[]} one sentence per broken link
 */
export function brokenLinks({ file, documents, shipped, name, version }) {
  const own = `https://cdn.jsdelivr.net/npm/${name}@`;
  const problems = [];
  const target = (file, anchor, link) => {
    if (!shipped.has(file)) return `${link}: ${file} is not in the package (add it to package.json "files", or link elsewhere)`;
    if (anchor && documents[file] !== undefined && !anchorsOf(documents[file]).has(anchor)) return `${link}: ${file} has no heading with the anchor #${anchor}`;
    return undefined;
  };
  for (const link of linksOf(documents[file])) {
    const [base, anchor] = link.split("#", 2);
    let problem;
    if (link.startsWith("#")) problem = target(file, anchor, link);
    else if (link.startsWith(own)) {
      const rest = base.slice(own.length);
      const slash = rest.indexOf("/");
      const linked = slash < 0 ? rest : rest.slice(0, slash);
      problem =
        linked !== version
          ? `${link}: links version ${linked} of the package; this is ${version} (links are pinned to the version they ship with)`
          : target(rest.slice(slash + 1), anchor, link);
    } else if (/^https:\/\//.test(link) || /^mailto:/.test(link)) problem = undefined;
    else if (/^[a-z]+:/i.test(link)) problem = `${link}: only https links (a plain http link is refused)`;
    else if (file === "README.md") {
      problem = `${link}: a relative link breaks on the registry page, which shows the README without the repository; link ${own}${version}/${path.posix.normalize(base)}${anchor ? `#${anchor}` : ""}`;
    } else problem = target(path.posix.normalize(path.posix.join(path.posix.dirname(file), base)), anchor, link);
    if (problem) problems.push(`${file}: ${problem}`);
  }
  return problems;
}
