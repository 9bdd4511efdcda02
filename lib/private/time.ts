// The one place the library takes hashicorp/time resources from: the prebuilt bindings'
// generated classes, by deep path only (the package root "@cdktf/provider-time" loads every
// resource of the provider).
import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { Offset } from "@cdktf/provider-time/lib/offset";
import { Sleep } from "@cdktf/provider-time/lib/sleep";
import { Fn, TerraformStack, type Construct, type IConstruct, type ITerraformDependable } from "./cdktf";
import { isToken, type Verdict } from "./validate";

export { Offset, Sleep, TimeProvider };
export type { SleepConfig } from "@cdktf/provider-time/lib/sleep";

/**
 * Makes sure the stack of `scope` configures the time provider, which `time_sleep` needs:
 * the user's own `TimeProvider` when the stack has one, else one the library adds (so the
 * stack's `required_providers` pins the version the bindings were built for).
 */
export function ensureTimeProvider(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (stack.node.findAll().some((node) => node instanceof TimeProvider)) return;
  new TimeProvider(stack, "TimeProvider", {});
}

/**
 * A `time_sleep` that starts when the role assignments exist and ends `duration` later:
 * what depends on it waits for Azure RBAC to propagate, which the assignment's own create
 * does not (the provider polls only until ARM lists the assignment). Replaced, so it waits
 * again, when one of the assignments is replaced (`triggers` on their ids).
 */
export function waitForRoleAssignments(
  scope: Construct,
  id: string,
  assignments: readonly (ITerraformDependable & { readonly id: string })[],
  duration: string,
): Sleep {
  ensureTimeProvider(scope);
  return new Sleep(scope, id, {
    createDuration: duration,
    triggers: assignments.length > 0 ? { role_assignment_ids: Fn.join(",", assignments.map((a) => a.id)) } : undefined,
    dependsOn: [...assignments],
  });
}

/** A `time_sleep` duration: a whole number of hours, minutes or seconds, such as '120s' or '2m'. */
export function sleepDuration(prop: string, value: string | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  return /^(?:\d+h)?(?:\d+m)?(?:\d+s)?$/.test(value) && value !== ""
    ? undefined
    : `${prop} must be a duration such as '120s', '2m' or '1m30s' (what time_sleep's create_duration takes); got '${value}'.`;
}
