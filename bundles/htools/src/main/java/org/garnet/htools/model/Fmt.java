package org.garnet.htools.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting the way Ganeti's Haskell code prints numbers (printf and show). */
public final class Fmt {
    private Fmt() {
    }

    /** Haskell's printf "%.Nf": rounds the shortest decimal representation half-to-even. */
    public static String fixed(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        String s = new BigDecimal(Double.toString(x)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (s.startsWith("-") && new BigDecimal(s).signum() == 0) {
            s = s.substring(1);
        }
        return s;
    }

    /** Haskell's printf "%W.Nf": right-aligned in W columns. */
    public static String fixed(double x, int width, int decimals) {
        return pad(fixed(x, decimals), width);
    }

    public static String pad(String s, int width) {
        StringBuilder b = new StringBuilder();
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b.append(s).toString();
    }

    public static String pad(long v, int width) {
        return pad(Long.toString(v), width);
    }

    /** Haskell's {@code show} of a Double (e.g. 4.0, 0.5, 1.0e-2, 1.2e7). */
    public static String showDouble(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        double a = Math.abs(x);
        String sign = x < 0 ? "-" : "";
        BigDecimal d = new BigDecimal(Double.toString(a)).stripTrailingZeros();
        if (a >= 0.1 && a < 1e7) {
            String p = d.toPlainString();
            return sign + (p.contains(".") ? p : p + ".0");
        }
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale();
        String mant = digits.substring(0, 1) + "." + (digits.length() > 1 ? digits.substring(1) : "0");
        return sign + mant + "e" + exp;
    }
}
