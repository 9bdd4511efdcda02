import { Construct } from "../private/cdktf";
import {
  DashboardGrafana,
  DashboardGrafanaManagedPrivateEndpoint,
  MonitorAlertPrometheusRuleGroup,
  MonitorDataCollectionEndpoint,
  MonitorDataCollectionRule,
  MonitorDataCollectionRuleAssociation,
  MonitorWorkspace,
  RoleAssignment,
  type MonitorAlertPrometheusRuleGroupRule,
} from "../private/azurerm";
import { DATA_COLLECTION_ENDPOINT_ASSOCIATION_NAME, MONITORING_DATA_READER_ROLE, PRIVATE_LINK_SUBRESOURCES, PROMETHEUS_METRICS_STREAM } from "../facts";
import { derivedName, regionEndpointName } from "../private/names";
import { PrivateEndpoint } from "../network/private-endpoint";
import { isToken, throwIfInvalid } from "../private/validate";
import type { AzureResourceOptions } from "../resource-options";
import { KUBERNETES_RECORDING_RULES, NODE_RECORDING_RULES, RECOMMENDED_ALERT_RULES, type PrometheusAlertRule, type PrometheusRecordingRule } from "../private/prometheus-rules";
import { managedPrometheusVerdicts } from "./validate-prometheus";

/** Options of the Azure Managed Grafana instance {@link ManagedPrometheus} can create. */
export interface ManagedGrafanaOptions {
  /** Name of the Grafana instance: 2-23 letters, digits or hyphens, starting with a letter. */
  readonly name: string;
  /**
   * Grafana major version (azurerm 4.55 accepts "10" and "11").
   *
   * @default "11"
   */
  readonly majorVersion?: "10" | "11";
  /**
   * Whether Grafana's own endpoint is reachable from the internet. Off by default: reach it
   * through a private endpoint (sub-resource `grafana`) from your network.
   *
   * @default false
   */
  readonly publicNetworkAccessEnabled?: boolean;
}

/** Where the workspace's private endpoint goes, and which networks resolve it. */
export interface ManagedPrometheusPrivateEndpointOptions {
  /** The private endpoints subnet (the network's `privateEndpointsSubnetId`). */
  readonly subnetId: string;
  /**
   * Networks whose clients query the workspace privately: the created zone
   * `privatelink.<region>.prometheus.monitor.azure.com` is linked to each.
   *
   * @default - none
   */
  readonly virtualNetworkIds?: readonly string[];
  /**
   * An existing `privatelink.<region>.prometheus.monitor.azure.com` zone to register in
   * (e.g. your DNS hub's); no zone or link is created then.
   *
   * @default - a zone is created
   */
  readonly privateDnsZoneId?: string;
}

/** Props of {@link ManagedPrometheus}. */
export interface ManagedPrometheusProps extends AzureResourceOptions {
  /** Resource id of the AKS cluster whose metrics are collected (its `monitor_metrics` add-on must be on). */
  readonly clusterId: string;
  /**
   * Name of the AKS cluster: the rule groups' `cluster_name`, and the stem of the resources'
   * names (`amw-<name>`, `MSProm-<name>`).
   */
  readonly clusterName: string;
  /**
   * Name of the Azure Monitor workspace.
   *
   * @default `amw-<clusterName>`
   */
  readonly workspaceName?: string;
  /**
   * Whether the workspace's public query endpoint accepts connections. Off by default:
   * metrics show what runs where. The setting covers queries only; the add-on writes through
   * the data collection endpoint. Querying then needs a private endpoint to the workspace
   * (sub-resource `prometheusMetrics`) from your network, or Grafana's managed private
   * endpoint (`grafana`).
   *
   * @see https://learn.microsoft.com/azure/azure-monitor/essentials/azure-monitor-workspace-private-endpoint
   * @default false
   */
  readonly publicNetworkAccessEnabled?: boolean;
  /**
   * A private endpoint to the workspace (sub-resource `prometheusMetrics`), so clients in
   * your network can query it with its public query endpoint closed. HardenedPlatform puts
   * it in the platform's private endpoints subnet, linked to the spoke.
   *
   * @default - no private endpoint
   */
  readonly privateEndpoint?: ManagedPrometheusPrivateEndpointOptions;
  /**
   * Action groups the alert rules notify (resource ids of `azurerm_monitor_action_group`).
   *
   * @default - none: alerts fire and show in Azure Monitor, but page nobody
   */
  readonly alertActionGroupIds?: readonly string[];
  /**
   * An Azure Managed Grafana instance over the workspace. Opt-in: it is a paid resource, and
   * a team often has one already.
   *
   * @default - no Grafana
   */
  readonly grafana?: ManagedGrafanaOptions;
}

