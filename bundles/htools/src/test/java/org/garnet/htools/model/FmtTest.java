package org.garnet.htools.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FmtTest {
    @Test
    void fixedRoundsLikeHaskellPrintf() {
        assertEquals("0.12", Fmt.fixed(0.125, 2));
        assertEquals(" 0.12", Fmt.fixed(0.125, 5, 2));
        assertEquals("1.43968900", Fmt.fixed(1.439689, 8));
        assertEquals("7629394", Fmt.fixed(7629394.0, 0));
    }

    @Test
    void showDoubleLikeHaskellShow() {
        assertEquals("4.0", Fmt.showDouble(4));
        assertEquals("32.0", Fmt.showDouble(32));
        assertEquals("1.0e-2", Fmt.showDouble(0.01));
        assertEquals("1.2e7", Fmt.showDouble(1.2e7));
    }
}
