package org.garnet.htools.hail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.garnet.htools.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed requests and bad usage: Ganeti's messages on standard error, exit status 1, no answer. */
class HailErrorsTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "'';Error: Parsing input IAllocator message: Invalid JSON: a JSON text a serialized object or array at the"
            + " top level.",
        "[];Error: Parsing input IAllocator message: Unable to read JSObject",
        "{};Error: invalid iallocator message: key 'request' not found, object contains only []",
        "{\"request\": 0};Error: invalid iallocator message: key 'request': Unable to read JSObject",
        "{\"request\": {}};Error: invalid iallocator message: key 'nodegroups' not found, object contains only"
            + " [\"request\"]",
        "{\"a\":1;'Error: Parsing input IAllocator message: Unable to parse JSON object: unterminated sequence: '",
        "{\"a\":[1 2]};'Error: Parsing input IAllocator message: Unable to parse JSON array: unterminated array:  2]}'",
        "{\"a\":1 x};'Error: Parsing input IAllocator message: Unable to parse JSON object: unterminated sequence:  x}'",
        "{\"a\" :1 ,  \"b\"  2};'Error: Parsing input IAllocator message: Malformed JSON labelled field:   2}'",
        "{\"a\":tru};Error: Parsing input IAllocator message: Unable to parse JSON Bool: tru}",
        "{\"a\":1}};Error: Parsing input IAllocator message: Invalid tokens at end of JSON string: \"}\"",
        "{\"request\":{\"type\":\"foo\"},\"nodegroups\":{},\"nodes\":{},\"instances\":{},\"cluster_tags\":[],"
            + "\"enabled_hypervisors\":[]};Error: Invalid request type 'foo'",
        "{\"request\":{\"type\":\"allocate\"},\"nodegroups\":{},\"nodes\":{},\"instances\":{},\"cluster_tags\":[],"
            + "\"enabled_hypervisors\":[]};Error: invalid request dict: key 'name' not found, object contains only"
            + " [\"type\"]",
        "{\"request\":{},\"nodegroups\":{\"g\":{}},\"nodes\":{},\"instances\":{},\"cluster_tags\":[]};"
            + "Error: invalid data for group 'g': key 'name' not found, object contains only []"})
    void malformedRequestFromStdin(String body, String message) throws Exception {
        ToolRunner.Result r = HailRunner.garnet(body, "-");
        assertEquals(1, r.rc());
        assertEquals("", r.out());
        assertEquals(message + "\n", r.err());
        if (HailRunner.realAvailable()) {
            ToolRunner.Result real = HailRunner.real(body, "-");
            assertEquals(real.rc(), r.rc());
            assertEquals(real.err(), r.err());
        }
    }

    @Test
    void invalidRelocateRequestNamesTheField() {
        ToolRunner.Result r = HailRunner.garnet("", HailRunner.resolve("hail-invalid-reloc.json"));
        assertEquals(1, r.rc());
        assertEquals("Error: invalid request dict: key 'name': Unable to read String\n", r.err());
    }

    @Test
    void argumentCount() {
        assertEquals("Error: This program needs an input file.\n", HailRunner.garnet("").err());
        ToolRunner.Result two = HailRunner.garnet("", "a.json", "b.json");
        assertEquals(1, two.rc());
        assertEquals("Error: Only one argument is accepted (the input file)\n", two.err());
    }

    @Test
    void missingFile() {
        ToolRunner.Result r = HailRunner.garnet("", "/nonexistent/request.json");
        assertEquals(1, r.rc());
        assertEquals("hail: /nonexistent/request.json: openFile: does not exist (No such file or directory)\n",
                r.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        ToolRunner.Result r = HailRunner.garnet("", "--no-such-option");
        assertEquals(2, r.rc());
        assertNotEquals("", r.err());
    }

    @Test
    void internalFailuresGiveNoStackTrace() throws Exception {
        // a request whose instance indices do not exist in the -t cluster: Ganeti's hail aborts as well
        String[] a = HailRunner.resolve("-t partly-used.data hail-node-evac.json");
        ToolRunner.Result r = HailRunner.garnet("", a);
        assertEquals(1, r.rc());
        assertFalse(r.err().contains("\tat "), r.err());
        assumeTrue(HailRunner.realAvailable());
        assertEquals(HailRunner.real("", a).rc(), r.rc());
    }
}