/** Grafana's major version when none is given: the newest azurerm 4.55 accepts. */
export const DEFAULT_GRAFANA_MAJOR_VERSION = "11";

/** The destination name of the workspace in the data collection rule, as in Microsoft's sample. */
const WORKSPACE_DESTINATION = "MonitoringAccount1";

/**
 * Azure Monitor managed service for Prometheus, wired end to end for one cluster (MON-4):
 * the Azure Monitor workspace (query endpoint not public), the data collection endpoint, the
 * data collection rule that forwards the add-on's `Microsoft-PrometheusMetrics` stream to the
 * workspace, the rule's association with the cluster (without it the add-on has no rule and
 * ships nothing, the step most often missed), the endpoint's association
 * (`configurationAccessEndpoint`, where the add-on fetches its configuration), Microsoft's
 * node and Kubernetes recording rules, and alert rules worth paging on. A private endpoint
 * to the workspace and Grafana are opt-in (HardenedPlatform asks for the endpoint).
 *
 * The cluster's side is `monitor_metrics` (HardenedCluster's `managedPrometheusEnabled`).
 * Every resource here updates in place or is created beside the cluster: none of them
 * replaces it.
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable
 * @see https://github.com/Azure/prometheus-collector/tree/main/AddonTerraformTemplate
 */
export class ManagedPrometheus extends Construct {
  /** The Azure Monitor workspace (escape hatch). */
  public readonly resource: MonitorWorkspace;
  /** Resource id of the Azure Monitor workspace. */
  public readonly workspaceId: string;
  /** The data collection endpoint the add-on reads its configuration from and writes through. */
  public readonly dataCollectionEndpoint: MonitorDataCollectionEndpoint;
  /** The data collection rule: the Prometheus stream to the workspace. */
  public readonly dataCollectionRule: MonitorDataCollectionRule;
  /** The rule's association with the cluster. */
  public readonly ruleAssociation: MonitorDataCollectionRuleAssociation;
  /** The endpoint's association with the cluster (`configurationAccessEndpoint`). */
  public readonly endpointAssociation: MonitorDataCollectionRuleAssociation;
  /** The rule groups: node recording rules, Kubernetes recording rules, alerts. */
  public readonly ruleGroups: readonly MonitorAlertPrometheusRuleGroup[];
  /** The workspace's private endpoint, when asked for. */
  public readonly privateEndpoint?: PrivateEndpoint;
  /** The Grafana instance, when asked for. */
  public readonly grafana?: DashboardGrafana;

