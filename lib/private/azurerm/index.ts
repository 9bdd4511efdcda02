// The one place the library takes azurerm resources from. Each is written from the prebuilt
// bindings' config type without loading their generated class (see ../json-resource.ts);
// the types come from deep paths only: the package root "@cdktf/provider-azurerm" pulls in
// every one of its ~1,500 resources (seconds and hundreds of MB per process, and the same
// for type-checking).
export * from "./cluster";
export * from "./monitoring";
export * from "./network";
export * from "./perimeter";
export * from "./security";
