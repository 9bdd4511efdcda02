// The one place the library takes Kubernetes provider resources from. Objects are written
// from the prebuilt bindings' config types without loading their generated classes (see
// ../json-resource.ts); the provider itself is the generated class (small, and configured
// with attributes whose spelling the bindings know best). Types and the provider come from
// deep paths only: the package root "@cdktf/provider-kubernetes" pulls in every resource.
export { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
export type { KubernetesProviderExec } from "@cdktf/provider-kubernetes/lib/provider";
export * from "./objects";
