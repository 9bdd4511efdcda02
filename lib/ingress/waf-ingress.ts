import { Construct } from "../private/cdktf";
import { ApplicationGateway, PublicIp, WebApplicationFirewallPolicy } from "../private/azurerm";
import { availabilityZones, azureResourceName, describe, integerBetween, isToken, minNotAboveMax, oneOf, optionalOfKind, placementVerdicts, required, stringEntries, throwIfInvalid, type Verdict } from "../private/validate";
import { throwIfPropsInvalid } from "../private/prop-paths";
import { derivedName } from "../private/names";
import type { AzureResourceOptions } from "../resource-options";
import type { IClusterMonitoring } from "../monitoring/cluster-monitoring";
import { sendAllLogs } from "../monitoring/all-logs";
import { AGIC_MANAGED_BLOCKS, BOT_MANAGER_RULE_SET, CURRENT_CORE_RULE_SETS, MODERN_SSL_POLICIES } from "../facts";
import { deepFreeze } from "../private/freeze";

export { AGIC_MANAGED_BLOCKS, CURRENT_CORE_RULE_SETS } from "../facts";

/** A managed WAF rule set and its version. */
export interface ManagedRuleSet {
  /** e.g. `Microsoft_DefaultRuleSet`, `OWASP`, `Microsoft_BotManagerRuleSet`. */
  readonly type: string;
  /** e.g. `2.1`, `3.2`, `1.1`. */
  readonly version: string;
}

/**
 * Current managed rule sets: Microsoft's default rule set 2.1 (OWASP CRS 3.3.2 plus
 * Microsoft's threat intelligence rules) and the bot manager (ING-2).
 */
export const DEFAULT_MANAGED_RULE_SETS: readonly ManagedRuleSet[] = deepFreeze([
  { type: "Microsoft_DefaultRuleSet", version: "2.1" },
  { type: BOT_MANAGER_RULE_SET, version: "1.1" },
]);

/** The WAF's modes: Prevention blocks what the rules match, Detection only logs it. */
export const WAF_MODES = deepFreeze(["Prevention", "Detection"]);

/** TLS 1.2 minimum with only strong cipher suites (ING-3). */
export const DEFAULT_SSL_POLICY = "AppGwSslPolicy20220101S";

/** Props of {@link WafIngress}. */
export interface WafIngressProps extends AzureResourceOptions {
  /** Name of the Application Gateway; its WAF policy and public IP are named after it. */
  readonly name: string;
  /** The gateway's dedicated subnet: the network's `applicationGatewaySubnetId`. */
  readonly subnetId: string;
  /** Where the gateway's access and WAF logs go. */
  readonly monitoring: IClusterMonitoring;
  /**
   * Availability zones of the gateway and its public IP.
   *
   * @default ["1", "2", "3"]
   */
  readonly zones?: readonly string[];
  /**
   * Fewest instances the gateway autoscales to. Two keep it up through a zone failure.
   *
   * @default 2
   */
  readonly minCapacity?: number;
  /**
   * Most instances the gateway autoscales to.
   *
   * @default 10
   */
  readonly maxCapacity?: number;
  /**
   * WAF mode. `Detection` only logs attacks; use it briefly while tuning exclusions.
   *
   * @default "Prevention"
   */
  readonly wafMode?: (typeof WAF_MODES)[number];
  /**
   * Managed rule sets. One must be a current core rule set (Microsoft_DefaultRuleSet 2.1 or
   * 2.2, or OWASP 3.2).
   *
   * @default DEFAULT_MANAGED_RULE_SETS
   */
  readonly managedRuleSets?: readonly ManagedRuleSet[];
  /**
   * Largest request body the WAF inspects and accepts, in KB.
   *
   * @default 128
   */
  readonly maxRequestBodySizeInKb?: number;
  /**
   * Predefined TLS policy of the listeners.
   *
   * @default "AppGwSslPolicy20220101S"
   */
  readonly sslPolicyName?: (typeof MODERN_SSL_POLICIES)[number];
}

