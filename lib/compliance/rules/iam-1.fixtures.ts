import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster: Entra ID, Azure RBAC and an admin group", stack: clusterStack() }],
  failing: [
    {
      name: "override azure_rbac_enabled",
      stack: clusterOverride("azure_active_directory_role_based_access_control.azure_rbac_enabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: ["azure_active_directory_role_based_access_control.azure_rbac_enabled is false; it must be true"] }],
    },
    {
      name: "override role_based_access_control_enabled",
      stack: clusterOverride("role_based_access_control_enabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: ["role_based_access_control_enabled is false; it must be true"] }],
    },
    {
      name: "no Entra admin group",
      stack: clusterStack({ azure_active_directory_role_based_access_control: { azure_rbac_enabled: true, admin_group_object_ids: [] } }),
      failures: [{ address: CLUSTER, problems: [/admin_group_object_ids lists no Entra group/] }],
    },
    {
      name: "no Entra block",
      stack: clusterStack({ azure_active_directory_role_based_access_control: undefined }),
      failures: [{ address: CLUSTER, problems: [/has no azure_active_directory_role_based_access_control block/] }],
    },
  ],
};
