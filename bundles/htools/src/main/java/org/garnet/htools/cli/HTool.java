package org.garnet.htools.cli;

import java.io.PrintStream;

import org.garnet.htools.model.HtoolsException;

/** Base of the tools: option parsing, help/version handling and Ganeti's error output and exit codes. */
public abstract class HTool implements Main.Tool {
    private final String name;

    protected HTool(String name) {
        this.name = name;
    }

    /** Runs the tool proper; returns the exit status. */
    protected abstract int main(Options opts, PrintStream out, PrintStream err) throws HtoolsException;

    @Override
    public final int run(String[] args, PrintStream out, PrintStream err) {
        OptionSpec spec = spec();
        try {
            Options opts = Options.parse(spec, args);
            if (!opts.raw.args.isEmpty() && !takesArguments()) {
                throw new HtoolsException("This program doesn't take any arguments.");
            }
            return main(opts, out, err);
        } catch (UsageException e) {
            out.flush();
            (e.toStdout ? out : err).print(e.getMessage());
            return e.exitCode;
        } catch (HtoolsException e) {
            out.flush();
            err.println("Error: " + e.getMessage());
            return 1;
        } catch (ExitException e) {
            return e.code;
        }
    }

    /** The tool's options: Ganeti's, from its help text; a tool may add Garnet's own. */
    protected OptionSpec spec() {
        return OptionSpec.forTool(name);
    }

    protected boolean takesArguments() {
        return false;
    }

    /** Thrown to end a tool early with a given status after it printed its output. */
    public static final class ExitException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final int code;

        public ExitException(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }
}
