import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

const networkProfile = (advancedNetworking?: Record<string, unknown>) => ({
  network_plugin: "azure",
  network_plugin_mode: "overlay",
  network_policy: "cilium",
  network_data_plane: "cilium",
  ...(advancedNetworking === undefined ? {} : { advanced_networking: advancedNetworking }),
});

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the library's cluster: ACNS security and observability on", stack: { defaults: "azure" } },
    { name: "both parts on, written as strings", stack: clusterStack({ network_profile: networkProfile({ security_enabled: "true", observability_enabled: "true" }) }), checks: [CLUSTER] },
  ],
  failing: [
    {
      name: "override ACNS security off (escape hatch)",
      stack: clusterOverride("network_profile.advanced_networking.security_enabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: ["network_profile.advanced_networking.security_enabled is false; it must be true"] }],
    },
    {
      name: "remove the advanced_networking block (escape hatch)",
      stack: clusterOverride("network_profile.advanced_networking", undefined),
      failures: [
        {
          address: DEFAULTS.cluster,
          problems: [
            "has no network_profile.advanced_networking block: Advanced Container Networking Services are off, so Cilium enforces no FQDN egress policy and no network flows are recorded",
          ],
        },
      ],
    },
    {
      name: "observability only, security left at the provider's default",
      stack: clusterStack({ network_profile: networkProfile({ observability_enabled: true }) }),
      failures: [{ address: CLUSTER, problems: ["network_profile.advanced_networking.security_enabled is not set (the provider then deploys false); it must be true"] }],
    },
    {
      name: "both parts from a variable",
      stack: clusterStack({ network_profile: networkProfile({ security_enabled: "${var.acns}", observability_enabled: false }) }),
      failures: [
        {
          address: CLUSTER,
          problems: [
            "network_profile.advanced_networking.security_enabled is the expression '${var.acns}', known only when Terraform runs; it must be the literal true",
            "network_profile.advanced_networking.observability_enabled is false; it must be true",
          ],
        },
      ],
    },
  ],
};
