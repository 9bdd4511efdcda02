import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the compliant cluster: local accounts disabled", stack: clusterStack() },
    { name: "true spelled as a string, which Terraform converts", stack: clusterStack({ local_account_disabled: "true" }) },
  ],
  failing: [
    {
      name: "override local_account_disabled",
      stack: clusterOverride("local_account_disabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: ["local_account_disabled is false; it must be true"] }],
    },
    {
      name: "false spelled as a string",
      stack: clusterStack({ local_account_disabled: "false" }),
      failures: [{ address: CLUSTER, problems: ["local_account_disabled is 'false'; it must be true"] }],
    },
    {
      name: "an expression known only at apply time does not pass a required literal",
      stack: clusterStack({ local_account_disabled: "${var.disable_local}" }),
      failures: [
        { address: CLUSTER, problems: ["local_account_disabled is the expression '${var.disable_local}', known only when Terraform runs; it must be the literal true"] },
      ],
    },
  ],
};
