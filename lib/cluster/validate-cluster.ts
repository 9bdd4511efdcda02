// Validation rules of the cluster and its node pools. Pure; each returns undefined when the
// value is fine, or a message that names the prop, the value, the rule and the fix.
// Unresolved tokens are never checked. Not part of the public API.
import { describe, isToken, normalizeLocation, oneOf, type Verdict } from "../private/validate";
import { labels } from "../kubernetes/validate";
import { RETIRED_NODE_OS_SKUS } from "../facts";

/**
 * The Linux OS SKUs azurerm 4.55 accepts for a node pool (`os_sku` in
 * kubernetes_nodepool.go and kubernetes_cluster_node_pool_resource.go at v4.55.0: AzureLinux,
 * AzureLinux3, Ubuntu, Ubuntu2204, Windows2019, Windows2022), without the Windows ones: the
 * library's pools are Linux pools.
 */
export const LINUX_OS_SKUS = ["AzureLinux", "AzureLinux3", "Ubuntu", "Ubuntu2204"] as const;

/** OS SKUs a caller may still write from older examples, and why each is refused. */
const REFUSED_OS_SKUS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    Object.entries(RETIRED_NODE_OS_SKUS).map(([sku, { image, retired }]) => [sku, `is ${image}, which AKS stopped supporting and patching on ${retired}${sku.startsWith("Windows") ? " (and the library's pools are Linux pools)" : ""}`]),
  ),
  Windows2022: "is a Windows image; the library's pools are Linux pools",
  Ubuntu2404: "is not among the values azurerm 4.55 accepts for os_sku (use 'Ubuntu', which is Ubuntu 24.04 from Kubernetes 1.35)",
};

/** A node pool's OS SKU: a Linux image azurerm 4.55 accepts and AKS still supports (NODE-3). */
export function nodeOsSku(prop: string, value: string | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  const refused = typeof value === "string" ? REFUSED_OS_SKUS[value] : undefined;
  if (refused !== undefined) {
    return `${prop} '${value}' ${refused}. Use 'AzureLinux' (the default: Azure Linux 3.0 from Kubernetes 1.32) or 'Ubuntu'.`;
  }
  return oneOf(prop, value, LINUX_OS_SKUS, "'AzureLinux' (the default) follows the Azure Linux version AKS supports for the cluster's Kubernetes version.");
}

/**
 * An Azure VM size name as AKS takes it: `Standard_`, a family letter or two, the vCPU
 * count, optional constrained vCPUs, lower-case additive features, then `_`-separated
 * accelerator and version parts (Microsoft's naming convention, "Azure virtual machine sizes
 * naming conventions", learn.microsoft.com/azure/virtual-machines/vm-naming-conventions).
 * Azure compares sizes without regard to case, so case is not checked here.
 */
const VM_SIZE = /^standard_[a-z]{1,4}\d{1,4}(?:-\d{1,4})?[a-z]*(?:_[a-z0-9]+)*$/i;

/**
 * A size in the naming convention's exact spelling, split into family, additive features and
 * version: `Standard_D4ds_v5` → D, ds, 5. Lower-case features are only meaningful in this
 * spelling, so the temp-disk rule reads nothing else.
 */
const CANONICAL_VM_SIZE = /^Standard_([A-Z]+)\d+(?:-\d+)?([a-z]*)(?:_([A-Za-z0-9]+))*?_v(\d+)$/;

/**
 * The families whose v5 and later sizes certainly have neither a local temp disk nor a cache
 * disk without a `d`: the general-purpose, memory and compute families (D, DC, E, EC, F, FX).
 * In the naming convention `d` is "diskful (a local temp disk is present)" for the newer
 * families; AKS places an ephemeral OS disk on the cache or the temp disk, and "the latest
 * generation of VM series doesn't have a dedicated cache, only temporary storage"
 * (MicrosoftDocs/azure-aks-docs `articles/aks/concepts-storage.md`, "Ephemeral OS disks in
 * AKS"). Older sizes (Dv2, DSv2, Dv3, Dsv3, Ev3, Fsv2) all have a temp disk, v4 sizes
 * without `d` may still have a cache, and GPU and HPC families ship local NVMe disks
 * whatever their name says, so none of them is refused.
 */
