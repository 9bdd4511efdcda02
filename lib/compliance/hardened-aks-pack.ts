import type { ComplianceRule, PendingControl, RulePack } from "./rule";
import { API_1 } from "./rules/api-1";
import { API_2 } from "./rules/api-2";
import { API_3 } from "./rules/api-3";
import { EGR_1 } from "./rules/egr-1";
import { EGR_2 } from "./rules/egr-2";
import { IAM_1 } from "./rules/iam-1";
import { IAM_2 } from "./rules/iam-2";
import { IAM_3 } from "./rules/iam-3";
import { IAM_4 } from "./rules/iam-4";
import { IAM_5 } from "./rules/iam-5";
import { IMG_1 } from "./rules/img-1";
import { IMG_2 } from "./rules/img-2";
import { ING_1 } from "./rules/ing-1";
import { ING_2 } from "./rules/ing-2";
import { ING_3 } from "./rules/ing-3";
import { ING_4 } from "./rules/ing-4";
import { K8S_1 } from "./rules/k8s-1";
import { K8S_2 } from "./rules/k8s-2";
import { K8S_3 } from "./rules/k8s-3";
import { K8S_4 } from "./rules/k8s-4";
import { K8S_5 } from "./rules/k8s-5";
import { K8S_6 } from "./rules/k8s-6";
import { MON_1 } from "./rules/mon-1";
import { MON_2 } from "./rules/mon-2";
import { MON_3 } from "./rules/mon-3";
import { NET_1 } from "./rules/net-1";
import { NET_2 } from "./rules/net-2";
import { NET_3 } from "./rules/net-3";
import { NET_4 } from "./rules/net-4";
import { NODE_1 } from "./rules/node-1";
import { NODE_2 } from "./rules/node-2";
import { NODE_3 } from "./rules/node-3";
import { NODE_4 } from "./rules/node-4";
import { OPS_2 } from "./rules/ops-2";
import { OPS_3 } from "./rules/ops-3";
import { OPS_4 } from "./rules/ops-4";
import { POL_1 } from "./rules/pol-1";
import { SEC_1 } from "./rules/sec-1";
import { SEC_2 } from "./rules/sec-2";
import { SEC_3 } from "./rules/sec-3";
import { SEC_4 } from "./rules/sec-4";
import { SEC_5 } from "./rules/sec-5";
import { UPG_1 } from "./rules/upg-1";
import { UPG_2 } from "./rules/upg-2";
import { UPG_3 } from "./rules/upg-3";

/** Every rule of the hardening catalogue that is evaluated, in the catalogue's order. */
export const HARDENED_AKS_RULES: readonly ComplianceRule[] = [
  IAM_1,
  IAM_2,
  IAM_3,
  IAM_4,
  IAM_5,
  API_1,
  API_2,
  API_3,
  NET_1,
  NET_2,
  NET_3,
  NET_4,
  EGR_1,
  EGR_2,
  ING_1,
  ING_2,
  ING_3,
  ING_4,
  SEC_1,
  SEC_2,
  SEC_3,
  SEC_4,
  SEC_5,
  IMG_1,
  IMG_2,
  NODE_1,
  NODE_2,
  NODE_3,
  NODE_4,
  UPG_1,
  UPG_2,
  UPG_3,
  MON_1,
  MON_2,
  MON_3,
  POL_1,
  K8S_1,
  K8S_2,
  K8S_3,
  K8S_4,
  K8S_5,
  K8S_6,
  OPS_2,
  OPS_3,
  OPS_4,
];

/**
 * Catalogue controls no rule of the pack evaluates on a stack, each with the reason and
 * where its evidence is checked instead.
 */
export const NOT_YET_EVALUATED: readonly PendingControl[] = [
  {
    id: "EGR-3",
    title: "Pods cannot reach the instance metadata endpoint",
    note: "Its evidence is in-cluster: K8S-3 checks it in every namespace an in-cluster stack creates. An Azure stack holds nothing that shows it",
  },
  {
    id: "OPS-1",
    title: "Environments from one definition, security settings identical",
    note: "A property of several stacks, not of one: PlatformEnvironments compares the environments' stacks and fails synthesis on any difference not accepted with a reason",
  },
  {
    id: "OPS-5",
    title: "Every opt-out explicit, with a reason, in the compliance report",
    note: "The engine itself: an acknowledgement needs a written reason and every report lists it, and every opt-out prop of the library fails a rule until acknowledged. Parity exceptions between environments carry reasons too but are recorded in the environments' definition, not in these reports, so it is not claimed as evaluated",
  },
];

/** The library's rule pack: what `Compliance.check` evaluates by default. */
export const HARDENED_AKS_PACK: RulePack = {
  name: "hardened-aks",
  version: "2",
  rules: HARDENED_AKS_RULES,
  notYetEvaluated: NOT_YET_EVALUATED,
};
