import { DEFAULTS, appsPoolOverride, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster: Azure CNI, the system pool in its subnet", stack: clusterStack() }],
  failing: [
    {
      name: "override network_plugin",
      stack: clusterOverride("network_profile.network_plugin", "kubenet"),
      failures: [{ address: DEFAULTS.cluster, problems: ["network_profile.network_plugin is 'kubenet'; it must be 'azure'"] }],
    },
    {
      name: "override a user pool's subnet away",
      stack: appsPoolOverride("vnet_subnet_id", undefined),
      failures: [{ address: DEFAULTS.appsPool, problems: [/^vnet_subnet_id is not set/] }],
    },
  ],
};