/** What the cluster's ingress add-on needs of a gateway. */
export interface IWafIngress {
  /** Resource id of the Application Gateway. */
  readonly gatewayId: string;
  /** Subnet the gateway lives in (AGIC needs to join it). */
  readonly subnetId: string;
}

/**
 * Ingress through Application Gateway WAF_v2 (ING-1 to ING-3): zone-redundant and
 * autoscaled, with a WAF policy in Prevention mode running current managed rule sets and
 * the bot manager with request body inspection, and a TLS 1.2+ policy. Give it to the
 * cluster (`ingress: waf`) to turn on the Application Gateway Ingress Controller add-on;
 * the gateway ignores the blocks AGIC manages (ING-4), so Terraform never fights it.
 *
 * The listener, pool and rule Terraform creates are placeholders the gateway needs to
 * exist; AGIC replaces them with what the cluster's Ingress objects declare.
 */
export class WafIngress extends Construct implements IWafIngress {
  /** The Application Gateway (escape hatch). */
  public readonly resource: ApplicationGateway;
  /** The WAF policy in Prevention mode with the managed rule sets (escape hatch). */
  public readonly wafPolicy: WebApplicationFirewallPolicy;
  /** The gateway's public IP, where clients reach the cluster's ingress. */
  public readonly publicIp: PublicIp;
  public readonly gatewayId: string;
  public readonly subnetId: string;

