import { Construct } from "../private/cdktf";
import { MonitorDataCollectionRule, MonitorDataCollectionRuleAssociation } from "../private/azurerm";
import type { AzureResourceOptions } from "../resource-options";
import { placementVerdicts, required, throwIfInvalid } from "../private/validate";

/** Props of {@link ContainerInsights}. */
export interface ContainerInsightsProps extends AzureResourceOptions {
  /** Name of the data collection rule. */
  readonly name: string;
  /** Resource id of the AKS cluster. */
  readonly clusterId: string;
  /** Resource id of the Log Analytics workspace. */
  readonly workspaceId: string;
}

/** The stream Container Insights sends with managed-identity authentication. */
export const CONTAINER_INSIGHTS_STREAM = "Microsoft-ContainerInsights-Group-Default";

/**
 * The data collection rule and its association that Container Insights needs when the
 * monitoring agent authenticates with managed identity (MON-1). The Azure CLI creates these
 * behind the scenes; through Terraform they must be declared, or the agent collects nothing.
 */
export class ContainerInsights extends Construct {
  /** The data collection rule (escape hatch). */
  public readonly resource: MonitorDataCollectionRule;
  /** The rule's association with the cluster. */
  public readonly association: MonitorDataCollectionRuleAssociation;

  constructor(scope: Construct, id: string, props: ContainerInsightsProps) {
    super(scope, id);
    // JavaScript callers: every required prop present and of its type before anything reads one.
    throwIfInvalid(this, required("props", props, "object", "{ name, clusterId, workspaceId, resourceGroupName, location }"));
    throwIfInvalid(
      this,
      required("name", props.name, "string", "'dcr-aks-prod'"),
      ...placementVerdicts(props),
      required("clusterId", props.clusterId, "string", "cluster.clusterId"),
      required("workspaceId", props.workspaceId, "string", "monitoring.workspaceId"),
    );
    this.resource = new MonitorDataCollectionRule(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      kind: "Linux",
      tags: props.tags,
      destinations: { logAnalytics: [{ name: "workspace", workspaceResourceId: props.workspaceId }] },
      dataFlow: [{ streams: [CONTAINER_INSIGHTS_STREAM], destinations: ["workspace"] }],
      dataSources: {
        extension: [
          {
            name: "ContainerInsightsExtension",
            extensionName: "ContainerInsights",
            streams: [CONTAINER_INSIGHTS_STREAM],
            extensionJson: JSON.stringify({
              dataCollectionSettings: { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true },
            }),
          },
        ],
      },
    });
    this.association = new MonitorDataCollectionRuleAssociation(this, "Association", {
      name: "ContainerInsightsExtension",
      targetResourceId: props.clusterId,
      dataCollectionRuleId: this.resource.id,
      description: "Container Insights with managed identity authentication",
    });
  }
}
