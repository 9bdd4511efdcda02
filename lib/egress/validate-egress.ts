// Egress verdicts that need more than one prop, as pure functions tested directly.
import { parseAddressRange, unionCovers } from "../private/cidr";
import { isToken } from "../private/validate";

/**
 * The first of a spoke's literal address spaces the firewall's sources do not wholly cover,
 * or undefined. Tokens on either side are not checked: their values are known only when
 * Terraform runs.
 */
export function uncoveredSpokeSpace(spokeSpaces: readonly string[], sourceAddressSpaces: readonly string[]): string | undefined {
  if (isToken(spokeSpaces) || isToken(sourceAddressSpaces) || sourceAddressSpaces.some((space) => isToken(space))) return undefined;
  return spokeSpaces.find((space) => {
    if (isToken(space)) return false;
    const range = parseAddressRange(space);
    return range !== undefined && !unionCovers(sourceAddressSpaces, range);
  });
}

/**
 * A firewall destination known only when Terraform runs: EGR-2 fails it at synth (it cannot
 * be shown not to be a catch-all), so the construct refuses it first, naming the prop.
 */
export function unverifiable(prop: string, example: string): string {
  return `${prop} must be written in the code, such as ${example}: EGR-2 shows at synth that no egress destination is a catch-all, and a value known only when Terraform runs cannot be shown so.`;
}
