// Named security profiles: sets of choices a platform makes on top of the library's defaults,
// each with the control it touches, what it changes, one reason, and the parity differences
// it causes, so an environment states its posture once and the parity check reads the same list.
import type { IConstruct, TerraformStack } from "../private/cdktf";
import type { HardenedPlatform, HardenedPlatformProps } from "./hardened-platform";
import { ValidationError } from "../errors";
import { DEFAULT_LOG_RETENTION_DAYS } from "../monitoring/cluster-monitoring";
import { describe, integerBetween, isToken, matches, reason, type Verdict } from "../private/validate";

/**
 * The `HardenedPlatform` prop a choice sets, written as the user would write it. A choice
 * applies only where the user left that prop unset: an explicit prop wins.
 */
export type ProfileChoiceProp = "hub.firewall.withoutIntrusionDetection" | "cluster.skuTier" | "monitoring.retentionInDays" | "backup";

/**
 * How a choice relates to its rule: `acknowledged` accepts the rule's finding (a weakening,
 * reported as an acknowledgement); `strengthened` turns on more than the default asks.
 */
export type ProfileChoiceKind = "acknowledged" | "strengthened";

/**
 * A parity difference a choice causes, as a `ParityException` names it: a resource's construct
 * path relative to its stack (it covers the resources under it too, e.g. `Backup` covers
 * `Backup/StorageAccount`) and, optionally, a dotted attribute path or a prefix of one.
 */
export interface ProfileParityDifference {
  /** Construct path relative to the stack, without the platform's `Default` level, e.g. `Cluster/Resource`. */
  readonly resource: string;
  /**
   * Dotted attribute path or a prefix of one, e.g. `sku_tier`.
   *
   * @default - any attribute of the resources, and their presence
   */
  readonly attribute?: string;
}

/** One choice of a profile. Made by the `ProfileChoice` factories. */
export interface ProfileChoice {
  /** The rule of the compliance pack the choice touches, e.g. `EGR-4`. */
  readonly controlId: string;
  /** The platform prop the choice sets (an explicit prop wins). */
  readonly prop: ProfileChoiceProp;
  /** What the choice changes, for reviewers. */
  readonly change: string;
  /** Why; recorded in the compliance report when the choice is acknowledged. */
  readonly reason: string;
  /** Whether the choice accepts a rule's finding or strengthens a default. */
  readonly kind: ProfileChoiceKind;
  /** The value the platform gives the prop: `true` for switches. */
  readonly value: string | number | boolean;
  /** The parity differences the choice causes against an environment without it. */
  readonly parityDifferences: readonly ProfileParityDifference[];
}

/** The reasons the library writes for its choices. */
export const PROFILE_REASONS = Object.freeze({
  firewallWithoutIntrusionDetection:
    "No production data in this environment: the Premium tier's IDPS costs more per hour than Standard for traffic that carries nothing to protect; the allow list and threat intelligence in deny mode stay on.",
  clusterFreeTier:
    "A development cluster needs no uptime SLA: the Free control-plane tier saves the Standard tier's hourly price, and Microsoft recommends it for experimenting and testing, not production; production keeps Standard.",
  logRetentionDays:
    "Regulated workloads keep audit history for at least a year (e.g. PCI DSS 4.0 requirement 10.5.1, which Microsoft's AKS regulated-cluster guidance follows).",
  backup:
    "Regulated workloads must be recoverable after a deletion or ransomware (e.g. ISO 27001 A.8.13): Azure Backup for AKS keeps immutable, soft-deleted recovery points of the cluster's resources and volumes.",
} as const);

/** The Log Analytics retention of the regulated profile, in days. */
export const REGULATED_LOG_RETENTION_DAYS = 365;

/** The blob zone link the platform adds to the hub for the backup's storage account. */
const BACKUP_HUB_DNS_LINK = "EgressFirewall/HubDnsLink-privatelink-blob-core-windows-net";

/** Factories of the choices a profile is made of. */
export class ProfileChoices {
  /**
   * The egress firewall on the Standard tier, without intrusion detection: EGR-4's
   * acknowledgement (`hub.firewall.withoutIntrusionDetection`).
   *
   * @param why the reason; the library's when left out
   */
  public static firewallWithoutIntrusionDetection(why: string = PROFILE_REASONS.firewallWithoutIntrusionDetection): ProfileChoice {
    return {
      controlId: "EGR-4",
      prop: "hub.firewall.withoutIntrusionDetection",
      change: "the egress firewall and its policy on the Standard tier, without intrusion detection (IDPS)",
      reason: why,
      kind: "acknowledged",
      value: true,
      parityDifferences: [
        { resource: "EgressFirewall/Resource", attribute: "sku_tier" },
        { resource: "EgressFirewall/Policy", attribute: "sku" },
        { resource: "EgressFirewall/Policy", attribute: "intrusion_detection" },
      ],
    };
  }

