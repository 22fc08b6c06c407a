package org.garnet.hypervisor.kvm.internal;

import java.util.List;
import java.util.Map;

/**
 * The PCI slots of an instance's devices: those {@code fixed} by id, the others in order from the first slot
 * not reserved for qemu ({@code kvm_pci_reservations}), skipping the fixed ones.
 */
final class PciSlots {
    static final int PCI_SLOTS = 32;
    private final Map<String, Integer> fixed;
    private final java.util.Set<Integer> used = new java.util.HashSet<>();
    private int next;

    PciSlots(int first, Map<String, Integer> fixed) {
        this.next = first;
        this.fixed = fixed;
        used.addAll(fixed.values());
    }

    int of(String id) {
        Integer f = fixed.get(id);
        if (f != null) {
            return f;
        }
        while (used.contains(next)) {
            next++;
        }
        if (next >= PCI_SLOTS) {
            throw new IllegalStateException("no free PCI slot left for " + id);
        }
        used.add(next);
        return next++;
    }

    /** The slots a command line's devices are on, by device id. */
    static Map<String, Integer> inUse(List<String> argv) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals("-device")) {
                java.util.regex.Matcher id = ID.matcher(argv.get(i + 1));
                java.util.regex.Matcher addr = ADDR.matcher(argv.get(i + 1));
                if (id.find() && addr.find()) {
                    out.put(id.group(1), Integer.parseInt(addr.group(1), 16));
                }
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("(?:^|,)id=([^,]+)");
    private static final java.util.regex.Pattern ADDR = java.util.regex.Pattern.compile(
            "(?:^|,)addr=0x([0-9a-fA-F]+)");
}