  constructor(scope: Construct, id: string, props: ManagedPrometheusProps) {
    super(scope, id);
    throwIfInvalid(this, ...managedPrometheusVerdicts(props));
    const placement = { resourceGroupName: props.resourceGroupName, location: props.location, tags: props.tags };
    const stem = (prefix: string, maxLength: number): string => nameFrom(prefix, props.clusterName, maxLength);

    this.resource = new MonitorWorkspace(this, "Resource", {
      ...placement,
      name: props.workspaceName ?? stem("amw", 44),
      publicNetworkAccessEnabled: props.publicNetworkAccessEnabled ?? false,
    });
    this.workspaceId = this.resource.id;
    if (props.privateEndpoint) {
      this.privateEndpoint = new PrivateEndpoint(this, "PrivateEndpoint", {
        ...placement,
        name: `pe-${props.workspaceName ?? stem("amw", 44)}`,
        targetResourceId: this.workspaceId,
        subresourceName: PRIVATE_LINK_SUBRESOURCES.monitorWorkspace,
        subnetId: props.privateEndpoint.subnetId,
        privateDnsZoneName: `privatelink.${regionEndpointName(props.location)}.prometheus.monitor.azure.com`,
        privateDnsZoneId: props.privateEndpoint.privateDnsZoneId,
        virtualNetworkIds: props.privateEndpoint.virtualNetworkIds,
      });
    }

    // Public network access stays on for the endpoint: the add-on reaches it through the
    // egress firewall (Azure Monitor's FQDNs and service tag), and turning it off needs an
    // Azure Monitor Private Link Scope, which changes name resolution of every Azure Monitor
    // endpoint for the whole network.
    this.dataCollectionEndpoint = new MonitorDataCollectionEndpoint(this, "DataCollectionEndpoint", {
      ...placement,
      name: stem("MSProm", 44),
      kind: "Linux",
      publicNetworkAccessEnabled: true,
      description: "Managed Prometheus: configuration and ingestion endpoint of the cluster's metrics add-on",
    });
    this.dataCollectionRule = new MonitorDataCollectionRule(this, "DataCollectionRule", {
      ...placement,
      name: stem("MSProm", 64),
      kind: "Linux",
      dataCollectionEndpointId: this.dataCollectionEndpoint.id,
      description: "Managed Prometheus: the metrics add-on's Prometheus stream to the Azure Monitor workspace",
      destinations: { monitorAccount: [{ name: WORKSPACE_DESTINATION, monitorAccountId: this.workspaceId }] },
      dataFlow: [{ streams: [PROMETHEUS_METRICS_STREAM], destinations: [WORKSPACE_DESTINATION] }],
      dataSources: { prometheusForwarder: [{ name: "PrometheusDataSource", streams: [PROMETHEUS_METRICS_STREAM] }] },
    });
    this.ruleAssociation = new MonitorDataCollectionRuleAssociation(this, "RuleAssociation", {
      name: stem("MSProm", 64),
      targetResourceId: props.clusterId,
      dataCollectionRuleId: this.dataCollectionRule.id,
      description: "Managed Prometheus: deleting this association stops metrics collection for the cluster",
    });
    this.endpointAssociation = new MonitorDataCollectionRuleAssociation(this, "EndpointAssociation", {
      name: DATA_COLLECTION_ENDPOINT_ASSOCIATION_NAME,
      targetResourceId: props.clusterId,
      dataCollectionEndpointId: this.dataCollectionEndpoint.id,
      description: "Managed Prometheus: where the cluster's metrics add-on fetches its configuration",
    });

    // Scoped to the workspace and the cluster, as Microsoft's sample does: the cluster scope
    // links the groups to the cluster in the portal.
    const group = (groupId: string, name: string, description: string, rules: MonitorAlertPrometheusRuleGroupRule[]): MonitorAlertPrometheusRuleGroup =>
      new MonitorAlertPrometheusRuleGroup(this, groupId, {
        ...placement,
        name: `${name}-${props.clusterName}`,
        clusterName: props.clusterName,
        description,
        ruleGroupEnabled: true,
        interval: "PT1M",
        scopes: [this.workspaceId, props.clusterId],
        rule: rules,
      });
    const actionGroupIds = props.alertActionGroupIds ?? [];
    this.ruleGroups = [
      group("NodeRecordingRules", "NodeRecordingRulesRuleGroup", "Node Recording Rules Rule Group", NODE_RECORDING_RULES.map(recordingRule)),
      group("KubernetesRecordingRules", "KubernetesRecordingRulesRuleGroup", "Kubernetes Recording Rules Rule Group", KUBERNETES_RECORDING_RULES.map(recordingRule)),
      group(
        "RecommendedAlerts",
        "RecommendedAlertsRuleGroup",
        "Alerts worth paging on: nodes lost, pods that cannot run, workloads short of replicas, volumes filling, failed jobs, API errors",
        RECOMMENDED_ALERT_RULES.map((rule) => alertRule(rule, actionGroupIds)),
      ),
    ];
    // A list known only at apply time: one action per entry, as a dynamic block (cdktf's
    // iterators cannot produce one inside a list of blocks).
    if (isToken(actionGroupIds)) {
      RECOMMENDED_ALERT_RULES.forEach((_, i) =>
        this.ruleGroups[2].addOverride(`rule.${i}.dynamic.action`, { for_each: actionGroupIds, content: { action_group_id: "${action.value}" } }),
      );
    }

    if (props.grafana) this.grafana = this.createGrafana(props.grafana, placement);
  }

