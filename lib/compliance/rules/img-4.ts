import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { IMAGE_DIGEST_SUFFIX } from "../../facts";
import { POD_TEMPLATE_TYPES, podSpecOf } from "../kubernetes-json";
import { blocks, isExpression, show } from "../terraform-json";


/** IMG-4: images pinned by digest. */
export const IMG_4: ComplianceRule = {
  id: "IMG-4",
  name: "ImagesPinnedByDigest",
  title: "Every container image of the stack's workloads is pinned by digest (@sha256:...)",
  description:
    "A tag is a name anyone with push rights can move: the same manifest runs different code after a push, nodes that cached the old image keep running it (IfNotPresent), and what was scanned and reviewed is not what runs. A digest names the bytes.",
  severity: "medium",
  fix: "Give RestrictedDeployment an image with its digest, e.g. 'craksprod.azurecr.io/orders/api@sha256:<64 hex>' (az acr repository show -n <registry> --image <repo>:<tag> --query digest). A tag you must keep: Compliance.acknowledge(deployment, \"IMG-4\", reason). In Terraform: image = \"<repository>@sha256:<digest>\".",
  references: [R.k8sImages],
  mappings: { checkov: ["CKV_K8S_43"] },
  resourceTypes: POD_TEMPLATE_TYPES,
  check: (resource) => {
    const pod = podSpecOf(resource);
    if (!pod) return [];
    return [...blocks(pod.container), ...blocks(pod.init_container)].flatMap((container) => {
      const image = container.image;
      if (typeof image !== "string" || IMAGE_DIGEST_SUFFIX.test(image)) return [];
      // Part of the reference known only when Terraform runs: judge the written tail after the
      // last expression (`${var.registry}/orders/api:1.4.2` is visibly a tag); skip the image
      // when the expression may hold the tag or the digest.
      if (isExpression(image) && !/^\/[^${}]*:[\w][\w.-]{0,127}$/.test(image.slice(image.lastIndexOf("}") + 1))) return [];
      return [`container ${show(container.name)} runs ${show(image)}, pinned by tag, not by digest: the tag can move to other code`];
    });
  },
};
