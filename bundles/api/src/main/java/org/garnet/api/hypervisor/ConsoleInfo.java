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

    /** Ganeti's console dictionary: {@code instance}, {@code kind} and the keys of that kind that are set. */
    public java.util.Map<String, Object> toDict() {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("instance", instance);
        out.put("kind", kind);
        if (message != null) {
            out.put("message", message);
        }
        if (host != null) {
            out.put("host", host);
        }
        if (port != null) {
            out.put("port", port);
            if ("vnc".equals(kind)) { // Ganeti's VNC display: the port above 5900
                out.put("display", port - 5900);
            }
        }
        if (user != null) {
            out.put("user", user);
        }
        if (command != null) {
            out.put("command", command);
        }
        return out;
    }
}
