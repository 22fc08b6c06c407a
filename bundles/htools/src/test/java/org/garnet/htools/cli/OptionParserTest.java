package org.garnet.htools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OptionParserTest {
    private final OptionSpec spec = OptionSpec.forTool("hspace");

    @Test
    void getoptSemantics() throws UsageException {
        Options o = Options.parse(spec, new String[] {"--simu", "p,4,8T,64g,16", "-vvv", "-l8", "--machine-readable",
            "-pname,pcnt", "--accept-existing", "--disk-template=drbd"});
        assertEquals(List.of("p,4,8T,64g,16"), o.simulate);
        assertEquals(4, o.verbose);
        assertEquals(8, o.maxLength);
        assertTrue(o.machineReadable);
        assertEquals(List.of("name", "pcnt"), o.printNodes);
        assertTrue(o.acceptExisting);
    }

    @Test
    void errors() {
        UsageException e = assertThrows(UsageException.class,
                () -> Options.parse(spec, new String[] {"--no-such-option"}));
        assertEquals(2, e.exitCode);
        assertTrue(e.getMessage().startsWith("Command line error: unrecognized option `--no-such-option'\n\n"
                + "hspace (garnet) version"));
        e = assertThrows(UsageException.class, () -> Options.parse(spec, new String[] {"-l", "x"}));
        assertEquals(1, e.exitCode);
        assertEquals("Error while parsing command line arguments:\nmax solution length: cannot parse string 'x'\n",
                e.getMessage());
        e = assertThrows(UsageException.class, () -> Options.parse(spec, new String[] {"--version"}));
        assertEquals(0, e.exitCode);
    }
}
