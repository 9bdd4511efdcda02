// The bad-input rules of Managed Prometheus: small pure functions, tested directly.
import { azureLocation, describe, isToken, matches, required, resourceGroupName, tags, type Verdict } from "../private/validate";
import type { ManagedGrafanaOptions, ManagedPrometheusPrivateEndpointOptions, ManagedPrometheusProps } from "./managed-prometheus";

/** azurerm 4.55's rule for Managed Grafana names (`dashboard_grafana_resource.go`, `name`). */
const GRAFANA_NAME = /^[a-zA-Z][-a-zA-Z\d]{0,21}[a-zA-Z\d]$/;

/** An action group's resource id, as Azure Monitor's alert actions take it. */
const ACTION_GROUP_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/microsoft\.insights\/actionGroups\/[^/]+$/i;

/** Every verdict on ManagedPrometheus's props, required props first. */
export function managedPrometheusVerdicts(props: ManagedPrometheusProps): Verdict[] {
  const missing = [
    required("clusterId", props?.clusterId, "string", "cluster.clusterId"),
    required("clusterName", props?.clusterName, "string", "'aks-prod'"),
    required("resourceGroupName", props?.resourceGroupName, "string", "'rg-aks-prod'"),
    required("location", props?.location, "string", "'westeurope'"),
  ];
  if (missing.some((verdict) => verdict !== undefined)) return missing;
  return [
    resourceGroupName("resourceGroupName", props.resourceGroupName),
    azureLocation("location", props.location),
    tags("tags", props.tags),
    workspaceName("workspaceName", props.workspaceName),
    booleanOrUnset("publicNetworkAccessEnabled", props.publicNetworkAccessEnabled, false),
    ...actionGroupIds("alertActionGroupIds", props.alertActionGroupIds),
    ...grafanaVerdicts("grafana", props.grafana),
    ...privateEndpointVerdicts("privateEndpoint", props.privateEndpoint),
  ];
}

/** The workspace's name: letters, digits and hyphens, starting and ending with a letter or digit. */
export function workspaceName(prop: string, value: string | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (typeof value !== "string") return `${prop} must be a string such as 'amw-aks-prod'; got ${describe(value)}. Leave it unset for 'amw-<clusterName>'.`;
  return matches(prop, value, /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/, "letters, digits or hyphens, starting and ending with a letter or digit, e.g. 'amw-aks-prod'");
}

/**
 * The action groups the alerts notify: a list of action group resource ids. An entry that is
 * a token is left to Terraform.
 */
export function actionGroupIds(prop: string, value: readonly string[] | undefined): Verdict[] {
  if (value === undefined || isToken(value)) return [];
  if (!Array.isArray(value)) {
    return [`${prop} must be a list of action group resource ids; got ${describe(value)}. Pass [actionGroup.id], or leave it unset to page nobody.`];
  }
  return value.map((id, i) =>
    isToken(id) || (typeof id === "string" && ACTION_GROUP_ID.test(id))
      ? undefined
      : `${prop}[${i}] must be an action group's resource id, '/subscriptions/<id>/resourceGroups/<group>/providers/microsoft.insights/actionGroups/<name>'; got ${describe(id)}. Pass the id of an azurerm_monitor_action_group (its .id).`,
  );
}

/** The workspace's private endpoint: an object with the subnet it goes in. */
export function privateEndpointVerdicts(prop: string, value: ManagedPrometheusPrivateEndpointOptions | undefined): Verdict[] {
  if (value === undefined) return [];
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [`${prop} must be an object such as { subnetId: network.privateEndpointsSubnetId }; got ${describe(value)}. Leave it unset for no private endpoint.`];
  }
  return [required(`${prop}.subnetId`, value.subnetId, "string", "network.privateEndpointsSubnetId")];
}

/** The opt-in Grafana: an object with a valid name, a version azurerm accepts, a boolean. */
export function grafanaVerdicts(prop: string, value: ManagedGrafanaOptions | undefined): Verdict[] {
  if (value === undefined) return [];
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [`${prop} must be an object such as { name: 'graf-aks-prod' }; got ${describe(value)}. Leave it unset for no Grafana.`];
  }
  const version = value.majorVersion;
  return [
    required(`${prop}.name`, value.name, "string", "'graf-aks-prod'"),
    typeof value.name === "string"
      ? matches(`${prop}.name`, value.name, GRAFANA_NAME, "2-23 letters, digits or hyphens, starting with a letter and ending with a letter or digit (Azure Managed Grafana's rule)")
      : undefined,
    version === undefined || isToken(version) || version === "10" || version === "11"
      ? undefined
      : `${prop}.majorVersion must be the string '10' or '11' (the Grafana versions azurerm 4.55 accepts); got ${describe(version)}. Leave it unset for '11'.`,
    booleanOrUnset(`${prop}.publicNetworkAccessEnabled`, value.publicNetworkAccessEnabled, false),
  ];
}

/** A boolean prop: true, false, unset or a token. */
export function booleanOrUnset(prop: string, value: unknown, secureDefault: boolean): Verdict {
  if (value === undefined || isToken(value) || typeof value === "boolean") return undefined;
  return `${prop} must be true or false; got ${describe(value)}. Leave it unset for ${secureDefault} (the secure default).`;
}
