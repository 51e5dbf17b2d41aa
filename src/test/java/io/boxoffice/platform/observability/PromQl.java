package io.boxoffice.platform.observability;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: what is left once strings, label matchers, range
 * selectors and grouping clauses are taken out, minus function names (followed by a parenthesis),
 * keywords and numbers.
 */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS =
            Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "inf", "nan");

    private PromQl() {}

    static Set<String> metricNames(Collection<String> expressions) {
        Set<String> names = new TreeSet<>();
        expressions.forEach(expression -> names.addAll(metricNames(expression)));
        return names;
    }

    static Set<String> metricNames(String expression) {
        String stripped = STRING.matcher(expression).replaceAll("\"\"");
        stripped = MATCHERS.matcher(stripped).replaceAll(" ");
        stripped = RANGE.matcher(stripped).replaceAll(" ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String name = identifier.group();
            int before = identifier.start() - 1;
            if (before >= 0 && (Character.isDigit(stripped.charAt(before)) || stripped.charAt(before) == '.')) {
                continue; // the exponent or unit of a number: 1e3, 0.5
            }
            if (KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT)) || isCall(stripped, identifier.end())) {
                continue;
            }
            names.add(name);
        }
        return names;
    }

    private static boolean isCall(String text, int end) {
        int i = end;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '(';
    }
}
