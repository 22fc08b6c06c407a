package org.garnet.api.hypervisor;

/**
 * How to reach a console, with Ganeti's kinds: {@code msg} (only a message), {@code ssh} (a command to run on
 * a host), {@code vnc}/{@code spice} (host and port).
 */
public record ConsoleInfo(String kind, String instance, String message, String host, Integer port,
                          String user, String command) {
    public static ConsoleInfo message(String instance, String message) {
        return new ConsoleInfo("msg", instance, message, null, null, null, null);
    }
}
