import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { hasPrivateEndpoint } from "../azurerm-json";
import { AZURE_ROLES, PRIVATE_LINK_SUBRESOURCES } from "../../facts";
import {
  block,
  expectOneOf,
  isExpression,
  normalizeReference,
  problems,
  reference,
  refersTo,
  refersToPath,
  resourcesOfType,
  show,
  type JsonObject,
  type TerraformResource,
} from "../terraform-json";

export const CONTAINER_REGISTRY = "azurerm_container_registry";

/** IMG-1: a private registry; the kubelet pulls with AcrPull only. */
export const IMG_1: ComplianceRule = {
  id: "IMG-1",
  name: "PrivateRegistryAcrPullOnly",
  title: "Private container registry: Premium, admin user, anonymous pull, public network access and export off, private endpoint; clusters' kubelet identities get AcrPull only",
  description:
    "Images are the code that runs in the cluster. The admin user is a shared static credential; anonymous pull and public access expose every image; export lets images leave the registry; anything more than AcrPull for a kubelet identity lets a compromised node push or delete images. Premium is the tier with private endpoints.",
  severity: "high",
  fix: "Use PrivateRegistry and grant clusters with registry.grantPull(cluster). In Terraform: sku = \"Premium\", admin_enabled = false, anonymous_pull_enabled = false, public_network_access_enabled = false, export_policy_enabled = false, an azurerm_private_endpoint to the registry (subresource \"registry\"), and only AcrPull role assignments on it for kubelet identities.",
  references: [R.aksAcrIntegration, R.acrPrivateLink],
  mappings: { cisAks: ["5.1.2", "5.1.3"], checkov: ["CKV_AZURE_137", "CKV_AZURE_138", "CKV_AZURE_139"] },
  resourceTypes: [CONTAINER_REGISTRY],
  check: (registry, stack) => {
    const { config } = registry;
    return problems(
      expectOneOf(config.sku, "sku", ["Premium"]),
      expectOneOf(config.admin_enabled, "admin_enabled", [false], false),
      expectOneOf(config.anonymous_pull_enabled, "anonymous_pull_enabled", [false], false),
      expectOneOf(config.public_network_access_enabled, "public_network_access_enabled", [false], true),
      expectOneOf(config.export_policy_enabled, "export_policy_enabled", [false], true),
      hasPrivateEndpoint(registry, PRIVATE_LINK_SUBRESOURCES.containerRegistry, stack)
        ? undefined
        : "no azurerm_private_endpoint in the stack connects to this registry (subresource 'registry'): nodes would pull over a public endpoint",
      ...kubeletGrants(registry, stack),
    );
  },
};

/** Problems with role assignments on the registry (or inside it) to a cluster's kubelet identity. */
function kubeletGrants(registry: TerraformResource, stack: JsonObject): string[] {
  const kubelets = kubeletPrincipals(stack);
  const registryRef = reference(registry.type, registry.name);
  const found: string[] = [];
  for (const assignment of resourcesOfType(stack, "azurerm_role_assignment")) {
    const scope = assignment.config.scope;
    const onRegistry = refersTo(scope, registry) || (typeof scope === "string" && normalizeReference(scope).startsWith(`${registryRef}/`));
    if (!onRegistry || !isKubelet(assignment.config.principal_id, kubelets, stack)) continue;
    if (!isAcrPull(assignment.config)) {
      found.push(
        `${assignment.address} grants a kubelet identity ${show(assignment.config.role_definition_name ?? assignment.config.role_definition_id)} on the registry; it needs only AcrPull`,
      );
    }
  }
  return found;
}

/** The kubelet identities' object ids, as the clusters of the stack write them. */
function kubeletPrincipals(stack: JsonObject): string[] {
  return resourcesOfType(stack, CLUSTER)
    .map((cluster) => block(cluster.config, "kubelet_identity")?.object_id)
    .filter((id): id is string => typeof id === "string")
    .map(normalizeReference);
}

function isKubelet(principal: unknown, kubelets: readonly string[], stack: JsonObject): boolean {
  if (typeof principal !== "string") return false;
  if (kubelets.includes(normalizeReference(principal))) return true;
  // A cluster whose kubelet identity AKS created: its object id is an attribute of the cluster.
  return resourcesOfType(stack, CLUSTER).some((cluster) => refersToPath(principal, cluster, "kubelet_identity[0].object_id"));
}

function isAcrPull(assignment: JsonObject): boolean {
  const name = assignment.role_definition_name;
  if (typeof name === "string" && !isExpression(name)) return name.trim().toLowerCase() === AZURE_ROLES.acrPull.name.toLowerCase();
  const id = assignment.role_definition_id;
  return typeof id === "string" && !isExpression(id) && id.toLowerCase().endsWith(AZURE_ROLES.acrPull.id);
}