  /**
   * The cluster on the Free control-plane tier (no uptime SLA): NODE-4's acknowledgement
   * (`cluster.skuTier: "Free"`). Cost analysis, which AKS runs on paid tiers only, is off with it.
   *
   * @param why the reason; the library's when left out
   */
  public static clusterFreeTier(why: string = PROFILE_REASONS.clusterFreeTier): ProfileChoice {
    return {
      controlId: "NODE-4",
      prop: "cluster.skuTier",
      change: "the cluster's control plane on the Free tier, without uptime SLA (and so without cost analysis)",
      reason: why,
      kind: "acknowledged",
      value: "Free",
      parityDifferences: [
        { resource: "Cluster/Resource", attribute: "sku_tier" },
        { resource: "Cluster/Resource", attribute: "cost_analysis_enabled" },
      ],
    };
  }

  /**
   * Longer Log Analytics retention (`monitoring.retentionInDays`), so audit logs and
   * container insights stay queryable for the given days.
   *
   * @param days 91-730: longer than the default 90 days
   * @param why the reason; the library's when left out
   */
  public static logRetentionDays(days: number = REGULATED_LOG_RETENTION_DAYS, why: string = PROFILE_REASONS.logRetentionDays): ProfileChoice {
    return {
      controlId: "MON-2",
      prop: "monitoring.retentionInDays",
      change: `the workspace keeps logs for ${days} days`,
      reason: why,
      kind: "strengthened",
      value: days,
      parityDifferences: [{ resource: "Monitoring/Resource", attribute: "retention_in_days" }],
    };
  }

  /**
   * Azure Backup for the cluster (`backup`, a `ClusterBackup` with the platform's defaults),
   * checked by OPS-6.
   *
   * @param why the reason; the library's when left out
   */
  public static backup(why: string = PROFILE_REASONS.backup): ProfileChoice {
    return {
      controlId: "OPS-6",
      prop: "backup",
      change: "AKS Backup: a Backup vault, policy, extension, Trusted Access binding and backup instance, with a private storage account",
      reason: why,
      kind: "strengthened",
      value: true,
      parityDifferences: [{ resource: "Backup" }, { resource: "BackupSnapshots" }, { resource: BACKUP_HUB_DNS_LINK }],
    };
  }
}

/** The user's own reasons for the development profile's choices. */
export interface DevelopmentProfileOptions {
  /**
   * Why the firewall runs without intrusion detection (EGR-4).
   *
   * @default - the library's reason: no production data, Premium's cost
   */
  readonly firewallWithoutIntrusionDetectionReason?: string;
  /**
   * Why the cluster runs on the Free tier (NODE-4).
   *
   * @default - the library's reason: no uptime SLA needed in development
   */
  readonly clusterFreeTierReason?: string;
}

const BUILT_IN_NAMES = ["production", "regulated", "development"] as const;
const PROFILE_NAME = /^[a-z][a-z0-9-]{0,30}$/;
const STACK_PROFILES = new WeakMap<TerraformStack, SecurityProfile>();

/** Throws the first failed verdict of a static factory (no construct exists yet: the message names the call). */
function failFactory(...verdicts: Verdict[]): void {
  const failed = verdicts.find((verdict) => verdict !== undefined);
  // eslint-disable-next-line no-restricted-syntax -- a static factory: no construct exists yet; the message names the call
  if (failed !== undefined) throw new ValidationError(failed);
}

/**
 * A named set of choices on top of the library's defaults, each with its rule, what it
 * changes, one reason, and the parity differences it causes. `HardenedPlatform` applies the
 * choices to the parts it builds (an explicit prop wins) and reports each acknowledged one with
 * the reason prefixed by the profile's name; `PlatformEnvironments` accepts exactly the
 * differences the profiles of the compared environments document.
 */
export class SecurityProfile {
  /** The library's defaults, with no choice: the default profile everywhere. */
  public static production(): SecurityProfile {
    return new SecurityProfile("production", []);
  }

