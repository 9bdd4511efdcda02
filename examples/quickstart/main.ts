// Quickstart: one environment of the hardened AKS platform, as two stacks.
// - `quickstart` (Azure): spoke network, hub with the egress firewall, WAF ingress, private
//   registry, vault with the cluster's keys, workspace, cluster, and one application's
//   workload identity.
// - `quickstart-baseline` (in-cluster): the application's locked-down namespace, service
//   account, SecretProviderClass and deployment, plus the developers' read-only role.
// `npm run synth` writes both to cdktf.out/stacks/. State is local, for trying it out; see
// examples/multi-env for remote state and several environments.
import { App, TerraformStack } from "cdktf";
import { Compliance, EnvironmentState, disableTokenStackTraces } from "hardened-aks";
import { buildBaseline, buildPlatform } from "../platform/platform";

/** Local state files, recorded in the compliance report as an acknowledged opt-out (OPS-2). */
const state = EnvironmentState.localForTrial("Quickstart for trying the library out; shared environments use remote state (examples/multi-env).");

/**
 * Builds the quickstart app (stacks `<id>` and `<id>-baseline`); exported so tests and the
 * benchmark synthesize exactly what users run. The
 * compliance check fails synthesis on any weakened control and writes its reports next to
 * each stack's Terraform.
 */
export function buildQuickstart(app: App = new App(), id = "quickstart"): App {
  // Synthesis speed over the creation traces of unresolvable tokens (see disableTokenStackTraces).
  disableTokenStackTraces();
  const azure = new TerraformStack(app, id);
  state.configure(azure, id);
  const platform = buildPlatform(azure, {
    suffix: "quickstart",
    location: "westeurope",
    spokeAddressSpace: "10.240.0.0/16",
    hubAddressSpace: "10.200.0.0/24",
    appPool: { vmSize: "Standard_D4ds_v5" },
  });
  const baseline = new TerraformStack(app, `${id}-baseline`);
  state.configure(baseline, `${id}-baseline`);
  buildBaseline(baseline, platform, { registryLoginServer: "craksquickstart.azurecr.io" });

  Compliance.check(app);
  return app;
}

if (require.main === module) {
  buildQuickstart().synth();
}
