package org.garnet.htools.hbal;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.garnet.htools.model.Fmt;

/** Haskell printf conversions not covered by {@link Fmt}. */
public final class HsFormat {
    private HsFormat() {
    }

    /** Haskell's printf "%.Ng": fixed notation for 0 and 0.1 <= |x| < 10^7, else d.ddddddeN. */
    public static String g(double x, int prec) {
        double a = Math.abs(x);
        if (x == 0 || (a >= 0.1 && a < 1e7) || Double.isNaN(x) || Double.isInfinite(x)) {
            return Fmt.fixed(x, prec);
        }
        BigDecimal d = new BigDecimal(Double.toString(a));
        int exp = d.precision() - d.scale() - 1;
        BigDecimal mant = d.movePointLeft(exp).setScale(prec, RoundingMode.HALF_EVEN);
        if (mant.compareTo(BigDecimal.TEN) >= 0) {
            exp++;
            mant = d.movePointLeft(exp).setScale(prec, RoundingMode.HALF_EVEN);
        }
        return (x < 0 ? "-" : "") + mant.toPlainString() + "e" + exp;
    }
}