  constructor(scope: Construct, id: string, props: WafIngressProps) {
    super(scope, id);
    // JavaScript callers: every required prop present and of its type before anything reads one.
    throwIfInvalid(this, required("props", props, "object", "{ name, subnetId, monitoring, resourceGroupName, location }"));
    throwIfPropsInvalid(
      this,
      props,
      required("name", props.name, "string", "'agw-prod'"),
      ...placementVerdicts(props),
      required("subnetId", props.subnetId, "string", "network.applicationGatewaySubnetId"),
      required("monitoring", props.monitoring, "object", "a ClusterMonitoring, or ClusterMonitoring.fromExistingWorkspace(id)"),
      typeof props.monitoring !== "object" || props.monitoring === null ? undefined : required("monitoring.workspaceId", props.monitoring.workspaceId, "string", "the workspace's resource id"),
      optionalOfKind("zones", props.zones, "array", "['1', '2', '3']"),
      stringEntries("zones", props.zones),
      optionalOfKind("managedRuleSets", props.managedRuleSets, "array", "[{ type: 'Microsoft_DefaultRuleSet', version: '2.1' }]"),
    );
    const zones = [...(props.zones ?? ["1", "2", "3"])];
    const minCapacity = props.minCapacity ?? 2;
    const maxCapacity = props.maxCapacity ?? 10;
    const ruleSets = props.managedRuleSets ?? DEFAULT_MANAGED_RULE_SETS;
    const maxBody = props.maxRequestBodySizeInKb ?? 128;
    throwIfPropsInvalid(
      this,
      props,
      azureResourceName("name", props.name, 76),
      availabilityZones("zones", zones),
      numberOrNothing("minCapacity", props.minCapacity),
      numberOrNothing("maxCapacity", props.maxCapacity),
      numberOrNothing("maxRequestBodySizeInKb", props.maxRequestBodySizeInKb),
      integerBetween("minCapacity", minCapacity, 0, 125, "Application Gateway v2's autoscale range"),
      integerBetween("maxCapacity", maxCapacity, 2, 125, "Application Gateway v2's autoscale range"),
      minNotAboveMax("minCapacity", minCapacity, "maxCapacity", maxCapacity),
      integerBetween("maxRequestBodySizeInKb", maxBody, 8, 2000, "the WAF's inspection limit"),
      oneOf("wafMode", props.wafMode, WAF_MODES, "Prevention blocks attacks; Detection only logs them."),
      oneOf("sslPolicyName", props.sslPolicyName, MODERN_SSL_POLICIES, "Both keep TLS 1.2 as the minimum (ING-3); the S variant also drops the weaker cipher suites."),
      ...ruleSetShapes(ruleSets),
    );
    throwIfPropsInvalid(
      this,
      props,
      isToken(ruleSets) || ruleSets.some((set) => isToken(set.type) || isToken(set.version) || CURRENT_CORE_RULE_SETS[set.type]?.includes(set.version))
        ? undefined
        : `managedRuleSets must include a current core rule set (Microsoft_DefaultRuleSet 2.1 or 2.2, or OWASP 3.2); got [${ruleSets.map((s) => `${s.type} ${s.version}`).join(", ")}].`,
    );

    this.publicIp = new PublicIp(this, "PublicIp", {
      name: derivedName(["pip", props.name], 80),
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      allocationMethod: "Static",
      sku: "Standard",
      zones,
      tags: props.tags,
    });
    this.wafPolicy = new WebApplicationFirewallPolicy(this, "WafPolicy", {
      name: derivedName(["waf", props.name], 80),
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      policySettings: {
        enabled: true,
        mode: props.wafMode ?? "Prevention",
        requestBodyCheck: true,
        maxRequestBodySizeInKb: maxBody,
        fileUploadLimitInMb: 100,
      },
      managedRules: { managedRuleSet: ruleSets.map((set) => ({ type: set.type, version: set.version })) },
      tags: props.tags,
    });

    const bootstrap = { frontend: "public", port: "http", pool: "bootstrap", settings: "bootstrap", listener: "bootstrap" };
    this.resource = new ApplicationGateway(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      zones,
      sku: { name: "WAF_v2", tier: "WAF_v2" },
      autoscaleConfiguration: { minCapacity, maxCapacity },
      firewallPolicyId: this.wafPolicy.id,
      forceFirewallPolicyAssociation: true,
      enableHttp2: true,
      sslPolicy: { policyType: "Predefined", policyName: props.sslPolicyName ?? DEFAULT_SSL_POLICY },
      gatewayIpConfiguration: [{ name: "gateway", subnetId: props.subnetId }],
      frontendIpConfiguration: [{ name: bootstrap.frontend, publicIpAddressId: this.publicIp.id }],
      // Placeholders until AGIC takes over. AGIC keeps an HTTP listener on port 80 while no
      // Ingress declares one: ClusterNetwork's NSG denies TCP 80 from every network (ING-3).
      frontendPort: [{ name: bootstrap.port, port: 80 }],
      backendAddressPool: [{ name: bootstrap.pool }],
      backendHttpSettings: [{ name: bootstrap.settings, port: 80, protocol: "Http", cookieBasedAffinity: "Disabled", requestTimeout: 30 }],
      httpListener: [{ name: bootstrap.listener, frontendIpConfigurationName: bootstrap.frontend, frontendPortName: bootstrap.port, protocol: "Http" }],
      requestRoutingRule: [
        {
          name: "bootstrap",
          ruleType: "Basic",
          priority: 19000,
          httpListenerName: bootstrap.listener,
          backendAddressPoolName: bootstrap.pool,
          backendHttpSettingsName: bootstrap.settings,
        },
      ],
      tags: props.tags,
      lifecycle: { ignoreChanges: [...AGIC_MANAGED_BLOCKS] },
    });
    this.gatewayId = this.resource.id;
    this.subnetId = props.subnetId;

    sendAllLogs(this, "Logs", { name: "gateway-logs", targetResourceId: this.resource.id, workspaceId: props.monitoring.workspaceId });
  }
}

/** An optional number prop: a JavaScript caller's '5' is named as a string, not compared. */
function numberOrNothing(prop: string, value: unknown): Verdict {
  if (value === undefined || isToken(value) || typeof value === "number") return undefined;
  return `${prop} must be a number; got ${describe(value)}.`;
}

/** Each managed rule set names its type and version as strings (for JavaScript callers). */
function ruleSetShapes(sets: readonly ManagedRuleSet[]): Verdict[] {
  if (isToken(sets)) return [];
  return sets.flatMap((set, i) =>
    typeof set !== "object" || set === null
      ? [`managedRuleSets[${i}] must be an object such as { type: 'Microsoft_DefaultRuleSet', version: '2.1' }; got ${describe(set)}.`]
      : [required(`managedRuleSets[${i}].type`, set.type, "string", "'Microsoft_DefaultRuleSet'"), required(`managedRuleSets[${i}].version`, set.version, "string", "'2.1'")],
  );
}
