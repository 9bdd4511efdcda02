import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { APPLICATION_GATEWAY } from "../azurerm-json";
import { AGIC_MANAGED_BLOCKS, AZURE_ROLES } from "../../facts";
import {
  block,
  ignoresChanges,
  isExpression,
  normalizeReference,
  referencedResource,
  refersToPath,
  resourcesOfType,
  show,
  type JsonObject,
  type TerraformResource,
} from "../terraform-json";

/** Where the ingress controller's identity appears on its cluster. */
const AGIC_IDENTITY_PATH = "ingress_application_gateway[0].ingress_application_gateway_identity[0].object_id";

/** ING-4: AGIC gets exactly its roles, and Terraform leaves what AGIC manages alone. */
export const ING_4: ComplianceRule = {
  id: "ING-4",
  name: "IngressControllerLeastPrivilege",
  title: "The ingress controller's identity has only Contributor on its gateway, Reader on the gateway's resource group and Network Contributor on its subnet; the gateway ignores the blocks AGIC manages",
  description:
    "The Application Gateway Ingress Controller rewrites the gateway's listeners, pools and rules from the cluster's Ingress objects. Any broader role (Contributor on the resource group or subscription) lets a compromised controller change everything there; and unless Terraform ignores the blocks AGIC owns, every apply reverts them and cuts traffic.",
  severity: "medium",
  fix: "Give the cluster a WafIngress (ingress: waf): HardenedCluster grants exactly these three roles and the gateway ignores AGIC_MANAGED_BLOCKS. In Terraform: role assignments for ingress_application_gateway[0].ingress_application_gateway_identity[0].object_id only as Contributor on the gateway, Reader on its resource group and Network Contributor on its subnet; lifecycle { ignore_changes = [" +
    AGIC_MANAGED_BLOCKS.join(", ") +
    "] } on the gateway.",
  references: [R.appGatewayIngressController, R.rbacBestPractices, R.terraformLifecycle],
  mappings: {},
  resourceTypes: [APPLICATION_GATEWAY, CLUSTER],
  check: (resource, stack) => (resource.type === CLUSTER ? checkControllerRoles(resource, stack) : checkIgnoredBlocks(resource, stack)),
};

/** A gateway an ingress add-on in the stack points at must leave AGIC's blocks to it. */
function checkIgnoredBlocks(gateway: TerraformResource, stack: JsonObject): string[] {
  const managed = resourcesOfType(stack, CLUSTER).some((cluster) => referencedResource(stack, block(cluster.config, "ingress_application_gateway")?.gateway_id, APPLICATION_GATEWAY)?.address === gateway.address);
  if (!managed) return [];
  const missing = AGIC_MANAGED_BLOCKS.filter((name) => !ignoresChanges(gateway.config, name));
  return missing.length === 0
    ? []
    : [`lifecycle.ignore_changes does not cover ${missing.join(", ")}, which the ingress controller manages: the next apply would revert its changes and cut traffic`];
}

/** Every role assignment to the cluster's ingress controller identity is one of the three it needs. */
function checkControllerRoles(cluster: TerraformResource, stack: JsonObject): string[] {
  const agic = block(cluster.config, "ingress_application_gateway");
  if (!agic) return [];
  const gatewayId = agic.gateway_id;
  const gateway = referencedResource(stack, gatewayId, APPLICATION_GATEWAY);
  const gatewaySubnet = gateway ? block(gateway.config, "gateway_ip_configuration")?.subnet_id : undefined;
  const found: string[] = [];
  for (const assignment of resourcesOfType(stack, "azurerm_role_assignment")) {
    if (!refersToPath(assignment.config.principal_id, cluster, AGIC_IDENTITY_PATH)) continue;
    const role = roleName(assignment.config);
    const scope = assignment.config.scope;
    const allowed =
      (role === AZURE_ROLES.contributor.name.toLowerCase() && sameValue(scope, gatewayId)) ||
      (role === AZURE_ROLES.reader.name.toLowerCase() && isResourceGroupScope(scope, gatewayId)) ||
      (role === AZURE_ROLES.networkContributor.name.toLowerCase() && (gatewaySubnet !== undefined ? sameValue(scope, gatewaySubnet) : isSubnet(scope)));
    if (!allowed) {
      found.push(
        `the ingress controller's identity is granted ${show(assignment.config.role_definition_name ?? assignment.config.role_definition_id)} at scope ${show(scope)} (${assignment.address}); it needs only Contributor on the gateway, Reader on its resource group and Network Contributor on its subnet`,
      );
    }
  }
  return found;
}

function roleName(assignment: JsonObject): string {
  const name = assignment.role_definition_name;
  if (typeof name === "string" && !isExpression(name)) return name.trim().toLowerCase();
  return `unknown:${String(assignment.role_definition_id ?? name)}`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" && normalizeReference(a) === normalizeReference(b);
}

/**
 * A resource group scope: a resource group's id, a literal `/subscriptions/<id>/resourceGroups/<name>`,
 * or the first five segments of the gateway's id (how HardenedCluster writes it).
 */
function isResourceGroupScope(scope: unknown, gatewayId: unknown): boolean {
  if (typeof scope !== "string") return false;
  const normalized = normalizeReference(scope);
  if (/^\$\{(data\.)?azurerm_resource_group\.[^.}]+\.id\}$/.test(normalized)) return true;
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/?$/i.test(normalized)) return true;
  if (typeof gatewayId !== "string") return false;
  const gatewayRef = normalizeReference(gatewayId).replace(/^\$\{|\}$/g, "");
  return normalized === `\${join("/",slice(split("/",${gatewayRef}),0,5))}`;
}

function isSubnet(scope: unknown): boolean {
  if (typeof scope !== "string") return false;
  const normalized = normalizeReference(scope);
  return /^\$\{(data\.)?azurerm_subnet\.[^.}]+\.id\}$/.test(normalized) || /\/subnets\/[^/]+$/i.test(normalized);
}