  /**
   * Grafana over the workspace: integrated with it, allowed to read it (Monitoring Data
   * Reader, as Microsoft's sample grants), and reaching it through a managed private
   * endpoint, since the workspace's query endpoint is not public. Azure creates that
   * endpoint's connection pending: approve it on the workspace (Networking, Private access)
   * once, or Grafana's queries fail.
   */
  private createGrafana(options: ManagedGrafanaOptions, placement: AzureResourceOptions): DashboardGrafana {
    const grafana = new DashboardGrafana(this, "Grafana", {
      ...placement,
      name: options.name,
      grafanaMajorVersion: options.majorVersion ?? DEFAULT_GRAFANA_MAJOR_VERSION,
      publicNetworkAccessEnabled: options.publicNetworkAccessEnabled ?? false,
      apiKeyEnabled: false,
      identity: { type: "SystemAssigned" },
      azureMonitorWorkspaceIntegrations: [{ resourceId: this.workspaceId }],
    });
    new RoleAssignment(this, "GrafanaReadsWorkspace", {
      scope: this.workspaceId,
      roleDefinitionName: MONITORING_DATA_READER_ROLE.name,
      principalId: grafana.identity.principalId,
      principalType: "ServicePrincipal",
    });
    new DashboardGrafanaManagedPrivateEndpoint(this, "GrafanaPrivateEndpoint", {
      name: isToken(options.name) ? "mpe-prometheus" : derivedName(["mpe", options.name], 21),
      location: placement.location,
      grafanaId: grafana.id,
      privateLinkResourceId: this.workspaceId,
      groupIds: [PRIVATE_LINK_SUBRESOURCES.monitorWorkspace],
      requestMessage: "Managed Grafana queries the Azure Monitor workspace privately",
    });
    return grafana;
  }
}

/** A name made of a prefix and the cluster's name; a name known only at apply time is used whole. */
function nameFrom(prefix: string, clusterName: string, maxLength: number): string {
  return isToken(clusterName) ? `${prefix}-${clusterName}` : derivedName([prefix, clusterName], maxLength);
}

function recordingRule(rule: PrometheusRecordingRule): MonitorAlertPrometheusRuleGroupRule {
  return { enabled: true, record: rule.record, expression: rule.expression, labels: rule.labels ? { ...rule.labels } : undefined };
}

function alertRule(rule: PrometheusAlertRule, actionGroupIds: readonly string[]): MonitorAlertPrometheusRuleGroupRule {
  return {
    enabled: true,
    alert: rule.alert,
    expression: rule.expression,
    for: rule.for,
    severity: rule.severity,
    annotations: { ...rule.annotations },
    labels: { ...rule.labels },
    alertResolution: { ...rule.alertResolution },
    action: isToken(actionGroupIds) || actionGroupIds.length === 0 ? undefined : actionGroupIds.map((actionGroupId) => ({ actionGroupId })),
  };
}
