// azurerm network resources: virtual networks, subnets, security groups, routes, peerings,
// public IPs, private DNS and private endpoints.
import type * as nsg from "@cdktf/provider-azurerm/lib/network-security-group";
import type * as nsr from "@cdktf/provider-azurerm/lib/network-security-rule";
import type * as peering from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import type * as pe from "@cdktf/provider-azurerm/lib/private-endpoint";
import type * as pip from "@cdktf/provider-azurerm/lib/public-ip";
import type * as pdz from "@cdktf/provider-azurerm/lib/private-dns-zone";
import type * as pdzLink from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import type * as rt from "@cdktf/provider-azurerm/lib/route-table";
import type * as subnet from "@cdktf/provider-azurerm/lib/subnet";
import type * as subnetNsg from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import type * as subnetRt from "@cdktf/provider-azurerm/lib/subnet-route-table-association";
import type * as vnet from "@cdktf/provider-azurerm/lib/virtual-network";
import { azurermResource, namedAzurermResource } from "./resource";

export type { NetworkSecurityGroupSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-group";

/** azurerm_virtual_network */
export class VirtualNetwork extends namedAzurermResource<vnet.VirtualNetworkConfig>("azurerm_virtual_network") {}

/** azurerm_subnet */
export class Subnet extends namedAzurermResource<subnet.SubnetConfig>("azurerm_subnet", []) {}

/** azurerm_network_security_group */
export class NetworkSecurityGroup extends namedAzurermResource<nsg.NetworkSecurityGroupConfig>("azurerm_network_security_group") {}

/** azurerm_network_security_rule */
export class NetworkSecurityRule extends namedAzurermResource<nsr.NetworkSecurityRuleConfig>("azurerm_network_security_rule", []) {}

/** azurerm_subnet_network_security_group_association */
export class SubnetNetworkSecurityGroupAssociation extends azurermResource<subnetNsg.SubnetNetworkSecurityGroupAssociationConfig>("azurerm_subnet_network_security_group_association", []) {}

/** azurerm_route_table */
export class RouteTable extends namedAzurermResource<rt.RouteTableConfig>("azurerm_route_table") {}

/** azurerm_subnet_route_table_association */
export class SubnetRouteTableAssociation extends azurermResource<subnetRt.SubnetRouteTableAssociationConfig>("azurerm_subnet_route_table_association", []) {}

/** azurerm_virtual_network_peering */
export class VirtualNetworkPeering extends namedAzurermResource<peering.VirtualNetworkPeeringConfig>("azurerm_virtual_network_peering", ["triggers"]) {}

/** azurerm_public_ip */
export class PublicIp extends namedAzurermResource<pip.PublicIpConfig>("azurerm_public_ip", ["tags", "ipTags"]) {}

/** azurerm_private_dns_zone */
export class PrivateDnsZone extends namedAzurermResource<pdz.PrivateDnsZoneConfig>("azurerm_private_dns_zone") {}

/** azurerm_private_dns_zone_virtual_network_link */
export class PrivateDnsZoneVirtualNetworkLink extends namedAzurermResource<pdzLink.PrivateDnsZoneVirtualNetworkLinkConfig>("azurerm_private_dns_zone_virtual_network_link") {}

/** azurerm_private_endpoint (exported as AzurermPrivateEndpoint: the library's own construct is PrivateEndpoint). */
export class AzurermPrivateEndpoint extends namedAzurermResource<pe.PrivateEndpointConfig>("azurerm_private_endpoint") {}
