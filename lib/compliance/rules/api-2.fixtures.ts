import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, type FailingFixture, type RuleFixtures } from "../rule-fixture";

const publicCluster = (ranges: unknown) => clusterStack({ private_cluster_enabled: false, api_server_access_profile: { authorized_ip_ranges: ranges } });

const catchAll = (range: string): FailingFixture => ({
  name: `the catch-all ${range}`,
  stack: publicCluster(["203.0.113.0/24", range]),
  failures: [{ address: CLUSTER, problems: [`the API server is public and api_server_access_profile.authorized_ip_ranges contains the catch-all '${range}'`] }],
});

export const fixtures: RuleFixtures = {
  passing: [
    { name: "a public API server with specific ranges", stack: publicCluster(["203.0.113.0/24", "2001:db8::/48"]) },
    { name: "a private API server, whatever its ranges", stack: clusterStack({ private_cluster_enabled: true, api_server_access_profile: { authorized_ip_ranges: ["0.0.0.0/0"] } }) },
  ],
  failing: [
    {
      name: "override a private cluster to public without ranges",
      stack: clusterOverride("private_cluster_enabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: [/^the API server is public and api_server_access_profile\.authorized_ip_ranges lists no range/] }],
      alsoFails: ["API-1"],
    },
    catchAll("0.0.0.0/0"),
    catchAll("::/0"),
    catchAll("*"),
    catchAll("Internet"),
    catchAll("10.0.0.0/0"),
    {
      name: "ranges known only at apply time",
      stack: publicCluster("${var.ranges}"),
      failures: [{ address: CLUSTER, problems: [/is the expression '\$\{var\.ranges\}'/] }],
    },
  ],
};
