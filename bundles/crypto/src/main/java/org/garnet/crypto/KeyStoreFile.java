package org.garnet.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One identity in a PKCS#12 key store with a random password in a file beside it, both readable by the owner
 * only. Writes go to temporary files that replace the old ones atomically, password last-but-one, so a reader
 * never sees a store without its password.
 */
public record KeyStoreFile(Path store, Path passwordFile, String alias) {
    /** {@code <dir>/<name>.p12} with {@code <dir>/<name>.pass}. */
    public static KeyStoreFile in(Path dir, String name) {
        return new KeyStoreFile(dir.resolve(name + ".p12"), dir.resolve(name + ".pass"), name);
    }

    public boolean exists() {
        return Files.exists(store) && Files.exists(passwordFile);
    }

    /** The store's password (the file's first line). */
    public char[] password() {
        try {
            return Files.readString(passwordFile).strip().toCharArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + passwordFile + ": " + e.getMessage(), e);
        }
    }

    /** The identity stored here. */
    public Identity read() {
        try (InputStream in = Files.newInputStream(store)) {
            char[] pw = password();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pw);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : ks.getCertificateChain(alias)) {
                chain.add((X509Certificate) c);
            }
            return new Identity((PrivateKey) ks.getKey(alias, pw), chain);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + store + ": " + e.getMessage(), e);
        }
    }

    /** Replaces what is stored with {@code identity}, under a new password. */
    public void write(Identity identity) {
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            char[] pw = randomPassword();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, identity.key(), pw, identity.chain().toArray(Certificate[]::new));
            Path dir = store.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, "." + alias, ".p12");
            Path tmpPass = Files.createTempFile(dir, "." + alias, ".pass");
            restrict(tmp);
            restrict(tmpPass);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, pw);
            }
            Files.writeString(tmpPass, new String(pw) + "\n");
            // The old password file goes only with the new store right behind it.
            Files.move(tmpPass, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + store + ": " + e.getMessage(), e);
        }
    }

    /** Removes store and password (a node leaving its cluster). */
    public void delete() {
        try {
            Files.deleteIfExists(store);
            Files.deleteIfExists(passwordFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + store + ": " + e.getMessage(), e);
        }
    }

    private static char[] randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
    }

    private static void restrict(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException ignored) {
            // not a POSIX file system: its default permissions
        }
    }
}
