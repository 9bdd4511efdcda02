/**
 * A construct id from a name or key (`orders-api` -> `OrdersApi`): the platform and the
 * baseline name their repeated parts after what the user called them, so a part's Terraform
 * address stays put when others are added or removed.
 */
export function idFromName(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
}
