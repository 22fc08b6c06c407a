package org.garnet.api.model;

/** An instance NIC; {@code mode} is {@code bridged}, {@code routed}, {@code openvswitch} (Ganeti's names). */
public record Nic(String uuid, String name, String mac, String ip, String mode, String link, String network,
                  String vlan) {
}
