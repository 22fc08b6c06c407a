package org.garnet.rapi.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ganeti's RAPI users file: {@code <user> <password> [read|write|read,write]} per line, {@code #} comments;
 * passwords cleartext, {@code {CLEARTEXT}pw} or {@code {HA1}md5hex("user:Ganeti Remote API:password")}. Read
 * again whenever the file changes (Ganeti reloads it on SIGHUP; here no signal is needed).
 */
public final class Users {
    public static final String REALM = "Ganeti Remote API";

    /** A user and its options. */
    public record User(String name, String password, Set<String> options) {
    }

    private final Path file;
    private FileTime loadedAt;
    private Map<String, User> users = Map.of();

    public Users(Path file) {
        this.file = file;
    }

    /** The user if {@code name}/{@code password} match an entry. */
    public synchronized Optional<User> authenticate(String name, String password) {
        reloadIfChanged();
        User u = users.get(name);
        return u != null && matches(u, password) ? Optional.of(u) : Optional.empty();
    }

    private void reloadIfChanged() {
        try {
            FileTime t = Files.getLastModifiedTime(file);
            if (t.equals(loadedAt)) {
                return;
            }
            Map<String, User> out = new HashMap<>();
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\s+");
                if (f.length < 2) {
                    continue;
                }
                Set<String> options = f.length > 2 ? Set.of(f[2].toLowerCase(Locale.ROOT).split(",")) : Set.of();
                out.put(f[0], new User(f[0], f[1], options));
            }
            users = out;
            loadedAt = t;
        } catch (IOException e) {
            users = Map.of();
            loadedAt = null;
        }
    }

    static boolean matches(User u, String given) {
        String stored = u.password();
        if (!stored.startsWith("{")) {
            return constantTime(stored, given);
        }
        int end = stored.indexOf('}');
        if (end < 0) {
            return false;
        }
        String scheme = stored.substring(1, end).toUpperCase(Locale.ROOT);
        String value = stored.substring(end + 1);
        return switch (scheme) {
            case "CLEARTEXT" -> constantTime(value, given);
            case "HA1" -> constantTime(value.toLowerCase(Locale.ROOT), ha1(u.name(), given));
            default -> false;
        };
    }

    static String ha1(String user, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest((user + ":" + REALM + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constantTime(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
