"use strict";
// Preloaded with `node --require bench/peak-rss.js <tool>` by bench/run.js to learn a tool's
// (tsc's) peak resident set size: when the process exits, it writes the figure in kilobytes
// to the file named by BENCH_PEAK_RSS_FILE.
const fs = require("fs");

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) {
  process.on("exit", () => {
    fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
