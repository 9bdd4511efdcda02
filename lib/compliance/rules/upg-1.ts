import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { expectOneOf, isExpression, problems, show } from "../terraform-json";

/** UPG-1: automatic upgrades on a channel; node OS patches applied automatically. */
export const UPG_1: ComplianceRule = {
  id: "UPG-1",
  name: "AutomaticUpgradeChannels",
  title: "Automatic cluster upgrades on a channel; node OS security patches applied automatically",
  description:
    "Clusters fall behind on Kubernetes and node OS security fixes unless the platform applies them; AKS then drops support for old versions.",
  severity: "medium",
  fix: "Keep automaticUpgradeChannel (\"patch\") and nodeOsUpgradeChannel (\"NodeImage\"), or remove the override. In Terraform: automatic_upgrade_channel other than \"none\", node_os_upgrade_channel = \"NodeImage\" or \"SecurityPatch\" (set explicitly: its provider default changed between major versions).",
  references: [R.aksAutoUpgrade, R.aksNodeOsAutoUpgrade],
  mappings: { mcsb: ["PV-6"], checkov: ["CKV_AZURE_171"] },
  resourceTypes: [CLUSTER],
  check: ({ config }) => {
    const channel = config.automatic_upgrade_channel;
    return problems(
      channel === undefined || channel === null
        ? "automatic_upgrade_channel is not set: the cluster is never upgraded automatically; use \"patch\", \"stable\", \"rapid\" or \"node-image\""
        : isExpression(channel)
          ? `automatic_upgrade_channel is the expression ${show(channel)}, known only when Terraform runs; set a channel`
          : String(channel).toLowerCase() === "none"
            ? "automatic_upgrade_channel is 'none': the cluster is never upgraded automatically"
            : undefined,
      expectOneOf(config.node_os_upgrade_channel, "node_os_upgrade_channel", ["NodeImage", "SecurityPatch"]),
    );
  },
};
