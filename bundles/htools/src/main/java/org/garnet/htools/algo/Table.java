package org.garnet.htools.algo;

import java.util.ArrayList;
import java.util.List;

/** Ganeti's printTable/formatTable: columns padded to equal width, numbers right-aligned. */
public final class Table {
    private Table() {
    }

    public static List<String[]> format(List<String[]> rows, boolean[] isNum) {
        if (rows.isEmpty()) {
            return rows;
        }
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        List<String[]> out = new ArrayList<>();
        for (String[] r : rows) {
            String[] o = new String[cols];
            for (int c = 0; c < cols; c++) {
                String v = r[c];
                String fill = " ".repeat(w[c] - v.length());
                o[c] = c < isNum.length && isNum[c] ? fill + v : v + fill;
            }
            out.add(o);
        }
        return out;
    }

    public static String print(String lp, String[] header, List<String[]> rows, boolean[] isNum) {
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        StringBuilder b = new StringBuilder();
        for (String[] r : format(all, isNum)) {
            b.append(lp).append(' ').append(String.join(" ", r)).append('\n');
        }
        return b.toString();
    }
}
