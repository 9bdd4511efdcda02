// Placeholders the examples share: values that pass validation, to replace with your own.

/** Your Entra ID tenant id: replace. */
export const TENANT_ID = "00000000-0000-0000-0000-000000000000";
/** Object id of the Entra group of your platform admins (cluster admins): replace. */
export const PLATFORM_ADMINS_GROUP_ID = "11111111-1111-1111-1111-111111111111";
/** Object id of the Entra group of the orders team (admins of its namespace): replace. */
export const ORDERS_TEAM_GROUP_ID = "22222222-2222-2222-2222-222222222222";
/** Object id of the Entra group of your developers (read-only in the cluster): replace. */
export const DEVELOPERS_GROUP_ID = "33333333-3333-3333-3333-333333333333";
/**
 * Resource id of the network your CI runners run in (the platform peers it with its
 * networks and links its private DNS zones to it): replace.
 */
export const RUNNER_NETWORK_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ci-runners/providers/Microsoft.Network/virtualNetworks/vnet-ci-runners";

/**
 * Resource id of the network one environment's runners run in: replace. Each environment
 * deploys from its own runner network (prod's runners apart from dev's), and Azure refuses
 * to link one network to two private DNS zones of the same name, which sharing would need.
 */
export function runnerNetworkId(environment: string): string {
  return `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ci-runners/providers/Microsoft.Network/virtualNetworks/vnet-ci-runners-${environment}`;
}
