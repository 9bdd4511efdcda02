// A stack's synthesizer while checks read its Terraform (the compliance rules, the parity of
// environments). The stack's own synthesizer still does all the work, once: aspects,
// validations, resolving the stack and writing it. The checks then read the Terraform it
// wrote, so no check resolves the stack again (resolving is most of a synthesis), and every
// check sees exactly what Terraform will read, after the aspects.
import * as fs from "fs";
import * as path from "path";
import { StackSynthesizer, type IStackSynthesizer, type ISynthesisSession, type TerraformStack } from "./cdktf";
import type { JsonObject } from "../compliance/terraform-json";
import { ValidationError } from "../errors";

/**
 * The error of a synthesis that failed its checks: a ValidationError (so callers catch it
 * by type) in cdktf's own wording for failed validations, which users and scripts match.
 */
export function failedChecks(stack: TerraformStack, failures: readonly string[]): ValidationError {
  // The stack's path is in each line already; the root scope keeps "(at ...)" off the end.
  return new ValidationError(
    `Validation failed with the following errors:\n  ${failures.map((failure) => `[${stack.node.path}] ${failure}`).join("\n  ")}\n`,
    stack.node.root,
  );
}

/** One synthesis of a stack, as a check reads it. */
export interface StackSynthesis {
  /** The synthesized stack. */
  readonly stack: TerraformStack;
  /** The synthesis under way: one per `app.synth()`, shared by all the app's stacks. */
  readonly session: ISynthesisSession;
  /** The stack's Terraform as JSON, after its aspects ran: what its synthesis wrote. */
  readonly terraform: JsonObject;
  /** The stack's Terraform file relative to the output directory, e.g. `stacks/prod/cdk.tf.json`. */
  readonly terraformFile: string;
  /** The stack's directory in the output, where its Terraform file is. */
  readonly directory: string;
}

/** A check of every synthesis of a stack. */
export interface SynthesisCheck {
  /**
   * Reads a synthesis once the stack's own synthesizer has written the stack. Returns what
   * fails the synthesis; nothing when it passes.
   */
  check(synthesis: StackSynthesis): string[];
  /**
   * Reads the stack's Terraform when its own synthesis failed, just before that error is
   * thrown (to write a report that says why, for instance). What it throws is ignored: it
   * must not hide the error that failed the synthesis.
   *
   * @default - nothing happens on a failed synthesis
   */
  afterFailure?(synthesis: StackSynthesis): void;
  /**
   * Hears how the synthesis ends once every check has run: with the failures of all the
   * checks (the stack's Terraform file is then removed), or none.
   *
   * @default - nothing happens
   */
  afterChecks?(synthesis: StackSynthesis, failures: readonly string[]): void;
}

/**
 * The synthesizer of a stack that has checks: it wraps the synthesizer the stack had (cdktf's
 * own, usually), runs it, then runs the checks on what it wrote. A failing check fails the
 * synthesis and removes the stack's Terraform file, so no configuration that failed a check
 * is left where Terraform would apply it. Found through `stack.synthesizer` (the stack holds
 * it, nothing else does); installed once, by the first `CheckingStackSynthesizer.of(stack)`.
 */
export class CheckingStackSynthesizer implements IStackSynthesizer {
  /** The stack's checking synthesizer; installs it around the stack's own the first time. */
  public static of(stack: TerraformStack): CheckingStackSynthesizer {
    const installed = CheckingStackSynthesizer.installedOn(stack);
    if (installed) return installed;
    const synthesizer = new CheckingStackSynthesizer(stack, stack.synthesizer);
    stack.synthesizer = synthesizer;
    return synthesizer;
  }

  /** The stack's checking synthesizer, if one is installed. */
  public static installedOn(stack: TerraformStack): CheckingStackSynthesizer | undefined {
    return stack.synthesizer instanceof CheckingStackSynthesizer ? stack.synthesizer : undefined;
  }

  private readonly checks: SynthesisCheck[] = [];
  private running = false;

  private constructor(
    private readonly stack: TerraformStack,
    private readonly inner: IStackSynthesizer,
  ) {}

  /**
   * Whether this synthesizer is synthesizing the stack right now. The stack's validations run
   * inside; a validation that a check also makes defers to the check then.
   */
  public get synthesizing(): boolean {
    return this.running;
  }

  /** Adds a check, run after each synthesis in the order added. */
  public addCheck(check: SynthesisCheck): void {
    this.checks.push(check);
  }

  /** The first check of a class, if one was added. */
  public findCheck<T extends SynthesisCheck>(type: abstract new (...args: never[]) => T): T | undefined {
    return this.checks.find((check): check is T => check instanceof type);
  }

  /** Synthesizes the stack with its own synthesizer, then runs the checks; see the class. */
  public synthesize(session: ISynthesisSession): void {
    this.running = true;
    try {
      this.inner.synthesize(session);
    } catch (error) {
      this.running = false;
      this.afterFailure(session);
      throw error;
    }
    this.running = false;

    const { where, file } = this.target(session);
    const synthesis: StackSynthesis = { ...where, terraform: this.written(file) ?? (this.stack.toTerraform() as JsonObject) };
    const failures = this.checks.flatMap((check) => check.check(synthesis));
    for (const check of this.checks) check.afterChecks?.(synthesis, failures);
    // The checks hold whatever the app's skipValidation says. That flag is how users get past
    // cdktf's own validations (the Terraform version ones run `terraform version`), and
    // cdktf's error text suggests it for any failed validation: honouring it here would turn
    // the gate off for anyone who followed that advice, writing a failing stack and exiting 0.
    if (failures.length === 0) return;
    fs.rmSync(file, { force: true });
    throw failedChecks(this.stack, failures);
  }

  /**
   * The JSON the stack's own synthesizer wrote, when that is cdktf's synthesizer and the
   * file is JSON (`cdk.tf.json`). Anything else (HCL output, another synthesizer) is
   * undefined: the stack is then resolved as JSON for the checks.
   */
  private written(file: string): JsonObject | undefined {
    if (!(this.inner instanceof StackSynthesizer) || !file.endsWith(".json")) return undefined;
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
      return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonObject) : undefined;
    } catch {
      return undefined;
    }
  }

  private afterFailure(session: ISynthesisSession): void {
    const readers = this.checks.filter((check) => check.afterFailure);
    if (readers.length === 0) return;
    let synthesis: StackSynthesis;
    try {
      synthesis = { ...this.target(session).where, terraform: this.stack.toTerraform() as JsonObject };
    } catch {
      return; // the stack cannot be resolved: the synthesis error says why
    }
    for (const reader of readers) {
      try {
        reader.afterFailure!(synthesis);
      } catch {
        // never hide the error that failed the synthesis
      }
    }
  }

  /** Where the stack is written in this synthesis, and its Terraform file's path. */
  private target(session: ISynthesisSession): { where: Omit<StackSynthesis, "terraform">; file: string } {
    const manifest = session.manifest.forStack(this.stack);
    return {
      where: {
        stack: this.stack,
        session,
        terraformFile: manifest.synthesizedStackPath.split(path.sep).join("/"),
        directory: path.join(session.outdir, manifest.workingDirectory),
      },
      file: path.join(session.outdir, manifest.synthesizedStackPath),
    };
  }
}
