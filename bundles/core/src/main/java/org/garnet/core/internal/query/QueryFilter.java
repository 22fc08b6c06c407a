package org.garnet.core.internal.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;

/**
 * Ganeti's query filter language in its JSON form (RAPI {@code qfilter}, {@code OP_QUERY}): {@code ["&", f...]},
 * {@code ["|", f...]}, {@code ["!", f]}, {@code ["?", field]}, {@code ["==" | "=" | "!=" | "<" | "<=" | ">" |
 * ">=", field, value]}, {@code ["=~", field, regex]}, {@code ["=[]", field, value]}. As in Ganeti
 * ({@code Query/Filter.hs}): a field that does not exist is an error, a cell without data (node offline,
 * unavailable) accepts the row, comparing values of different types is an error.
 */
final class QueryFilter {
    /** A compiled filter: true when a row (seen through its field lookup) is selected. */
    interface Node {
        boolean test(Function<String, ResultCell> row);
    }

    private QueryFilter() {
    }

    /** Compiles a filter; {@code null} or an empty list selects everything. */
    static Node compile(Object json, Set<String> fields) {
        if (json == null || json instanceof List<?> l && l.isEmpty()) {
            return row -> true;
        }
        return node(json, fields);
    }

    private static Node node(Object json, Set<String> fields) {
        if (!(json instanceof List<?> l) || l.isEmpty() || !(l.get(0) instanceof String op)) {
            throw invalid("Invalid filter: expected a list starting with an operator, got " + json);
        }
        List<?> args = l.subList(1, l.size());
        switch (op) {
            case "&", "|" -> {
                List<Node> parts = new ArrayList<>();
                for (Object a : args) {
                    parts.add(node(a, fields));
                }
                return op.equals("&") ? row -> parts.stream().allMatch(p -> p.test(row))
                        : row -> parts.stream().anyMatch(p -> p.test(row));
            }
            case "!" -> {
                arity(op, args, 1);
                Node inner = node(args.get(0), fields);
                return row -> !inner.test(row);
            }
            case "?" -> {
                arity(op, args, 1);
                String field = field(args.get(0), fields);
                return row -> withValue(row.apply(field), v -> {
                    if (!(v instanceof Boolean b)) {
                        throw invalid("Unexpected value '" + v + "' in boolean context");
                    }
                    return b;
                });
            }
            case "==", "=", "!=", "<", "<=", ">", ">=" -> {
                arity(op, args, 2);
                String field = field(args.get(0), fields);
                Object value = literal(args.get(1));
                return row -> withValue(row.apply(field), v -> compare(op, v, value));
            }
            case "=~" -> {
                arity(op, args, 2);
                String field = field(args.get(0), fields);
                if (!(args.get(1) instanceof String re)) {
                    throw invalid("Invalid filter: the regular expression must be a string, got " + args.get(1));
                }
                Pattern p;
                try {
                    p = Pattern.compile(re);
                } catch (PatternSyntaxException e) {
                    throw invalid("Invalid regular expression '" + re + "': " + e.getDescription());
                }
                return row -> withValue(row.apply(field), v -> {
                    if (!(v instanceof String s)) {
                        throw invalid("Invalid field value used in regexp matching, expecting string but got '"
                                + v + "'");
                    }
                    return p.matcher(s).find();
                });
            }
            case "=[]" -> {
                arity(op, args, 2);
                String field = field(args.get(0), fields);
                Object value = literal(args.get(1));
                return row -> withValue(row.apply(field), v -> {
                    if (!(v instanceof List<?> list)) {
                        throw invalid("Invalid field value for '=[]': expecting a list but got '" + v + "'");
                    }
                    return list.stream().anyMatch(e -> e != null && sameValue(e, value));
                });
            }
            default -> throw invalid("Invalid filter: unknown operator '" + op + "'");
        }
    }

    private static boolean withValue(ResultCell cell, Function<Object, Boolean> test) {
        if (cell.status() != ResultStatus.NORMAL) {
            return true;
        }
        return test.apply(cell.value());
    }

    private static boolean compare(String op, Object actual, Object expected) {
        int c;
        if (actual instanceof String a && expected instanceof String e) {
            c = a.compareTo(e);
        } else if (actual instanceof Number a && expected instanceof Number e) {
            c = Double.compare(a.doubleValue(), e.doubleValue());
        } else if (actual instanceof Boolean a && expected instanceof Boolean e && op.matches("==|=|!=")) {
            c = a.equals(e) ? 0 : 1;
        } else {
            throw invalid("Invalid types in comparison, trying to compare '" + actual + "' with '" + expected
                    + "'");
        }
        return switch (op) {
            case "==", "=" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a.equals(b);
    }

    private static Object literal(Object v) {
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        throw invalid("Invalid filter: a value must be a string, number or boolean, got " + v);
    }

    private static String field(Object f, Set<String> fields) {
        if (!(f instanceof String name)) {
            throw invalid("Invalid filter: a field name must be a string, got " + f);
        }
        if (!fields.contains(name)) {
            throw invalid("Can't find field named '" + name + "'");
        }
        return name;
    }

    private static void arity(String op, List<?> args, int n) {
        if (args.size() != n) {
            throw invalid("Invalid filter: operator '" + op + "' takes " + n + " argument(s), got " + args.size());
        }
    }

    private static GanetiException invalid(String message) {
        return GanetiException.prereq(message, ErrorCode.ECODE_INVAL);
    }
}
