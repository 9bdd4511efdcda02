import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { AZURE_ROLES } from "../../facts";
import { block, isExpression, normalizeReference, reference, refersTo, refersToPath, resourcesOfType, type JsonObject, type TerraformResource } from "../terraform-json";

/** IMG-3: every cluster of the stack may pull from the stack's private registry. */
export const IMG_3: ComplianceRule = {
  id: "IMG-3",
  name: "ClustersCanPullFromRegistry",
  title: "Each cluster in the stack has AcrPull on the stack's private registry for its kubelet identity",
  description:
    "A private registry next to a cluster is there for the cluster's images; without AcrPull for the kubelet identity every pull fails with 401 on the first deployment, and nothing at synthesis said so. A registry that serves something else is acknowledged, with the reason.",
  severity: "medium",
  fix: "registry.grantPull(cluster) (PrivateRegistry); or Compliance.acknowledge(registry, \"IMG-3\", reason) when the registry is not for that cluster. In Terraform: an azurerm_role_assignment with role AcrPull, scope the registry's id, principal the cluster's kubelet_identity object id.",
  references: [R.aksAcrIntegration],
  mappings: { cisAks: ["5.1.3"] },
  resourceTypes: ["azurerm_container_registry"],
  check: (registry, stack) =>
    resourcesOfType(stack, CLUSTER)
      .filter((cluster) => !pullsFrom(cluster, registry, stack))
      .map(
        (cluster) =>
          `no AcrPull role assignment on this registry for the kubelet identity of ${cluster.constructPath} (${cluster.address}): its nodes could not pull images from it; call registry.grantPull(cluster)`,
      ),
};

function pullsFrom(cluster: TerraformResource, registry: TerraformResource, stack: JsonObject): boolean {
  const kubelet = block(cluster.config, "kubelet_identity")?.object_id;
  return resourcesOfType(stack, "azurerm_role_assignment").some(({ config }) => {
    const scope = config.scope;
    const onRegistry = refersTo(scope, registry) || (typeof scope === "string" && normalizeReference(scope).startsWith(`${reference(registry.type, registry.name)}/`));
    if (!onRegistry || !isAcrPull(config)) return false;
    const principal = config.principal_id;
    if (typeof principal !== "string") return false;
    return (typeof kubelet === "string" && normalizeReference(kubelet) === normalizeReference(principal)) || refersToPath(principal, cluster, "kubelet_identity[0].object_id");
  });
}

function isAcrPull(assignment: JsonObject): boolean {
  const name = assignment.role_definition_name;
  if (typeof name === "string" && !isExpression(name)) return name.trim().toLowerCase() === AZURE_ROLES.acrPull.name.toLowerCase();
  const id = assignment.role_definition_id;
  return typeof id === "string" && !isExpression(id) && id.toLowerCase().endsWith(AZURE_ROLES.acrPull.id);
}
