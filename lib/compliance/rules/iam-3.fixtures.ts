import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the compliant cluster: user-assigned identities for the control plane and the kubelet", stack: clusterStack() },
    { name: "the identity block given as a list of objects", stack: clusterStack({ identity: [{ type: "UserAssigned", identity_ids: ["x"] }] }) },
  ],
  failing: [
    {
      name: "override identity.type",
      stack: clusterOverride("identity.type", "SystemAssigned"),
      failures: [{ address: DEFAULTS.cluster, problems: ["identity.type is 'SystemAssigned'; it must be 'UserAssigned'"] }],
    },
    {
      name: "override with a service principal",
      stack: clusterOverride("service_principal", { client_id: "app", client_secret: "s3cret" }),
      failures: [{ address: DEFAULTS.cluster, problems: [/has a service_principal block/] }],
    },
    {
      name: "a system-assigned identity, the block given as a list",
      stack: clusterStack({ identity: [{ type: "SystemAssigned" }] }),
      failures: [{ address: CLUSTER, problems: ["identity.type is 'SystemAssigned'; it must be 'UserAssigned'", "identity.identity_ids lists no user-assigned identity"] }],
    },
  ],
};
