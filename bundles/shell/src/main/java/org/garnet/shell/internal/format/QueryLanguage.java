package org.garnet.shell.internal.format;

import java.util.ArrayList;
import java.util.List;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;

/**
 * Ganeti's textual query filter language ({@code gnt-instance list -F 'admin_state == "up" and name =~ /^web/'}),
 * turned into the JSON filter the query service takes. Grammar: {@code or} of {@code and} of {@code not}-able
 * terms; a term is a parenthesised expression, {@code FIELD OP VALUE} with {@code == != < <= > >=},
 * {@code FIELD =~ /REGEX/[i]} or {@code !~}, {@code VALUE in FIELD} / {@code VALUE not in FIELD} (list
 * contains), or a bare {@code FIELD} (true when the field is true). Values are numbers or quoted strings.
 */
public final class QueryLanguage {
    private final String text;
    private int pos;

    private QueryLanguage(String text) {
        this.text = text;
    }

    /** The JSON filter for an expression; a malformed one is {@code ECODE_INVAL}. */
    public static List<Object> parse(String expression) {
        QueryLanguage p = new QueryLanguage(expression);
        List<Object> f = p.or();
        p.skipSpace();
        if (p.pos != p.text.length()) {
            throw p.error("unexpected '" + p.text.substring(p.pos) + "'");
        }
        return f;
    }

    private List<Object> or() {
        List<Object> first = and();
        List<Object> parts = new ArrayList<>(List.of(first));
        while (keyword("or")) {
            parts.add(and());
        }
        return parts.size() == 1 ? first : prefixed("|", parts);
    }

    private List<Object> and() {
        List<Object> first = not();
        List<Object> parts = new ArrayList<>(List.of(first));
        while (keyword("and")) {
            parts.add(not());
        }
        return parts.size() == 1 ? first : prefixed("&", parts);
    }

    private List<Object> not() {
        if (keyword("not")) {
            return List.of("!", not());
        }
        return term();
    }

    private List<Object> term() {
        skipSpace();
        if (peek('(')) {
            pos++;
            List<Object> inner = or();
            skipSpace();
            if (!peek(')')) {
                throw error("missing ')'");
            }
            pos++;
            return inner;
        }
        if (peek('"') || peek('\'') || peekNumber()) {
            Object value = value();
            boolean negate = keyword("not");
            if (!keyword("in")) {
                throw error("expected 'in' after a value");
            }
            List<Object> contains = List.of("=[]", field(), value);
            return negate ? List.of("!", contains) : contains;
        }
        String field = field();
        skipSpace();
        for (String op : List.of("==", "!=", "<=", ">=", "=~", "!~", "<", ">")) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                if (op.endsWith("~")) {
                    List<Object> match = List.of("=~", field, regex());
                    return op.equals("!~") ? List.of("!", match) : match;
                }
                return List.of(op, field, value());
            }
        }
        return List.of("?", field);
    }

    private String field() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                || "_/.".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        if (start == pos || !Character.isLetter(text.charAt(start))) {
            throw error("expected a field name");
        }
        return text.substring(start, pos);
    }

    private Object value() {
        skipSpace();
        if (peek('"') || peek('\'')) {
            char quote = text.charAt(pos++);
            StringBuilder b = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != quote) {
                if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
                    pos++;
                }
                b.append(text.charAt(pos++));
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            pos++;
            return b.toString();
        }
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == start || text.substring(start, pos).equals("-")) {
            throw error("expected a number or a quoted string");
        }
        return Long.parseLong(text.substring(start, pos));
    }

    private String regex() {
        skipSpace();
        if (!peek('/')) {
            throw error("expected a regular expression /.../");
        }
        int end = text.indexOf('/', pos + 1);
        while (end > 0 && text.charAt(end - 1) == '\\') {
            end = text.indexOf('/', end + 1);
        }
        if (end < 0) {
            throw error("unterminated regular expression");
        }
        String re = text.substring(pos + 1, end).replace("\\/", "/");
        pos = end + 1;
        StringBuilder flags = new StringBuilder();
        while (pos < text.length() && (text.charAt(pos) == 'i' || text.charAt(pos) == 's')) {
            flags.append(text.charAt(pos++));
        }
        return flags.length() == 0 ? re : "(?" + flags + ")" + re;
    }

    private boolean keyword(String word) {
        skipSpace();
        int end = pos + word.length();
        if (text.startsWith(word, pos) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean peekNumber() {
        return pos < text.length() && (Character.isDigit(text.charAt(pos))
                || text.charAt(pos) == '-' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)));
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static List<Object> prefixed(String op, List<Object> parts) {
        List<Object> out = new ArrayList<>();
        out.add(op);
        out.addAll(parts);
        return out;
    }

    private GanetiException error(String what) {
        return GanetiException.prereq("Failed to parse query filter '" + text + "': " + what + " at position "
                + pos, ErrorCode.ECODE_INVAL);
    }
}
