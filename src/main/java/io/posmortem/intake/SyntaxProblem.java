package io.posmortem.intake;

import io.posmortem.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * A YAML or JSON parser's error rewritten as a located {@link Problem} in posmortem's words: where
 * the mistake is (not where the parser noticed it), what was expected there, and a hint. Mistakes
 * people make by hand get their own codes:
 * <ul>
 *   <li>{@code syntax.trailing-comma}: JSON, a comma before a closing '}' or ']' (at the comma);</li>
 *   <li>{@code syntax.unclosed-bracket}: a '{' or '[' never closed, or closed by the other kind (at the opener);</li>
 *   <li>{@code syntax.unclosed-quote}: a quoted string never closed (at the opening quote);</li>
 *   <li>{@code syntax.tab-indent}: YAML, a tab in the indentation (at the tab);</li>
 *   <li>{@code syntax.yaml-indentation}: YAML, a line indented so that it lines up with no block
 *       (at the line's first character);</li>
 *   <li>{@code syntax.colon-in-value}: YAML, ': ' inside an unquoted value (at the colon).</li>
 * </ul>
 * Anything else is {@code syntax} with the parser's own message, stripped of its source excerpts.
 */
final class SyntaxProblem {
    private SyntaxProblem() {}

    /** YAML's "context / in reader, line L, column C / problem / in reader, line L, column C" message, split up. */
    private record YamlMessage(String context, int contextLine, int contextColumn, String problem, int problemLine, int problemColumn) {}

    private static final Pattern READER_AT = Pattern.compile("^\\s*in reader, line (\\d+), column (\\d+)");

    static Problem of(String source, LocatedDocument.Syntax syntax, String text, JacksonException e) {
        Lines lines = new Lines(text);
        TokenStreamLocation loc = e.getLocation();
        int line = loc == null || loc.getLineNr() < 1 ? 0 : loc.getLineNr();
        int column = loc == null || loc.getLineNr() < 1 ? 0 : Math.max(loc.getColumnNr(), 0);
        String original = e.getOriginalMessage() == null ? String.valueOf(e.getMessage()) : e.getOriginalMessage();
        Problem specific = syntax == LocatedDocument.Syntax.JSON
                ? json(source, lines, original, line, column)
                : yaml(source, lines, split(original));
        if (specific != null) return specific;
        YamlMessage y = syntax == LocatedDocument.Syntax.YAML ? split(original) : null;
        if (y != null && y.problemLine() > 0) {
            line = y.problemLine();
            column = y.problemColumn();
        }
        return new Problem("syntax", source, "", line, column, plain(original), syntax == LocatedDocument.Syntax.JSON ? "valid JSON" : "valid YAML",
                null);
    }

    private static Problem json(String source, Lines lines, String message, int line, int column) {
        if (line < 1) return null;
        int at = lines.offset(line, column);
        Scan scan = Scan.json(lines.text, Math.min(at, lines.text.length()));
        if (message.startsWith("Unexpected character ('}'") || message.startsWith("Unexpected character (']'")) {
            int comma = lines.previousNonBlank(at);
            if (comma >= 0 && lines.text.charAt(comma) == ',') {
                char close = lines.text.charAt(at);
                String what = close == '}' ? "an object" : "a list";
                return located(source, "syntax.trailing-comma", lines, comma, "a comma after the last entry of " + what + ", before '" + close + "'",
                        "another entry after ',', or no ',' before '" + close + "'",
                        "remove this comma: JSON allows none after the last entry");
            }
        }
        if (scan.openString >= 0 && (message.contains("CTRL-CHAR") || message.contains("end-of-input"))) {
            return located(source, "syntax.unclosed-quote", lines, scan.openString, "the string that starts here is not closed on its line",
                    "a closing '\"' on the same line (a JSON string cannot span lines; write a line break as \\n)",
                    "add the closing '\"'");
        }
        if (message.contains("expected close marker for") && !scan.open.isEmpty()) {
            int opener = scan.open.get(scan.open.size() - 1);
            char open = lines.text.charAt(opener);
            char close = open == '{' ? '}' : ']';
            return located(source, "syntax.unclosed-bracket", lines, opener, "the '" + open + "' opened here is never closed",
                    "'" + close + "' after its last entry", "add the missing '" + close + "'");
        }
        Matcher mismatch = Pattern.compile("^Unexpected close marker '(.)': expected '(.)'").matcher(message);
        if (mismatch.find() && !scan.open.isEmpty()) {
            int opener = scan.open.get(scan.open.size() - 1);
            return located(source, "syntax.unclosed-bracket", lines, opener, "the '" + lines.text.charAt(opener) + "' opened here is closed by '"
                            + mismatch.group(1) + "' at line " + line + ", column " + column,
                    "'" + mismatch.group(2) + "' to close it first", "add '" + mismatch.group(2) + "' before the '" + mismatch.group(1) + "'");
        }
        return null;
    }

    private static Problem yaml(String source, Lines lines, YamlMessage y) {
        if (y == null) return null;
        String problem = y.problem() == null ? "" : y.problem();
        String context = y.context() == null ? "" : y.context();
        if (problem.contains("(TAB)") || context.contains("(TAB)")) {
            int line = y.problemLine() > 0 ? y.problemLine() : y.contextLine();
            int tab = lines.firstTabInIndent(line);
            if (tab < 0) tab = lines.firstTabInIndentFrom(1);
            if (tab >= 0) {
                return located(source, "syntax.tab-indent", lines, tab, "a tab character in the indentation",
                        "spaces: YAML does not allow tabs for indentation", "replace the tab with spaces, as many as the lines around it use");
            }
        }
        if (context.startsWith("while scanning a quoted scalar") && problem.contains("end of stream") && y.contextLine() > 0) {
            int quote = lines.offset(y.contextLine(), y.contextColumn());
            char q = quote < lines.text.length() ? lines.text.charAt(quote) : '"';
            return located(source, "syntax.unclosed-quote", lines, quote, "the quoted value that starts here is never closed",
                    "a closing " + q + " (a quoted value may span lines, but must end)", "add the closing " + q);
        }
        Matcher flow = Pattern.compile("^while parsing a flow (mapping|sequence)").matcher(context);
        if (flow.find() && problem.startsWith("expected ',' or") && y.contextLine() > 0) {
            int opener = lines.offset(y.contextLine(), y.contextColumn());
            boolean mapping = flow.group(1).equals("mapping");
            char close = mapping ? '}' : ']';
            return located(source, "syntax.unclosed-bracket", lines, opener, "the '" + (mapping ? '{' : '[') + "' opened here is not closed"
                            + (y.problemLine() > 0 ? " before line " + y.problemLine() + ", column " + y.problemColumn() : ""),
                    "'" + close + "' after the " + (mapping ? "mapping's" : "list's") + " last entry", "add the missing '" + close + "'");
        }
        // A key or a list item where the block above has ended: the line lines up with none of the blocks open there.
        if (problem.startsWith("expected <block end>") && (problem.contains("found '<block") || problem.contains("found '-'"))
                && y.problemLine() > 0) {
            int line = y.problemLine();
            int indent = lines.indent(line);
            if (problem.contains("found '-'") && context.contains("block mapping")) {
                return located(source, "syntax.yaml-indentation", lines, lines.offset(line, indent + 1),
                        "a list item on line " + line + " among the keys of the mapping that starts at line " + y.contextLine()
                                + ", column " + y.contextColumn(),
                        "a list under a key that ends with ':', indented below it", "give the list its own key, or indent it under one");
            }
            return located(source, "syntax.yaml-indentation", lines, lines.offset(line, indent + 1),
                    "line " + line + " (indented " + indent + " spaces) lines up with no block above it"
                            + (y.contextLine() > 0 ? "; the block it follows starts at line " + y.contextLine() + ", column " + y.contextColumn() : ""),
                    "the entries of one mapping or list indented alike", "indent line " + line + " like the entries it belongs with");
        }
        if (context.isEmpty() && problem.startsWith("mapping values are not allowed here") && y.problemLine() > 0) {
            int line = y.problemLine();
            int previous = lines.previousContentLine(line);
            if (previous > 0 && lines.indent(line) > lines.indent(previous) && !lines.endsWithColon(previous)) {
                return located(source, "syntax.yaml-indentation", lines, lines.offset(line, lines.indent(line) + 1),
                        "line " + line + " is indented deeper (" + lines.indent(line) + " spaces) than line " + previous + " ("
                                + lines.indent(previous) + "), so it is read as the continuation of line " + previous + "'s value",
                        "the keys of one mapping indented alike", "indent line " + line + " by " + lines.indent(previous)
                                + " spaces, like line " + previous);
            }
            return located(source, "syntax.colon-in-value", lines, lines.offset(line, y.problemColumn()),
                    "': ' inside an unquoted value: YAML reads it as the start of another key",
                    "a value without ': ', or a quoted one", "quote the whole value, e.g. title: \"Build A: RoPE scaled\"");
        }
        return null;
    }

    private static Problem located(String source, String code, Lines lines, int offset, String message, String expected, String hint) {
        int[] lc = lines.lineColumn(offset);
        return new Problem(code, source, "", lc[0], lc[1], message, expected, hint);
    }

    /** SnakeYAML's message split into its context and problem and their marks; null when it is not of that shape. */
    private static YamlMessage split(String message) {
        List<String> said = new ArrayList<>();
        List<int[]> marks = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (String raw : message.split("\\R")) {
            Matcher at = READER_AT.matcher(raw);
            if (at.find()) {
                said.add(String.join(" ", pending).strip());
                marks.add(new int[] {Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2))});
                pending.clear();
            } else if (!raw.isBlank() && !Character.isWhitespace(raw.charAt(0))) {
                pending.add(raw.strip());
            }
        }
        if (marks.isEmpty()) return null;
        String context = null;
        int[] contextMark = {0, 0};
        String problem = said.get(said.size() - 1);
        int[] problemMark = marks.get(marks.size() - 1);
        if (said.size() >= 2) {
            context = said.get(0);
            contextMark = marks.get(0);
        } else if (problem.startsWith("while ") && problem.contains(" found ")) {
            // "while scanning for the next token found character '\t' ..." has one mark for both sentences.
            int found = problem.indexOf(" found ");
            context = problem.substring(0, found);
            problem = problem.substring(found + 1);
        }
        return new YamlMessage(context, contextMark[0], contextMark[1], problem, problemMark[0], problemMark[1]);
    }

    /**
     * The parser's message without source excerpts, carets and location suffixes (the problem
     * carries its own line and column). YAML messages keep their "while parsing ..." context,
     * with where that construct started.
     */
    static String plain(String m) {
        int cut = m.indexOf("\n at [");
        if (cut >= 0) m = m.substring(0, cut);
        m = m.replaceAll(" \\((start marker at|for \\w+ starting at) \\[Source: [^\\]]*]\\)", "")
             .replaceAll(" \\(code \\d+\\)", "");
        List<String> kept = new ArrayList<>();
        String started = null;
        for (String line : m.split("\\R")) {
            Matcher at = READER_AT.matcher(line);
            if (at.find()) {
                if (started == null && !kept.isEmpty()) started = "line " + at.group(1) + ", column " + at.group(2);
                continue;
            }
            if (line.isBlank() || Character.isWhitespace(line.charAt(0))) continue;
            kept.add(line.strip());
        }
        String text = kept.isEmpty() ? m.strip() : String.join("; ", kept);
        if (started != null && kept.size() > 1) text += " (the construct started at " + started + ")";
        return text.replaceAll("\\s+", " ");
    }

    /** The text with its line starts, converting between offsets and 1-based line and column. */
    private static final class Lines {
        final String text;
        final List<Integer> starts = new ArrayList<>();

        Lines(String text) {
            this.text = text;
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') starts.add(i + 1);
            }
        }

        int offset(int line, int column) {
            int l = Math.max(1, Math.min(line, starts.size()));
            return Math.min(starts.get(l - 1) + Math.max(column, 1) - 1, text.length());
        }

        int[] lineColumn(int offset) {
            int l = 0;
            while (l + 1 < starts.size() && starts.get(l + 1) <= offset) l++;
            return new int[] {l + 1, offset - starts.get(l) + 1};
        }

        String line(int line) {
            if (line < 1 || line > starts.size()) return "";
            int end = line < starts.size() ? starts.get(line) - 1 : text.length();
            return text.substring(starts.get(line - 1), end).replace("\r", "");
        }

        int indent(int line) {
            String s = line(line);
            int i = 0;
            while (i < s.length() && s.charAt(i) == ' ') i++;
            return i;
        }

        int previousContentLine(int line) {
            for (int l = line - 1; l >= 1; l--) {
                String s = line(l).strip();
                if (!s.isEmpty() && !s.startsWith("#")) return l;
            }
            return 0;
        }

        boolean endsWithColon(int line) {
            return line(line).replaceAll("\\s+#.*$", "").strip().endsWith(":");
        }

        int firstTabInIndent(int line) {
            String s = line(line);
            for (int i = 0; i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t'); i++) {
                if (s.charAt(i) == '\t') return starts.get(line - 1) + i;
            }
            return -1;
        }

        int firstTabInIndentFrom(int line) {
            for (int l = line; l <= starts.size(); l++) {
                int tab = firstTabInIndent(l);
                if (tab >= 0) return tab;
            }
            return -1;
        }

        int previousNonBlank(int offset) {
            for (int i = Math.min(offset, text.length()) - 1; i >= 0; i--) {
                if (!Character.isWhitespace(text.charAt(i))) return i;
            }
            return -1;
        }
    }

    /** JSON text up to an offset: the brackets still open and the string still open, if any. */
    private static final class Scan {
        final List<Integer> open = new ArrayList<>();
        int openString = -1;

        static Scan json(String text, int end) {
            Scan s = new Scan();
            boolean escaped = false;
            for (int i = 0; i < end; i++) {
                char c = text.charAt(i);
                if (s.openString >= 0) {
                    if (escaped) escaped = false;
                    else if (c == '\\') escaped = true;
                    else if (c == '"' || c == '\n') s.openString = c == '"' ? -1 : s.openString;
                    if (c == '\n') break;
                    continue;
                }
                if (c == '"') s.openString = i;
                else if (c == '{' || c == '[') s.open.add(i);
                else if ((c == '}' || c == ']') && !s.open.isEmpty()) s.open.remove(s.open.size() - 1);
            }
            return s;
        }
    }
}
