package org.garnet.shell.internal.format;

import org.apache.karaf.shell.api.console.Session;

/**
 * Ganeti's {@code AskUser} for destructive verbs: on a terminal the question is asked ({@code y/[n]/?}); without
 * one (e.g. {@code ./garnet} over SSH exec) the question is printed and the answer is no: use {@code --force}.
 */
public final class Confirm {
    private Confirm() {
    }

    public static boolean ask(Session session, String question) throws Exception {
        return ask(session, question, "--force");
    }

    /** {@code flag}: the option that answers yes beforehand, named when there is no terminal. */
    public static boolean ask(Session session, String question, String flag) throws Exception {
        if (session.getTerminal() == null) {
            System.out.println(question + " (no terminal to answer on: use " + flag + ")");
            return false;
        }
        String answer = session.readLine(question + " y/[n]/?: ", null);
        return answer != null && answer.strip().equalsIgnoreCase("y");
    }
}