  /**
   * Production plus what a regulated workload adds where the library can turn it on:
   * AKS Backup (OPS-6), because recovery from deletion or ransomware is a requirement there,
   * and a year of log retention, because regulated audit trails are kept that long.
   */
  public static regulated(): SecurityProfile {
    return new SecurityProfile("regulated", [ProfileChoices.backup(), ProfileChoices.logRetentionDays()]);
  }

  /**
   * The choices usually accepted where there is no production data, each acknowledged with
   * one reason: the firewall on Standard without IDPS (EGR-4) and the cluster on the Free
   * tier (NODE-4). Everything else stays as in production.
   *
   * @param options your own reasons (at least 10 characters each)
   */
  public static development(options: DevelopmentProfileOptions = {}): SecurityProfile {
    failFactory(
      typeof options !== "object" || options === null ? `SecurityProfile.development: options must be an object, e.g. { firewallWithoutIntrusionDetectionReason: '...' }; got ${describe(options)}.` : undefined,
    );
    const firewall = options.firewallWithoutIntrusionDetectionReason;
    const tier = options.clusterFreeTierReason;
    failFactory(
      firewall === undefined ? undefined : reason("SecurityProfile.development: firewallWithoutIntrusionDetectionReason", firewall, "why this environment's firewall runs without intrusion detection", "leave it out for the library's reason"),
      tier === undefined ? undefined : reason("SecurityProfile.development: clusterFreeTierReason", tier, "why this environment's cluster runs without uptime SLA", "leave it out for the library's reason"),
    );
    return new SecurityProfile("development", [ProfileChoices.firewallWithoutIntrusionDetection(firewall), ProfileChoices.clusterFreeTier(tier)]);
  }

  /**
   * A profile of your own, from `ProfileChoices` (e.g. a built-in profile's `choices` plus
   * one more). Its name must not be a built-in one, so a report's `regulated` always means
   * the library's.
   *
   * @param name lowercase label, e.g. `pci`
   */
  public static custom(name: string, choices: readonly ProfileChoice[]): SecurityProfile {
    failFactory(
      matches("SecurityProfile.custom: name", name, PROFILE_NAME, "a lowercase label such as 'pci' (it prefixes the profile's acknowledgements in the compliance report)"),
      isToken(name) ? `SecurityProfile.custom: name must be a literal such as 'pci', not a Terraform variable or attribute: it is written into the compliance report at synthesis.` : undefined,
      (BUILT_IN_NAMES as readonly string[]).includes(name)
        ? `SecurityProfile.custom: name '${name}' is a built-in profile's; got ${describe(name)}. Use SecurityProfile.${name}(), or give your profile its own name such as 'pci'.`
        : undefined,
      Array.isArray(choices) ? undefined : `SecurityProfile.custom: choices must be a list of ProfileChoices, e.g. [ProfileChoices.backup()]; got ${describe(choices)}.`,
    );
    failFactory(...choices.flatMap((choice, i) => choiceVerdicts(`SecurityProfile.custom: choices[${i}]`, choice)));
    const seen = new Map<string, number>();
    choices.forEach((choice, i) => {
      const earlier = seen.get(choice.prop);
      failFactory(
        earlier === undefined
          ? undefined
          : `SecurityProfile.custom: choices[${i}] sets ${choice.prop}, which choices[${earlier}] already sets; got two choices for one prop. Keep one.`,
      );
      seen.set(choice.prop, i);
    });
    return new SecurityProfile(name, choices);
  }

  /** Whether a value is a profile (for JavaScript callers' props). */
  public static isSecurityProfile(value: unknown): value is SecurityProfile {
    return value instanceof SecurityProfile;
  }

  /**
   * The profile of a `PlatformEnvironments` environment's stack, or undefined for a stack of
   * no environment.
   */
  public static ofStack(stack: TerraformStack): SecurityProfile | undefined {
    return STACK_PROFILES.get(stack);
  }

  /** @internal Records the profile of an environment's stack, for the platform built in it. */
  public static _assignToStack(stack: TerraformStack, profile: SecurityProfile): void {
    STACK_PROFILES.set(stack, profile);
  }

  /** The choices, frozen. */
  public readonly choices: readonly ProfileChoice[];