const DISKLESS_FAMILIES = /^(?:D|DC|E|EC|F|FX)$/;

/**
 * A node pool's VM size: a size name, and for an Ephemeral OS disk (the default) one that
 * can hold it.
 */
export function vmSize(prop: string, value: string, osDiskType: string | undefined, osDiskTypeProp: string): Verdict {
  if (isToken(value)) return undefined;
  if (!VM_SIZE.test(value)) {
    return `${prop} must be an Azure VM size name such as 'Standard_D4ds_v5', 'Standard_NC24ads_A100_v4' or 'Standard_B2s'; got ${describe(value)}. 'az vm list-sizes --location <region> -o table' lists them.`;
  }
  if (osDiskType !== "Ephemeral") return undefined;
  const parts = CANONICAL_VM_SIZE.exec(value);
  if (!parts) return undefined;
  const [, family, features, accelerator, version] = parts;
  if (accelerator === undefined && DISKLESS_FAMILIES.test(family) && Number(version) >= 5 && !features.includes("d")) {
    const withDisk = value.replace(/^(Standard_[A-Z]+\d+(?:-\d+)?)([a-z]*)/, (_all, head: string, f: string) => `${head}${insertD(f)}`);
    return `${prop} '${value}' has no local temp disk and no cache disk (a v${version} size without 'd' in its features), so it cannot hold ${osDiskTypeProp} 'Ephemeral' (the default): AKS would refuse the pool. Pick the 'd' size ('${withDisk}'), or set ${osDiskTypeProp} to 'Managed'.`;
  }
  return undefined;
}

/** The additive features with `d` in the conventional place: after `a`/`i`/`l`/`m`/`p`/`t`, before `s`. */
function insertD(features: string): string {
  const s = features.indexOf("s");
  return s < 0 ? `${features}d` : `${features.slice(0, s)}d${features.slice(s)}`;
}

/** Label prefixes AKS reserves for itself on nodes (`articles/aks/use-labels.md`, "Reserved prefixes"). */
const RESERVED_LABEL_PREFIXES = ["kubernetes.azure.com/", "kubernetes.io/"];

/** Node labels: Kubernetes label syntax, and none under a prefix AKS reserves. */
export function nodeLabels(prop: string, value: Readonly<Record<string, string>> | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `${prop} must be an object of label keys to string values, e.g. { workload: 'batch' }; got ${describe(value)}.`;
  }
  for (const [key, labelValue] of Object.entries(value)) {
    if (!isToken(labelValue) && typeof labelValue !== "string") {
      return `${prop}['${key}'] must be a string (Kubernetes label values are strings); got ${describe(labelValue)}. Quote it, e.g. '${String(labelValue)}'.`;
    }
    const reserved = isToken(key) ? undefined : RESERVED_LABEL_PREFIXES.find((p) => key.startsWith(p));
    if (reserved !== undefined) {
      return `${prop} label '${key}' uses the prefix '${reserved}', which AKS reserves for the labels it sets on nodes. Use a prefix of your own, e.g. 'example.com/${key.slice(key.lastIndexOf("/") + 1)}', or no prefix.`;
    }
  }
  return labels(prop, value);
}

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;
const TAINT_KEY = /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const TAINT_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/**
 * Kubernetes' taint syntax `key[=value]:Effect`: AKS rejects anything else only when the
 * pool is created, after the cluster has been.
 */
export function taint(prop: string, value: string): Verdict {
  if (isToken(value)) return undefined;
  const format = `${prop} must be a Kubernetes taint 'key=value:Effect' with Effect NoSchedule, PreferNoSchedule or NoExecute, e.g. 'sku=gpu:NoSchedule'; got ${describe(value)}.`;
  if (typeof value !== "string") return format;
  const colon = value.lastIndexOf(":");
  if (colon < 0) return format;
  const effect = value.slice(colon + 1);
  if (!(TAINT_EFFECTS as readonly string[]).includes(effect)) {
    const near = TAINT_EFFECTS.find((e) => e.toLowerCase() === effect.toLowerCase());
    return `${prop} has the effect '${effect}' in '${value}'; a taint's effect must be NoSchedule, PreferNoSchedule or NoExecute${near ? ` (did you mean '${near}'? Effects are case-sensitive)` : ""}.`;
  }
  const [key, ...rest] = value.slice(0, colon).split("=");
  const taintValue = rest.join("=");
  if (!TAINT_KEY.test(key) || rest.length > 1 || !TAINT_VALUE.test(taintValue)) return format;
  return undefined;
}

