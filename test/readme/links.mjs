// Links in the documents the package ships, as a reader of the registry page or of the
// installed package follows them. The registry page shows the README with no repository to
// resolve relative links against, so the README links to the shipped files by their URL on
// jsDelivr's npm mirror, pinned to the version (`https://cdn.jsdelivr.net/npm/<name>@<version>/<path>`);
// the other shipped documents may also link to each other relatively, since they sit side by
// side in the package. Nothing here goes to the network: a link to the package must name a
// file the tarball holds, an anchor a heading of its document; other https pages are not
// fetched.
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

/** A document without its code blocks (fenced, also when indented in a list) and code spans. */
function proseOf(markdown) {
  return markdown.replace(/^[ \t]*(```|~~~)[\s\S]*?^[ \t]*\1[ \t]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** The links of a document, outside code: inline `[text](url)`, reference definitions `[id]: url`, and HTML `href`s. */
export function linksOf(markdown) {
  const prose = proseOf(markdown);
  return [
    ...[...prose.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]),
    ...[...prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/gm)].map((m) => m[1]),
    ...[...prose.matchAll(/\bhref\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]),
  ];
}

function anchorsOf(markdown) {
  const prose = markdown.replace(/^[ \t]*(```|~~~)[\s\S]*?^[ \t]*\1[ \t]*$/gm, "");
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
  // The package on a CDN by any other spelling: unpinned, or on unpkg.
  const ownElsewhere = new RegExp(`^https?://(cdn\\.jsdelivr\\.net/npm|unpkg\\.com)/${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(@[^/]*)?(/|$)`);
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
    } else if (ownElsewhere.test(link)) problem = `${link}: links the package without its version or through another CDN; link ${own}${version}/<path>, pinned to the version it ships with`;
    else if (/^https:\/\//.test(link) || /^mailto:/.test(link)) problem = undefined;
    else if (/^[a-z]+:/i.test(link)) problem = `${link}: only https links (a plain http link is refused)`;
    else if (file === "README.md") {
      problem = `${link}: a relative link breaks on the registry page, which shows the README without the repository; link ${own}${version}/${path.posix.normalize(base)}${anchor ? `#${anchor}` : ""}`;
    } else problem = target(path.posix.normalize(path.posix.join(path.posix.dirname(file), base)), anchor, link);
    if (problem) problems.push(`${file}: ${problem}`);
  }
  return problems;
}
