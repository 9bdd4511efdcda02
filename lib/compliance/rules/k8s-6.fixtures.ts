import { stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const CRON_JOB = "kubernetes_cron_job_v1.c";
const container = (name: string, context: JsonObject = {}) => ({
  name,
  security_context: { allow_privilege_escalation: false, read_only_root_filesystem: true, capabilities: { drop: ["ALL"] }, ...context },
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
});
/** A cron job's pod template, with run_as_non_root and seccomp set on the pod. */
const cronJob = (containers: JsonObject[], init: JsonObject[] = []) =>
  stackOf({
    kubernetes_cron_job_v1: {
      c: {
        spec: {
          job_template: {
            spec: { template: { spec: { security_context: { run_as_non_root: true, seccomp_profile: { type: "RuntimeDefault" } }, container: containers, init_container: init } } },
          },
        },
      },
    },
  });

export const fixtures: RuleFixtures = {
  passing: [{ name: "pod-level settings in a cron job's template", stack: cronJob([container("job")]) }],
  failing: [
    {
      name: "override the container's root filesystem to writable",
      stack: {
        defaults: "in-cluster",
        change: (s) => s.resource("kubernetes_deployment_v1").override("spec.template.spec.container.0.security_context.read_only_root_filesystem", false),
      },
      failures: [{ address: /^kubernetes_deployment_v1\.OrdersApi_[0-9A-F]{8}$/, problems: ["container 'orders-api': security_context.read_only_root_filesystem is false; it must be true"] }],
    },
    {
      name: "override the pod's and container's run_as_non_root away",
      stack: {
        defaults: "in-cluster",
        change: (s) =>
          s
            .resource("kubernetes_deployment_v1")
            .override("spec.template.spec.security_context.run_as_non_root", undefined)
            .override("spec.template.spec.container.0.security_context.run_as_non_root", undefined),
      },
      failures: [{ address: /^kubernetes_deployment_v1\./, problems: ["container 'orders-api': run_as_non_root is not set (container or pod security_context); it must be true"] }],
    },
    {
      name: "a privileged init container that adds a capability",
      stack: cronJob([container("job")], [container("init", { privileged: true, capabilities: { drop: ["NET_RAW"], add: ["SYS_ADMIN"] } })]),
      failures: [
        {
          address: CRON_JOB,
          problems: [
            "init container 'init': security_context.privileged is true",
            `init container 'init': security_context.capabilities.drop is ["NET_RAW"]; it must include "ALL"`,
            `init container 'init': security_context.capabilities.add is ["SYS_ADMIN"]; only NET_BIND_SERVICE may be added`,
          ],
        },
      ],
    },
  ],
};
