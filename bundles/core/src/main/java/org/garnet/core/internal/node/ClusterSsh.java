package org.garnet.core.internal.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.crypto.Certificates;
import org.garnet.crypto.Identity;
import org.garnet.crypto.KeyStoreFile;

/**
 * The cluster's SSH identity and client (Ganeti sets nodes up over ssh as root): an RSA key made at
 * {@code gnt-cluster init} ({@code <data root>/ssh/cluster.p12}; its public half in OpenSSH form in
 * {@code cluster_rsa.pub}, for a new appliance's {@code etc/keys.properties} as user {@value #USER}), and
 * command execution in another appliance's Karaf shell with Apache MINA SSHD, Karaf's own SSH library. Host keys
 * are remembered in {@code ssh/known_hosts} on first use and must not change afterwards, unless the caller
 * skips the check ({@code --no-ssh-key-check}).
 */
public final class ClusterSsh {
    /** The Karaf user the cluster key logs in as. */
    public static final String USER = "garnet-cluster";
    private static final Duration CONNECT = Duration.ofSeconds(10);
    private final KeyStoreFile key;
    private final Path publicKeyFile;
    private final Path knownHosts;

    public ClusterSsh(Path dataRoot) {
        Path dir = dataRoot.resolve("ssh");
        this.key = KeyStoreFile.in(dir, "cluster");
        this.publicKeyFile = dir.resolve("cluster_rsa.pub");
        this.knownHosts = dir.resolve("known_hosts");
    }

    /** Makes the key when missing (init, and masters of clusters made before it existed). */
    public synchronized void ensureKey() {
        if (!key.exists()) {
            key.write(Certificates.selfSigned(List.of(USER)));
        }
        try {
            String line = PublicKeyEntry.toString(key.read().certificate().getPublicKey()) + " " + USER + "\n";
            if (!Files.exists(publicKeyFile) || !Files.readString(publicKeyFile).equals(line)) {
                Files.writeString(publicKeyFile, line);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + publicKeyFile + ": " + e.getMessage(), e);
        }
    }

    /** The public key as a line of {@code authorized_keys} ({@code ssh-rsa AAAA... garnet-cluster}). */
    public String publicKeyLine() {
        ensureKey();
        try {
            return Files.readString(publicKeyFile).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code command} in the shell of the appliance at {@code host}:{@code port}; returns its standard
     * output. A failed login, a changed host key, a non-zero exit or no answer in time is an
     * {@code OpExecError} naming the host.
     */
    public String run(String node, String host, int port, String command, boolean checkHostKey, Duration timeout) {
        ensureKey();
        Identity id = key.read();
        KeyPair pair = new KeyPair(id.certificate().getPublicKey(), id.key());
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(checkHostKey
                ? new KnownHostsServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE, knownHosts)
                : AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try (ClientSession session = client.connect(USER, host, port).verify(CONNECT).getSession()) {
            session.addPublicKeyIdentity(pair);
            session.auth().verify(CONNECT);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(err);
                channel.open().verify(CONNECT);
                var events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
                if (!events.contains(ClientChannelEvent.CLOSED)) {
                    throw GanetiException.exec("Command on node " + node + " over ssh gave no answer within "
                            + timeout.toSeconds() + " s");
                }
                Integer exit = channel.getExitStatus();
                String output = out.toString(StandardCharsets.UTF_8);
                if (exit != null && exit != 0) {
                    String e = (err.toString(StandardCharsets.UTF_8) + output).strip();
                    throw GanetiException.exec("Command on node " + node + " over ssh failed (exit " + exit + "): "
                            + e);
                }
                return output;
            }
        } catch (IOException e) {
            throw GanetiException.prereq("Can't log into node " + node + " (" + host + ":" + port + ") over ssh as "
                    + USER + ": " + e.getMessage(), ErrorCode.ECODE_ENVIRON);
        } finally {
            client.stop();
        }
    }
}
