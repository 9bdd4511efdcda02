import { Deployer, type HardenedPlatformProps } from "hardened-aks";
import { ADMIN_GROUP_ID, TENANT_ID } from "../helpers";

/** The network the deployer's runners are in. */
export const RUNNER_VNET = "/subscriptions/s/resourceGroups/rg-ci/providers/Microsoft.Network/virtualNetworks/vnet-ci";

/** A platform's props with only what the library cannot choose, and the overrides. */
export function platformProps(overrides: Partial<HardenedPlatformProps> = {}): HardenedPlatformProps {
  return {
    name: "test",
    location: "westeurope",
    tenantId: TENANT_ID,
    adminGroupObjectIds: [ADMIN_GROUP_ID],
    addressPlan: { spoke: "10.240.0.0/16", hub: "10.200.0.0/24" },
    deployer: Deployer.runnerInNetwork({ virtualNetworkId: RUNNER_VNET }),
    ...overrides,
  };
}
