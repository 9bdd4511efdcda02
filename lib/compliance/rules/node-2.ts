import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, NODE_POOL, poolOf } from "../aks-json";
import { expectOneOf, isExpression, isSet, problems, show } from "../terraform-json";

/** NODE-2: zones for every pool, autoscaling with bounds. */
export const NODE_2: ComplianceRule = {
  id: "NODE-2",
  name: "ZonalBoundedAutoscaling",
  title: "Availability zones for every pool, autoscaling with bounds",
  description:
    "Pools spread over zones survive a zone outage; a bounded autoscaler absorbs load without growing cost (or an attacker's footprint) without limit.",
  severity: "low",
  fix: "Keep the pools' default zones (1, 2, 3) and autoscaler bounds (minCount, maxCount). In a region without zones, zones: [] is an opt-out: acknowledge NODE-2 with the reason.",
  references: [R.aksAvailabilityZones, R.aksClusterAutoscaler],
  mappings: {},
  resourceTypes: [CLUSTER, NODE_POOL],
  check: (resource) => {
    const { prefix, config } = poolOf(resource);
    const zones = config?.zones;
    const minCount = config?.min_count;
    const maxCount = config?.max_count;
    return problems(
      isExpression(zones)
        ? `${prefix}zones is the expression ${show(zones)}, known only when Terraform runs; list the zones`
        : Array.isArray(zones) && zones.length > 0
          ? undefined
          : `${prefix}zones lists no availability zone: one zone's outage takes the pool down`,
      expectOneOf(config?.auto_scaling_enabled, `${prefix}auto_scaling_enabled`, [true], false),
      isSet(minCount) && isSet(maxCount) ? undefined : `${prefix}min_count and ${prefix}max_count must both be set to bound the autoscaler; got ${show(minCount)} and ${show(maxCount)}`,
      typeof minCount === "number" && typeof maxCount === "number" && minCount > maxCount
        ? `${prefix}min_count ${minCount} is above ${prefix}max_count ${maxCount}`
        : undefined,
    );
  },
};
