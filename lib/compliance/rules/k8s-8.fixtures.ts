import { stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const DEPLOYMENT = "kubernetes_deployment_v1.api";
const probe = { http_get: { path: "/healthz", port: "8080" } };

function deployment(container: JsonObject) {
  return stackOf({ kubernetes_deployment_v1: { api: { metadata: { name: "api" }, spec: { template: { spec: { container: [{ name: "api", ...container }] } } } } } });
}

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the library's workloads", stack: { defaults: "in-cluster" } },
    { name: "both probes", stack: deployment({ readiness_probe: probe, liveness_probe: probe }), checks: [DEPLOYMENT] },
    {
      name: "a job needs no probes",
      stack: stackOf({ kubernetes_job_v1: { j: { metadata: { name: "j" }, spec: { template: { spec: { container: [{ name: "j" }] } } } } } }),
      checks: [],
    },
  ],
  failing: [
    { name: "no probes", stack: deployment({}), failures: [{ address: DEPLOYMENT, problems: ["container 'api' has no readiness_probe or liveness_probe"] }] },
    { name: "readiness only", stack: deployment({ readiness_probe: probe }), failures: [{ address: DEPLOYMENT, problems: ["container 'api' has no liveness_probe"] }] },
    {
      name: "remove the library deployment's liveness probe through the escape hatch",
      stack: { defaults: "in-cluster", change: (s) => s.resource("kubernetes_deployment_v1").override("spec.template.spec.container.0.liveness_probe", undefined) },
      failures: [{ address: /^kubernetes_deployment_v1\./, problems: [/has no liveness_probe$/] }],
    },
  ],
};
