package org.garnet.core.internal.lu.instance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;

/**
 * Ganeti's instance name checks: the name must resolve through the system resolver ({@code name_check}), and
 * with {@code ip_check} its address must not answer on the node daemon's port (an address in use).
 */
final class HostNames {
    /** Ganeti's node daemon port, which its IP check connects to. */
    static final int NODED_PORT = 1811;
    private static final int PING_TIMEOUT_MS = 2_000;

    private HostNames() {
    }

    /** The address {@code name} resolves to; Ganeti's {@code ECODE_RESOLVER} error with the resolver's words. */
    static InetAddress resolve(String name) {
        try {
            return InetAddress.getByName(name);
        } catch (UnknownHostException e) {
            String why = e.getMessage() == null ? "" : e.getMessage();
            int colon = why.indexOf(": ");
            why = colon >= 0 ? why.substring(colon + 2) : "Name or service not known";
            throw GanetiException.prereq("The given name (" + name + ") does not resolve: " + why,
                    ErrorCode.ECODE_RESOLVER);
        }
    }

    /** Ganeti's IP check: refused when something answers on the address (the IP is in use). */
    static void requireUnused(InetAddress address, String instance) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, NODED_PORT), PING_TIMEOUT_MS);
        } catch (IOException e) {
            return;
        }
        throw GanetiException.prereq("IP " + address.getHostAddress() + " of instance " + instance
                + " already in use", ErrorCode.ECODE_NOTUNIQUE);
    }

    /** The checks of {@code name_check} and {@code ip_check} (the latter needs the former, as in Ganeti). */
    static void check(String name, boolean nameCheck, boolean ipCheck) {
        if (ipCheck && !nameCheck) {
            throw GanetiException.prereq("Cannot do IP address check without a name check", ErrorCode.ECODE_INVAL);
        }
        if (nameCheck) {
            InetAddress a = resolve(name);
            if (ipCheck) {
                requireUnused(a, name);
            }
        }
    }
}
