package org.garnet.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Script-only driver bundles made by the test, as a user would make them: an ExtStorage provider (Ganeti's
 * scripts, volumes as files in a directory given by its parameter {@code dir}) and an OS definition. Each
 * version marks what it made, so a test sees which version served a call.
 */
final class ScriptBundles {
    static final String EXT = "org.garnet.itests.hsext";
    static final String OS = "org.garnet.itests.hsos";

    private ScriptBundles() {
    }

    /** Provider {@code name}; each volume it creates gets a {@code VOL_NAME.made-by} file saying {@code mark}. */
    static byte[] extStorage(String name, String version, String mark) throws IOException {
        String common = "set -eu\n[ -n \"${EXTP_DIR:-}\" ] || { echo 'parameter dir is missing' >&2; exit 1; }\n"
                + "f=\"$EXTP_DIR/$VOL_NAME\"\n";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("create", "#!/bin/sh\n" + common + "truncate -s \"${VOL_SIZE}M\" \"$f\"\n"
                + "echo " + mark + " > \"$f.made-by\"\n");
        files.put("attach", "#!/bin/sh\n" + common + "[ -f \"$f\" ] || { echo \"no volume $f\" >&2; exit 1; }\n"
                + "echo\necho \"fake:$f\"\n"); // no block device: userspace access for the fake hypervisor
        files.put("detach", "#!/bin/sh\nexit 0\n");
        files.put("remove", "#!/bin/sh\n" + common + "rm -f \"$f\" \"$f.made-by\"\n");
        files.put("grow", "#!/bin/sh\n" + common + "truncate -s \"${VOL_NEW_SIZE}M\" \"$f\"\n");
        files.put("setinfo", "#!/bin/sh\nexit 0\n");
        files.put("verify", "#!/bin/sh\nexit 0\n");
        files.put("parameters.list", "dir directory holding the volumes' files\n");
        return jar(EXT, version, "Garnet-ExtStorage", name, "extstorage/" + name + "/", files);
    }

    /** OS {@code name}; its create and reinstall say {@code installed by MARK} in the job's log. */
    static byte[] os(String name, String version, String mark) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("ganeti_api_version", "20\n");
        files.put("create", "#!/bin/sh\necho installed by " + mark + "\n");
        files.put("import", "#!/bin/sh\nexit 0\n");
        files.put("export", "#!/bin/sh\nexit 0\n");
        files.put("rename", "#!/bin/sh\nexit 0\n");
        files.put("verify", "#!/bin/sh\nexit 0\n");
        files.put("parameters.list", "");
        return jar(OS, version, "Garnet-OS", name, "os/" + name + "/", files);
    }

    private static byte[] jar(String symbolicName, String version, String header, String name, String prefix,
                              Map<String, String> files) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(new Attributes.Name("Bundle-ManifestVersion"), "2");
        a.put(new Attributes.Name("Bundle-SymbolicName"), symbolicName);
        a.put(new Attributes.Name("Bundle-Version"), version);
        a.put(new Attributes.Name(header), name);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, m)) {
            out.putNextEntry(new JarEntry(prefix.substring(0, prefix.indexOf('/') + 1)));
            out.closeEntry();
            out.putNextEntry(new JarEntry(prefix));
            out.closeEntry();
            for (Map.Entry<String, String> f : files.entrySet()) {
                out.putNextEntry(new JarEntry(prefix + f.getKey()));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
