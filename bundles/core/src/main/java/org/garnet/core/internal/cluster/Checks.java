package org.garnet.core.internal.cluster;

import static org.garnet.api.ErrorCode.ECODE_INVAL;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.garnet.api.ErrorClass;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;

/** The checks Ganeti makes on cluster parameters, with its messages. */
final class Checks {
    private static final Pattern MAC_PREFIX = Pattern.compile("^[0-9a-z]{2}:[0-9a-z]{2}:[0-9a-z]{2}$");
    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");

    private Checks() {
    }

    static void hypervisors(List<String> hvs) {
        if (hvs.isEmpty()) {
            throw GanetiException.prereq("Enabled hypervisors list must contain at least one member", ECODE_INVAL);
        }
        var bad = Names.invalid(hvs, Names.HYPERVISORS);
        if (!bad.isEmpty()) {
            throw GanetiException.prereq("Enabled hypervisors contains invalid entries: " + Names.pySet(bad),
                    ECODE_INVAL);
        }
    }

    static void diskTemplates(List<String> templates) {
        if (templates.isEmpty()) {
            throw GanetiException.prereq("Enabled disk templates list must contain at least one member",
                    ECODE_INVAL);
        }
        var bad = Names.invalid(templates, Names.DISK_TEMPLATES);
        if (!bad.isEmpty()) {
            throw GanetiException.prereq("Enabled disk templates list contains invalid entries: "
                    + Names.pySet(bad), ECODE_INVAL);
        }
    }

    static void macPrefix(String prefix) {
        if (!MAC_PREFIX.matcher(prefix).matches()) {
            throw GanetiException.prereq("Invalid mac prefix given '" + prefix + "'", ECODE_INVAL);
        }
    }

    static void netmask(int netmask, int ipVersion) {
        int max = ipVersion == 6 ? 128 : 32;
        if (netmask <= 0 || netmask > max) {
            throw GanetiException.prereq("CIDR netmask (" + netmask + ") not valid for IPv" + ipVersion + " ",
                    ECODE_INVAL);
        }
    }

    /** Ganeti runs {@code ip link show dev NETDEV}; the kernel's list of interfaces says the same. */
    static void netdev(String netdev) {
        if (netdev.isEmpty() || netdev.contains("/") || !Files.exists(Path.of("/sys/class/net", netdev))) {
            throw GanetiException.prereq("Invalid master netdev given (" + netdev + "): 'Device \"" + netdev
                    + "\" does not exist.'", ECODE_INVAL);
        }
    }

    static boolean isIpv4(String ip) {
        return ip != null && IPV4.matcher(ip).matches();
    }

    static void secondaryIp(String ip) {
        if (!isIpv4(ip)) {
            throw GanetiException.prereq("Secondary IP address (" + ip + ") has to be a valid IPv4 address.",
                    ECODE_INVAL);
        }
        if (!ownsAddress(ip)) {
            throw GanetiException.prereq("You gave " + ip + " as secondary IP, but it does not belong to this host.",
                    ErrorCode.ECODE_ENVIRON);
        }
    }

    static boolean ownsAddress(String ip) {
        try {
            InetAddress address = InetAddress.getByName(ip);
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    /** Resolves a host name to an IPv4 address; fails as Ganeti's resolver does. */
    static String resolve(String name) {
        try {
            for (InetAddress a : InetAddress.getAllByName(name)) {
                if (a instanceof Inet4Address) {
                    return a.getHostAddress();
                }
            }
        } catch (UnknownHostException e) {
            // reported below
        }
        throw new GanetiException(ErrorClass.ResolverError, name, ErrorCode.ECODE_RESOLVER);
    }

    static void absoluteDir(String dir, String what) {
        if (!Path.of(dir).isAbsolute()) {
            throw GanetiException.prereq(what + " directory '" + dir + "' is not an absolute path.", ECODE_INVAL);
        }
    }

    static void positive(String name, int value) {
        if (value < 1) {
            throw GanetiException.prereq("Parameter '" + name + "' must be a positive integer, got " + value,
                    ECODE_INVAL);
        }
    }
}
