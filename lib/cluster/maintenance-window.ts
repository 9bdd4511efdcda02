import { describe, integerBetween, matches, oneOf, required, type Verdict } from "../private/validate";
import { deepFreeze } from "../private/freeze";

/** A day of the week as AKS spells it. */
export type WeekDay = "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday";

/** The days AKS's `day_of_week` accepts, in its spelling. */
export const WEEK_DAYS: readonly WeekDay[] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** A weekly planned maintenance window (UPG-2). */
export interface MaintenanceWindow {
  /** Day the window opens. */
  readonly dayOfWeek: WeekDay;
  /** Time the window opens, `HH:mm`. */
  readonly startTime: string;
  /**
   * Length of the window in hours (AKS: 4 to 24).
   *
   * @default 4
   */
  readonly durationHours?: number;
  /**
   * UTC offset of `startTime`, `+HH:mm` or `-HH:mm`.
   *
   * @default "+00:00"
   */
  readonly utcOffset?: string;
}

/** When Kubernetes version upgrades run by default: Sunday 00:00-04:00 UTC. */
export const DEFAULT_UPGRADE_WINDOW: MaintenanceWindow = deepFreeze({ dayOfWeek: "Sunday", startTime: "00:00", durationHours: 4 });
/** When node OS images are patched by default: Saturday 00:00-04:00 UTC, a day before upgrades. */
export const DEFAULT_NODE_OS_WINDOW: MaintenanceWindow = deepFreeze({ dayOfWeek: "Saturday", startTime: "00:00", durationHours: 4 });

/** The `maintenance_window_*` block AKS expects for a weekly window. @internal */
export function weeklyWindowBlock(window: MaintenanceWindow) {
  return {
    frequency: "Weekly",
    interval: 1,
    dayOfWeek: window.dayOfWeek,
    startTime: window.startTime,
    duration: window.durationHours ?? 4,
    utcOffset: window.utcOffset ?? "+00:00",
  };
}

/** The rules a maintenance window obeys. @internal */
export function maintenanceWindowVerdicts(prop: string, window: MaintenanceWindow): Verdict[] {
  const shape = required(prop, window, "object", "{ dayOfWeek: 'Sunday', startTime: '00:00' }");
  if (shape !== undefined) return [shape];
  return [
    required(`${prop}.dayOfWeek`, window.dayOfWeek, "string", "'Sunday'"),
    oneOf(`${prop}.dayOfWeek`, window.dayOfWeek, WEEK_DAYS),
    required(`${prop}.startTime`, window.startTime, "string", "'00:00'"),
    window.durationHours === undefined || typeof window.durationHours === "number"
      ? undefined
      : `${prop}.durationHours must be a number of hours such as 4; got ${describe(window.durationHours)}.`,
    matches(`${prop}.startTime`, window.startTime, /^(?:[01]\d|2[0-3]):[0-5]\d$/, "a time of day as HH:mm, e.g. '00:00'"),
    integerBetween(`${prop}.durationHours`, window.durationHours, 4, 24, "AKS's window length"),
    matches(`${prop}.utcOffset`, window.utcOffset, /^[+-](?:0\d|1[0-4]):[0-5]\d$/, "an offset as +HH:mm or -HH:mm, e.g. '+01:00'"),
  ];
}
