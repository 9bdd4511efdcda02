// Exported defaults and facts are one object per process, shared by every construct: a
// consumer that changed one (`CLUSTER_DEFAULTS.skuTier = "Free"`) would weaken every cluster
// built after it, in every stack. So each exported object or array constant is frozen all the
// way down where it is defined, and typed read-only all the way down.

/**
 * Freezes a value and every object and array it holds (`Object.freeze`, recursively), and
 * returns it typed as `as const` would type it: read-only all the way down. Functions (a
 * rule's `check`) are not frozen: they hold no defaults.
 *
 * @param value an object or array literal, or data built once at module load
 * @returns the same value, frozen
 */
export function deepFreeze<const T>(value: T): T {
  freeze(value, new WeakSet());
  return value;
}

function freeze(value: unknown, seen: WeakSet<object>): void {
  if (typeof value !== "object" || value === null || seen.has(value)) return;
  seen.add(value);
  // Children first: a value found frozen (by an earlier deepFreeze) may still hold others.
  for (const key of Reflect.ownKeys(value)) freeze((value as Record<PropertyKey, unknown>)[key], seen);
  Object.freeze(value);
}
