import { stackOf, type RuleFixtures } from "../rule-fixture";

const DEPLOYMENT = "kubernetes_deployment_v1.api";
const DIGEST = "sha256:" + "a".repeat(64);

function deployment(image: string, init?: string) {
  return stackOf({
    kubernetes_deployment_v1: {
      api: {
        metadata: { name: "api" },
        spec: { template: { spec: { container: [{ name: "api", image }], init_container: init === undefined ? undefined : [{ name: "init", image: init }] } } },
      },
    },
  });
}

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the library's workloads", stack: { defaults: "in-cluster" } },
    { name: "a digest", stack: deployment(`craksprod.azurecr.io/orders/api@${DIGEST}`), checks: [DEPLOYMENT] },
    { name: "a tag and a digest", stack: deployment(`craksprod.azurecr.io/orders/api:1.4.2@${DIGEST}`), checks: [DEPLOYMENT] },
    { name: "an image known only when Terraform runs", stack: deployment("${var.image}"), checks: [DEPLOYMENT] },
    { name: "a registry from a variable, pinned by digest", stack: deployment(`\${var.registry}/orders/api@${DIGEST}`), checks: [DEPLOYMENT] },
    { name: "a tag from a variable", stack: deployment("craksprod.azurecr.io/orders/api:${var.tag}"), checks: [DEPLOYMENT] },
  ],
  failing: [
    { name: "a tag", stack: deployment("craksprod.azurecr.io/orders/api:1.4.2"), failures: [{ address: DEPLOYMENT, problems: [/^container 'api' runs 'craksprod\.azurecr\.io\/orders\/api:1\.4\.2', pinned by tag/] }] },
    {
      name: "a registry from a variable and a written tag",
      stack: deployment("${var.registry}/orders/api:1.4.2"),
      failures: [{ address: DEPLOYMENT, problems: [/^container 'api' runs '\$\{var\.registry\}\/orders\/api:1\.4\.2', pinned by tag/] }],
    },
    {
      name: "an init container by tag",
      stack: deployment(`craksprod.azurecr.io/orders/api@${DIGEST}`, "busybox:1.36"),
      failures: [{ address: DEPLOYMENT, problems: [/^container 'init' runs 'busybox:1\.36'/] }],
    },
    {
      name: "override the library deployment's image to a tag",
      stack: { defaults: "in-cluster", change: (s) => s.resource("kubernetes_deployment_v1").override("spec.template.spec.container.0.image", "craksprod.azurecr.io/app:2.0.0") },
      failures: [{ address: /^kubernetes_deployment_v1\./, problems: [/pinned by tag, not by digest/] }],
    },
  ],
};
