// The one place the library imports the CDK for Terraform framework from.
// cdktf 0.21 is the final HashiCorp release; a community fork exists. Keeping every
// framework import here means moving to the fork touches this file only.
export {
  App,
  Annotations,
  Aspects,
  AzurermBackend,
  Fn,
  LocalBackend,
  TerraformOutput,
  TerraformResource,
  TerraformSelf,
  TerraformStack,
  Testing,
  Token,
} from "cdktf";
export type { AzurermBackendConfig, IAspect, IResolvable, IStackSynthesizer, ISynthesisSession, ITerraformDependable, TerraformMetaArguments } from "cdktf";
// Not exported from cdktf's index: what runs a stack's aspects at synthesis (Testing.synth
// uses it too), and the synthesizer every stack starts with.
export { invokeAspects, StackSynthesizer } from "cdktf/lib/synthesize/synthesizer";
// How a stack resolves tokens when it writes its Terraform (for values a check compares with it).
export { resolve as resolveInScope } from "cdktf/lib/_tokens";
export { Construct, Node } from "constructs";
export type { IConstruct } from "constructs";

/**
 * cdktf's private module that records a full stack trace for every token it creates (see
 * performance.ts), when this cdktf has one: it is not public API, so a fork may lack it.
 */
export function tokenStackTraceModule(): { captureStackTrace?: unknown } | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace?: unknown };
  } catch {
    return undefined;
  }
}
