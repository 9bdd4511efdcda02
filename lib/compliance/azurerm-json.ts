// Helpers for azurerm resources other than the cluster, shared by the rules.
import { blocks, refersTo, resourcesOfType, type JsonObject, type TerraformResource } from "./terraform-json";

/** The gateway resource ING-1 to ING-4 check, and the ingress add-on points at. */
export const APPLICATION_GATEWAY = "azurerm_application_gateway";

/** Whether a private endpoint in the stack connects to a resource through the given sub-resource. */
export function hasPrivateEndpoint(resource: TerraformResource, subresource: string, stack: JsonObject): boolean {
  return resourcesOfType(stack, "azurerm_private_endpoint").some((endpoint) =>
    blocks(endpoint.config.private_service_connection).some(
      (connection) =>
        refersTo(connection.private_connection_resource_id, resource) &&
        Array.isArray(connection.subresource_names) &&
        connection.subresource_names.some((name) => typeof name === "string" && name.toLowerCase() === subresource),
    ),
  );
}
