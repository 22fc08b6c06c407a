package org.garnet.shell.internal.cluster;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.rapi.RapiCertificate;
import org.garnet.shell.internal.format.Confirm;

/**
 * {@code gnt-cluster renew-crypto --new-rapi-certificate --new-node-certificates [--force]}: replaces the RAPI key
 * and certificate (the running RAPI uses them for new connections) and, through one
 * {@code OP_CLUSTER_RENEW_CRYPTO} job, every online node's certificate. Other certificates (SPICE, confd) do not
 * exist yet.
 */
@Service
@Command(scope = "gnt.cluster", name = "renew-crypto", description = "Generate new crypto keys and certificates")
public class RenewCryptoCommand implements Action {
    @Reference(optional = true)
    RapiCertificate rapi;
    @Reference
    Session session;
    @Reference
    org.garnet.api.jobs.JobQueue queue;

    @Option(name = "--new-rapi-certificate", description = "Generate a new self-signed RAPI certificate")
    boolean newRapi;
    @Option(name = "--new-node-certificates", description = "Generate new node certificates (for all nodes)")
    boolean newNodes;
    @Option(name = "--force", aliases = "-f", description = "Force the operation")
    boolean force;

    @Override
    public Object execute() throws Exception {
        if (!newRapi && !newNodes) {
            throw GanetiException.prereq("No certificate to renew was requested (Garnet renews "
                    + "--new-rapi-certificate and --new-node-certificates so far)", ErrorCode.ECODE_INVAL);
        }
        if (newRapi && rapi == null) {
            throw GanetiException.prereq("The RAPI is not running on this node", ErrorCode.ECODE_STATE);
        }
        String question = "Updating certificates now. Running \"gnt-cluster verify\" is recommended after this "
                + "operation.\nContinue?";
        if (!force && !Confirm.ask(session, question)) {
            return 1;
        }
        System.out.println("Updating certificates now. Running \"gnt-cluster verify\" is recommended after this "
                + "operation.");
        if (newRapi) {
            rapi.renew();
        }
        if (newNodes) {
            long id = queue.submit(java.util.List.of(org.garnet.api.jobs.OpCode.of("OP_CLUSTER_RENEW_CRYPTO",
                    java.util.Map.of("node_certificates", true))));
            org.garnet.shell.internal.jobs.JobAction.follow(queue, id);
        }
        System.out.println("All requested certificates and keys have been replaced. Running \"gnt-cluster "
                + "verify\" now is recommended.");
        return null;
    }
}
