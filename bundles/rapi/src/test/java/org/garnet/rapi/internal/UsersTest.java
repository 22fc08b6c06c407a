package org.garnet.rapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {
    @TempDir
    Path dir;

    @Test
    void ganetiUsersFileSchemesAndOptions() throws Exception {
        Path f = dir.resolve("users");
        Files.writeString(f, "# comment\n\nalice secret write\nbob {CLEARTEXT}pw read,write\n"
                + "carol {HA1}" + Users.ha1("carol", "s3") + "\ndave {SHA}x\nlonely\n");
        Users u = new Users(f);
        assertEquals(Set.of("write"), u.authenticate("alice", "secret").orElseThrow().options());
        assertFalse(u.authenticate("alice", "wrong").isPresent());
        assertEquals(Set.of("read", "write"), u.authenticate("bob", "pw").orElseThrow().options());
        assertTrue(u.authenticate("carol", "s3").orElseThrow().options().isEmpty(), "no options: read-only");
        assertFalse(u.authenticate("dave", "x").isPresent(), "unknown scheme is refused");
        assertFalse(u.authenticate("lonely", "").isPresent(), "a line with one field is ignored");
        // the file is read again when it changes
        Files.writeString(f, "alice changed write\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
        assertFalse(u.authenticate("alice", "secret").isPresent());
        assertTrue(u.authenticate("alice", "changed").isPresent());
    }

    @Test
    void ha1IsMd5OfUserRealmPassword() {
        // md5("user:Ganeti Remote API:pass")
        assertEquals("76d4362f0933b1ab9febb635f6e3d0e6", Users.ha1("user", "pass"));
    }
}
