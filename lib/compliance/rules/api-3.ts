import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { expectOneOf, problems } from "../terraform-json";

/** API-3: run command off. */
export const API_3: ComplianceRule = {
  id: "API-3",
  name: "RunCommandDisabled",
  title: "Run command disabled unless asked for",
  description:
    "`az aks command invoke` runs kubectl in the cluster through the Azure control plane, bypassing the private network path of API-1.",
  severity: "medium",
  fix: "Leave runCommandEnabled unset (false), or remove the override. In Terraform: run_command_enabled = false. Needing it is an opt-out: acknowledge API-3 with the reason.",
  references: [R.aksRunCommand],
  mappings: {},
  resourceTypes: [CLUSTER],
  check: ({ config }) => problems(expectOneOf(config.run_command_enabled, "run_command_enabled", [false], true)),
};
