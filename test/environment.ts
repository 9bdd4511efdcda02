import * as v8 from "node:v8";
import * as vm from "node:vm";
import { TestEnvironment } from "jest-environment-node";

// Each test file loads the library, cdktf and the provider bindings afresh in its own module
// registry; once the file is done all of that is garbage, which V8 collects at leisure. A
// worker that ran twenty files so holds a few hundred MB of heap when Jest asks it to stop,
// and freeing that many pages took longer than Jest's 500 ms grace on a busy 2-core machine
// ("A worker process has failed to exit gracefully"): no handle was open, the time went to
// V8 unmapping its heap. Collecting after each file keeps a worker's heap near one file's
// worth, so it exits in a fraction of the grace, for about a second of collection per run.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

/** Jest's Node environment, collecting the finished test file's garbage. */
export default class CollectingEnvironment extends TestEnvironment {
  public override async teardown(): Promise<void> {
    await super.teardown();
    collectGarbage();
  }
}
