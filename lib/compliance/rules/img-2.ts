import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { expectOneOf, problems } from "../terraform-json";

/** IMG-2: image cleaner on. */
export const IMG_2: ComplianceRule = {
  id: "IMG-2",
  name: "ImageCleanerEnabled",
  title: "Image cleaner on, removing stale vulnerable images from nodes",
  description: "Unused images stay on nodes with their vulnerabilities until something removes them; the image cleaner does, on a schedule.",
  severity: "low",
  fix: "HardenedCluster always sets image_cleaner_enabled = true (every imageCleanerIntervalHours, default 168); remove the override.",
  references: [R.aksImageCleaner],
  mappings: { mcsb: ["PV-6"] },
  resourceTypes: [CLUSTER],
  check: ({ config }) => problems(expectOneOf(config.image_cleaner_enabled, "image_cleaner_enabled", [true], false)),
};
