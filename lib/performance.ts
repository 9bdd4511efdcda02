import { tokenStackTraceModule } from "./private/cdktf";

/**
 * Turns off cdktf's recording of a full stack trace for every token it creates, for the rest
 * of the process. cdktf keeps those traces only to say where an unresolvable token was
 * created; recording them is a third of a platform's construction time and most of a test
 * suite's. Call it once, before building stacks, in apps and tests where synthesis speed
 * matters more than that hint (the quickstart and the benchmark call it).
 *
 * cdktf 0.21 is its final release, so the private module this reaches into will not move;
 * if it is missing (another cdktf), the call does nothing.
 */
export function disableTokenStackTraces(): void {
  const stackTrace = tokenStackTraceModule();
  if (typeof stackTrace?.captureStackTrace === "function") stackTrace.captureStackTrace = () => [];
}
