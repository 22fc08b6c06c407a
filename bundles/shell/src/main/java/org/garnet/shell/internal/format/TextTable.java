package org.garnet.shell.internal.format;

import java.util.ArrayList;
import java.util.List;

/** Ganeti's {@code GenerateTable} for plain text columns: left-aligned, padded, or joined by a separator. */
public final class TextTable {
    private TextTable() {
    }

    public static void print(List<String> titles, List<List<String>> rows, String separator, boolean header) {
        List<List<String>> all = new ArrayList<>();
        if (header) {
            all.add(titles);
        }
        all.addAll(rows);
        if (separator != null) {
            all.forEach(r -> System.out.println(String.join(separator, r)));
            return;
        }
        int[] width = new int[titles.size()];
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        for (List<String> r : all) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(i == r.size() - 1 ? r.get(i) : String.format("%-" + width[i] + "s", r.get(i)));
            }
            System.out.println(sb.toString().stripTrailing());
        }
    }
}