  private constructor(
    /** The profile's name, e.g. `development`. */
    public readonly name: string,
    choices: readonly ProfileChoice[],
  ) {
    this.choices = Object.freeze(choices.map((choice) => Object.freeze({ ...choice, parityDifferences: Object.freeze([...choice.parityDifferences]) })));
  }

  /** The choice that sets a prop, if the profile has one. */
  public choiceFor(prop: ProfileChoiceProp): ProfileChoice | undefined {
    return this.choices.find((choice) => choice.prop === prop);
  }

  /** The reason of a choice as the compliance report shows it: prefixed by the profile's name. */
  public reportedReason(choice: ProfileChoice): string {
    return `Security profile '${this.name}' (${choice.controlId}): ${choice.reason}`;
  }
}

/** How `HardenedPlatform` applies a choice to its props. */
export interface ProfileChoiceApplication {
  /**
   * Whether the choice stays unapplied: the user set the prop (an explicit prop wins), or the
   * platform does not build the part (a brought hub or workspace).
   */
  readonly skip: (props: HardenedPlatformProps) => boolean;
  /** The props with the choice set; `reason` is the reason as the report shows it. */
  readonly apply: (props: HardenedPlatformProps, choice: ProfileChoice, reason: string) => HardenedPlatformProps;
  /**
   * Where the platform acknowledges the choice's rule, for a prop that takes no reason (the
   * part of a prop with a reason, such as `withoutIntrusionDetection`, acknowledges it itself).
   *
   * @default - the part acknowledges it
   */
  readonly acknowledgeOn?: (platform: HardenedPlatform) => IConstruct;
}

/**
 * How each choice's prop is applied, one entry per prop. A new choice is a `ProfileChoiceProp`,
 * its entry here (the record's type asks for it) and its `ProfileChoices` factory.
 */
export const PROFILE_CHOICE_APPLICATIONS: Readonly<Record<ProfileChoiceProp, ProfileChoiceApplication>> = Object.freeze({
  "hub.firewall.withoutIntrusionDetection": {
    skip: (props) => props.hub?.existing !== undefined || props.hub?.firewall?.withoutIntrusionDetection !== undefined,
    apply: (props, _choice, why) => ({ ...props, hub: { ...props.hub, firewall: { ...props.hub?.firewall, withoutIntrusionDetection: { reason: why } } } }),
  },
  "cluster.skuTier": {
    // Asking for cost analysis, which AKS runs only on a paid tier, keeps the tier paid.
    skip: (props) => props.cluster?.skuTier !== undefined || props.cluster?.costAnalysisEnabled === true,
    apply: (props) => ({ ...props, cluster: { ...props.cluster, skuTier: "Free" } }),
    acknowledgeOn: (platform) => platform.cluster,
  },
  "monitoring.retentionInDays": {
    skip: (props) => props.monitoring?.existingWorkspaceId !== undefined || props.monitoring?.retentionInDays !== undefined,
    apply: (props, choice) => ({ ...props, monitoring: { ...props.monitoring, retentionInDays: choice.value as number } }),
  },
  backup: {
    skip: (props) => props.backup !== undefined,
    apply: (props) => ({ ...props, backup: {} }),
  },
});

const CHOICE_PROPS = Object.keys(PROFILE_CHOICE_APPLICATIONS) as ProfileChoiceProp[];

/** A choice as `ProfileChoices` makes it, its reason long enough. */
function choiceVerdicts(at: string, choice: ProfileChoice): Verdict[] {
  if (typeof choice !== "object" || choice === null || !CHOICE_PROPS.includes(choice.prop)) {
    return [`${at} must be a choice made by ProfileChoices, e.g. ProfileChoices.backup(); got ${describe(choice)}. The platform applies only the choices it knows.`];
  }
  return [
    reason(`${at}.reason`, choice.reason, `why ${choice.prop} differs from the library's default`, "leave the reason out for the library's"),
    // The choice is a strengthening (reported as none, accepted by parity): never below the default.
    choice.prop === "monitoring.retentionInDays"
      ? integerBetween(`${at}.value`, choice.value as number, DEFAULT_LOG_RETENTION_DAYS + 1, 730, `days, longer than the default ${DEFAULT_LOG_RETENTION_DAYS}: a profile lengthens retention; a shorter one is the platform's monitoring.retentionInDays`)
      : undefined,
    choice.prop === "cluster.skuTier" && choice.value !== "Free" ? `${at}.value must be 'Free' (the tier the choice acknowledges); got ${describe(choice.value)}.` : undefined,
  ];
}
