import { CLUSTER, DEFAULTS, appsPoolOverride, clusterStack, compliantCluster, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const pool = compliantCluster().default_node_pool as JsonObject;

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the compliant cluster: Azure Linux", stack: clusterStack() },
    { name: "Ubuntu (a supported image; NODE-3 asks for Azure Linux)", stack: clusterStack({ default_node_pool: { ...pool, os_sku: "Ubuntu" } }) },
    { name: "an os_sku from a Terraform variable, known only when Terraform runs", stack: clusterStack({ default_node_pool: { ...pool, os_sku: "${var.os_sku}" } }) },
  ],
  failing: [
    {
      name: "override a user pool to Azure Linux 2.0 by its earlier name",
      stack: appsPoolOverride("os_sku", "CBLMariner"),
      failures: [{ address: DEFAULTS.appsPool, problems: ["os_sku is 'CBLMariner', Azure Linux 2.0, which AKS stopped supporting on 2025-11-30; it must be a supported image such as 'AzureLinux'"] }],
    },
    {
      name: "a system pool on Ubuntu 18.04",
      stack: clusterStack({ default_node_pool: { ...pool, os_sku: "Ubuntu1804" } }),
      failures: [{ address: CLUSTER, problems: [/^default_node_pool\.os_sku is 'Ubuntu1804', Ubuntu 18\.04, which AKS stopped supporting on 2025-06-17/] }],
    },
  ],
};
