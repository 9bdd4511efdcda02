import { Testing } from "cdktf";

Testing.setupJest();

// cdktf records a full, unbounded stack trace for every token it creates, for error messages
// about unresolvable tokens. Under jest that is most of the suite's time (measured: about 35 s
// with it, 14 s without). Tests assert on synthesized JSON, never on those traces, so they go.
// cdktf 0.21 is its final release: this private module will not move.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stackTrace = require("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: (below?: unknown) => string[] };
if (typeof stackTrace.captureStackTrace === "function") {
  stackTrace.captureStackTrace = () => [];
}
