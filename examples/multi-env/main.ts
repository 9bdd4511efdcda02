// Three environments of the hardened platform from one definition: dev, stage and prod, each
// with an Azure stack and an in-cluster stack, each stack with its own remote state.
// Only names, sizes and address ranges differ; synthesis fails if the security posture of
// the environments drifts apart, unless the difference is accepted with a reason.
//
// Deploy per environment, Azure stack first:
//   cdktf deploy dev-platform && cdktf deploy dev-baseline
import { App } from "cdktf";
import { Compliance, EnvironmentState, disableTokenStackTraces, PlatformEnvironments, type Environment, type NodePoolOptions } from "hardened-aks";
import { buildBaseline, buildPlatform } from "../platform/platform";

/** What differs between environments by design. */
export interface Sizing {
  readonly spokeAddressSpace: string;
  readonly hubAddressSpace: string;
  readonly appPool: NodePoolOptions;
}

/** Remote state: one storage account, one blob per stack (`<env>-<role>.tfstate`). */
const state = EnvironmentState.azurerm({
  resourceGroupName: "rg-platform-tfstate",
  storageAccountName: "stplatformtfstate",
  containerName: "tfstate",
});

/**
 * The platform's one definition, called for each environment: its Azure stack, then its
 * in-cluster stack. Exported so the benchmark builds any number of environments with it.
 */
export function defineEnvironment(env: Environment<Sizing>): void {
  const platform = buildPlatform(env.stack("platform"), {
    suffix: env.name,
    location: "westeurope",
    spokeAddressSpace: env.sizing.spokeAddressSpace,
    hubAddressSpace: env.sizing.hubAddressSpace,
    appPool: env.sizing.appPool,
  });
  buildBaseline(env.stack("baseline"), platform, { registryLoginServer: `craks${env.name}.azurecr.io` });
}

/** Builds the multi-environment app; exported so tests and the benchmark synthesize it. */
export function buildMultiEnv(app: App = new App()): App {
  // Synthesis speed over the creation traces of unresolvable tokens (see disableTokenStackTraces).
  disableTokenStackTraces();
  new PlatformEnvironments<Sizing>(app, {
    environments: [
      {
        name: "dev",
        addressSpaces: ["10.240.0.0/16", "10.200.0.0/24"],
        sizing: { spokeAddressSpace: "10.240.0.0/16", hubAddressSpace: "10.200.0.0/24", appPool: { vmSize: "Standard_D4ds_v5", minCount: 3, maxCount: 6 } },
        state,
      },
      {
        name: "stage",
        addressSpaces: ["10.241.0.0/16", "10.200.1.0/24"],
        sizing: { spokeAddressSpace: "10.241.0.0/16", hubAddressSpace: "10.200.1.0/24", appPool: { vmSize: "Standard_D4ds_v5", minCount: 3, maxCount: 10 } },
        state,
      },
      {
        name: "prod",
        production: true,
        addressSpaces: ["10.242.0.0/16", "10.200.2.0/24"],
        sizing: { spokeAddressSpace: "10.242.0.0/16", hubAddressSpace: "10.200.2.0/24", appPool: { vmSize: "Standard_D8ds_v5", minCount: 3, maxCount: 30 } },
        state,
      },
    ],
    define: defineEnvironment,
  });
  Compliance.check(app);
  return app;
}

if (require.main === module) {
  buildMultiEnv().synth();
}
