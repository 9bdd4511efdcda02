import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, missingBlock } from "../aks-json";
import { block, problems } from "../terraform-json";

/** UPG-2: planned maintenance windows for both channels. */
export const UPG_2: ComplianceRule = {
  id: "UPG-2",
  name: "PlannedMaintenanceWindows",
  title: "Planned maintenance windows for cluster upgrades and node OS updates",
  description: "Without windows, automatic upgrades drain nodes at any hour, including peak traffic and incident response.",
  severity: "low",
  fix: "Keep upgradeWindow and nodeOsWindow (defaults Sunday and Saturday 00:00-04:00 UTC), or remove the override. In Terraform: maintenance_window_auto_upgrade and maintenance_window_node_os blocks.",
  references: [R.aksPlannedMaintenance],
  mappings: {},
  resourceTypes: [CLUSTER],
  check: ({ config }) =>
    problems(
      block(config, "maintenance_window_auto_upgrade") ? undefined : missingBlock("maintenance_window_auto_upgrade", "cluster upgrades may start at any time"),
      block(config, "maintenance_window_node_os") ? undefined : missingBlock("maintenance_window_node_os", "node OS updates may start at any time"),
    ),
};
