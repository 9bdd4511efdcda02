import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, missingBlock } from "../aks-json";
import { block, isSet, problems } from "../terraform-json";

/** MON-3: Microsoft Defender for Containers on the cluster. */
export const MON_3: ComplianceRule = {
  id: "MON-3",
  name: "DefenderForContainers",
  title: "Microsoft Defender for Containers profile on the cluster",
  description: "The Defender sensor detects runtime threats on the nodes and in the control plane, and reports to the workspace.",
  severity: "medium",
  fix: "HardenedCluster always sets the microsoft_defender profile; remove the override. In Terraform: microsoft_defender { log_analytics_workspace_id = ... }.",
  references: [R.defenderForContainers, R.aksClusterSecurity],
  mappings: { mcsb: ["LT-1"] },
  resourceTypes: [CLUSTER],
  check: ({ config }) => {
    const defender = block(config, "microsoft_defender");
    return problems(
      defender ? undefined : missingBlock("microsoft_defender", "the Defender sensor does not run"),
      defender && !isSet(defender.log_analytics_workspace_id) ? "microsoft_defender.log_analytics_workspace_id is not set" : undefined,
    );
  },
};
