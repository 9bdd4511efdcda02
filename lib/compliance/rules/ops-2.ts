import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { isObject, show } from "../terraform-json";

/** OPS-2: remote state in Azure Storage, never local files. */
export const OPS_2: ComplianceRule = {
  id: "OPS-2",
  name: "RemoteStateInAzure",
  title: "The stack keeps its state remotely in Azure Storage (backend \"azurerm\"), never in local files",
  description:
    "Terraform state holds secrets in plain text (kubeconfigs, keys' ids, identities) and is the only record of what was deployed. A local state file sits on one laptop or runner: it leaks with it, is lost with it, and two people applying at once corrupt the environment. A remote azurerm backend, one state per environment and stack, is locked while in use and protected by Entra ID.",
  severity: "medium",
  fix: "Configure the stack with EnvironmentState.azurerm({ ... }) (or new AzurermBackend(stack, { ..., useAzureadAuth: true })). Local state while trying the library out (EnvironmentState.localForTrial) is an opt-out: acknowledge OPS-2 with the reason.",
  references: [R.terraformStateInAzure],
  mappings: {},
  resourceTypes: [],
  check: ({ config: stack }) => {
    const terraform = isObject(stack.terraform) ? stack.terraform : {};
    const backend = isObject(terraform.backend) ? terraform.backend : {};
    const kinds = Object.keys(backend);
    if (kinds.includes("azurerm")) return [];
    if (isObject(terraform.cloud)) {
      return ["the stack's state is in HCP Terraform (terraform.cloud), not in an azurerm backend: state holding this platform's secrets leaves your Azure tenant"];
    }
    if (kinds.length === 0) {
      return ["the stack configures no backend: cdktf then writes a local backend, so the state with its secrets stays on the laptop or runner that applies it"];
    }
    if (kinds.includes("local")) {
      return [`the stack uses the local backend (${show(isObject(backend.local) ? backend.local.path : undefined)}): the state with its secrets stays on the laptop or runner that applies it`];
    }
    return [`the stack uses the ${kinds.map((k) => show(k)).join(", ")} backend, not azurerm: the catalogue keeps state in Azure Storage with Entra ID authentication`];
  },
};
