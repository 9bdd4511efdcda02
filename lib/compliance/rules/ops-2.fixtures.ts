import type { RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const STACK = "terraform";
const withTerraform = (terraform: JsonObject) => ({ terraform, resource: {} });

export const fixtures: RuleFixtures = {
  passing: [{ name: "an azurerm backend", stack: withTerraform({ backend: { azurerm: {} } }) }],
  failing: [
    {
      name: "no backend",
      stack: { defaults: "azure", change: (s) => s.override("terraform.backend", undefined) },
      failures: [{ address: STACK, problems: [/^the stack configures no backend: cdktf then writes a local backend/] }],
    },
    {
      name: "override the backend to local",
      stack: { defaults: "azure", change: (s) => s.override("terraform.backend.azurerm", undefined).override("terraform.backend.local", { path: "terraform.tfstate" }) },
      failures: [{ address: STACK, problems: ["the stack uses the local backend ('terraform.tfstate'): the state with its secrets stays on the laptop or runner that applies it"] }],
    },
    { name: "another remote backend", stack: withTerraform({ backend: { s3: {} } }), failures: [{ address: STACK, problems: [/uses the 's3' backend, not azurerm/] }] },
    { name: "HCP Terraform", stack: withTerraform({ cloud: { organization: "o" } }), failures: [{ address: STACK, problems: [/HCP Terraform/] }] },
  ],
};