/** Availability zones written as numbers, as JavaScript callers do: say they must be strings. */
export function zoneStrings(prop: string, zones: unknown): Verdict {
  if (zones === undefined || isToken(zones)) return undefined;
  if (!Array.isArray(zones)) return `${prop} must be a list of zone strings such as ["1", "2", "3"]; got ${describe(zones)}.`;
  const notString = zones.findIndex((zone) => typeof zone !== "string");
  if (notString < 0) return undefined;
  const zone: unknown = zones[notString];
  return `${prop}[${notString}] must be the string '${String(zone)}', not ${describe(zone)}: Azure availability zones are strings ('1', '2', '3'). Write ${prop} as ${JSON.stringify(zones.map(String))}.`;
}

/**
 * The private DNS zone names AKS accepts for a private API server in a region:
 * `privatelink.<region>.azmk8s.io` or `<subzone>.privatelink.<region>.azmk8s.io`, and with
 * API server VNet integration also `private.<region>.azmk8s.io` or a subzone of it; a subzone
 * is at most 32 characters (MicrosoftDocs/azure-aks-docs `articles/aks/private-clusters.md`,
 * "Configuration options for private DNS").
 */
export function apiServerDnsZoneName(prop: string, zoneId: string | undefined, location: string, vnetIntegration: boolean): Verdict {
  if (typeof zoneId !== "string" || isToken(zoneId) || isToken(location) || typeof location !== "string") return undefined;
  const name = zoneId.slice(zoneId.lastIndexOf("/") + 1).toLowerCase();
  const region = normalizeLocation(location);
  const zones = [`privatelink.${region}.azmk8s.io`, ...(vnetIntegration ? [`private.${region}.azmk8s.io`] : [])];
  for (const zone of zones) {
    if (name === zone) return undefined;
    if (name.endsWith(`.${zone}`)) {
      const subzone = name.slice(0, -zone.length - 1);
      if (/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/.test(subzone)) return undefined;
      return `${prop} names the zone '${name}', whose subzone '${subzone}' must be one DNS label of at most 32 letters, digits or hyphens (AKS's limit). Use '<subzone>.${zone}' with a shorter subzone, or '${zone}'.`;
    }
  }
  const allowed = zones.map((zone) => `'${zone}' or '<subzone>.${zone}'`).join(", or ");
  return `${prop} names the zone '${name}'; AKS takes only ${allowed} for a private cluster in '${location}'. Create a zone with that name, or omit the id for one the library creates.`;
}

/** A value made by one of a class's factories: what a JavaScript caller passing a plain object misses. */
export function madeByFactory(prop: string, value: unknown, factories: string): Verdict {
  const ok = typeof value === "object" && value !== null && typeof (value as { _bind?: unknown })._bind === "function";
  return ok ? undefined : `${prop} is required and must be made by ${factories}; got ${describe(value)}.`;
}

/**
 * The Secrets Store CSI driver's rotation poll interval: a Go duration of hours, minutes and
 * seconds (`2m`, `1h30m`), which AKS passes to the driver as `rotationPollInterval`
 * (kubernetes_addons.go@v4.55.0 L410). The provider does not check it; a bad value fails
 * the add-on after the cluster exists.
 */
export function rotationInterval(prop: string, value: unknown): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (typeof value === "string" && /^(?=\d)(?:\d+h)?(?:\d+m)?(?:\d+s)?$/.test(value) && /[1-9]/.test(value)) return undefined;
  return `${prop} must be a duration of hours, minutes and seconds such as '2m' (AKS's default) or '1h30m', above zero; got ${describe(value)}.`;
}
