import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, NODE_POOL, poolOf } from "../aks-json";
import { isExpression, show } from "../terraform-json";
import { RETIRED_NODE_OS_SKUS } from "../../facts";

// What the fix says about changing os_sku rests on azurerm v4.55.0
// kubernetes_cluster_node_pool_resource.go, CustomizeDiff ForceNewIfChange("os_sku") (L68-92),
// and kubernetes_cluster_resource.go's rotation of the default pool (L2612-2622).

/** NODE-5: no node pool on an OS image AKS no longer supports. */
export const NODE_5: ComplianceRule = {
  id: "NODE-5",
  name: "NodeOsImageSupported",
  title: "No node pool on a retired OS image (Azure Linux 2.0, Ubuntu 18.04, Windows Server 2019)",
  description:
    "AKS stops publishing node images, and so security patches, for an OS version at its end of support, and later stops scaling and upgrading pools that still run it. A pool on Azure Linux 2.0 (`CBLMariner`, `Mariner`, `AzureLinux2`, retired 2025-11-30), Ubuntu 18.04 (2025-06-17) or Windows Server 2019 (2026-03-01) runs unpatched nodes. The table is exported as `RETIRED_NODE_OS_SKUS`, its sources in its documentation.",
  severity: "high",
  fix: "Leave the pools' osSku at its default, \"AzureLinux\" (Azure Linux 3.0 from Kubernetes 1.32), or pick \"Ubuntu\"; remove the override. In Terraform: os_sku = \"AzureLinux\" on default_node_pool and every azurerm_kubernetes_cluster_node_pool. From Ubuntu1804 or AzureLinux2 the change is in place; from CBLMariner, Mariner or Windows2019 azurerm 4.55 replaces a separate node pool (its CustomizeDiff forces a new pool unless the old and new os_sku both start with Ubuntu or AzureLinux) and rotates the default pool through temporary_name_for_rotation: add the new pool before removing the old one.",
  references: [R.aksAzureLinux, R.aksNodeImages],
  mappings: {},
  resourceTypes: [CLUSTER, NODE_POOL],
  check: (resource) => {
    const { prefix, config } = poolOf(resource);
    const sku = config?.os_sku;
    if (typeof sku !== "string" || isExpression(sku)) return [];
    const retired = Object.entries(RETIRED_NODE_OS_SKUS).find(([name]) => name.toLowerCase() === sku.toLowerCase())?.[1];
    return retired ? [`${prefix}os_sku is ${show(sku)}, ${retired.image}, which AKS stopped supporting on ${retired.retired}; it must be a supported image such as 'AzureLinux'`] : [];
  },
};
