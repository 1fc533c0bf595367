package io.posmortem.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown pages and the anchors their headings get on GitHub, for
 * checking that every link of the documentation leads somewhere.
 */
public final class MarkdownLinks {

    /** An inline link or image: {@code [text](target)} or {@code [text](target "title")}. */
    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    /** One link: the page it is on, its line, and its target as written. */
    public record Link(Path page, int line, String target) {}

    private MarkdownLinks() {}

    /** The lines of a page outside fenced code blocks, with inline code spans blanked out; fenced lines are empty. */
    static List<String> prose(String text) {
        List<String> out = new ArrayList<>();
        String fence = null;
        for (String line : text.split("\n", -1)) {
            Matcher f = FENCE.matcher(line);
            if (fence == null && f.find()) {
                fence = f.group(1);
                out.add("");
            } else if (fence != null) {
                if (closes(line, fence)) fence = null;
                out.add("");
            } else {
                out.add(line);
            }
        }
        return out;
    }

    /** A closing fence: only the opening fence's character, at least as many times. */
    private static boolean closes(String line, String fence) {
        String s = line.strip();
        return s.length() >= fence.length() && s.chars().allMatch(c -> c == fence.charAt(0));
    }

    /** Every link of a page whose target is not an absolute URL ({@code https:}, {@code mailto:}, ...). */
    public static List<Link> relativeLinks(Path page, String text) {
        List<Link> links = new ArrayList<>();
        List<String> lines = prose(text);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINK.matcher(withoutCodeSpans(lines.get(i)));
            while (m.find()) {
                String target = m.group(1);
                if (!SCHEME.matcher(target).find()) links.add(new Link(page, i + 1, target));
            }
        }
        return links;
    }

    /** The anchors GitHub gives the headings of a page, in order (duplicates numbered -1, -2, ...). */
    public static Set<String> anchors(String text) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(text)) {
            Matcher h = HEADING.matcher(line);
            if (!h.matches()) continue;
            String slug = slug(h.group(2));
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? slug : slug + "-" + n);
        }
        return anchors;
    }

    /**
     * GitHub's heading slug: the heading's text as rendered (code spans, emphasis and links
     * reduced to their text), lower-cased, every character that is not a letter, mark, digit,
     * connector punctuation, hyphen or space removed, and each space made a hyphen.
     */
    public static String slug(String heading) {
        String text = heading
                .replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // links and images: their text
                .replace("`", "")
                .replaceAll("(\\*\\*|__|\\*|(?<![\\p{L}\\p{N}])_|_(?![\\p{L}\\p{N}]))", "") // emphasis markers
                .strip()
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == ' ') out.append('-');
            else if (c == '-' || Character.isLetterOrDigit(c) || Character.getType(c) == Character.CONNECTOR_PUNCTUATION
                    || Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.COMBINING_SPACING_MARK) {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * What is wrong with each link of a page: a target outside {@code root}, a file that does
     * not exist, or an anchor that no heading of the target page has. Empty when every link
     * leads somewhere.
     */
    public static List<String> broken(Path root, Path page) throws IOException {
        List<String> problems = new ArrayList<>();
        Path absRoot = root.toAbsolutePath().normalize();
        for (Link link : relativeLinks(page, Files.readString(page))) {
            String where = absRoot.relativize(page.toAbsolutePath().normalize()) + ":" + link.line() + ": (" + link.target() + ") ";
            int hash = link.target().indexOf('#');
            String file = hash < 0 ? link.target() : link.target().substring(0, hash);
            String anchor = hash < 0 ? null : link.target().substring(hash + 1);
            Path target = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(decode(file)).normalize();
            if (!target.toAbsolutePath().normalize().startsWith(absRoot)) {
                problems.add(where + "leads outside the repository");
            } else if (!Files.exists(target)) {
                problems.add(where + "names a file that does not exist");
            } else if (anchor != null) {
                if (!target.toString().endsWith(".md") || Files.isDirectory(target)) {
                    problems.add(where + "has an anchor on a page that is not Markdown");
                } else if (!anchors(Files.readString(target)).contains(anchor)) {
                    problems.add(where + "names an anchor no heading of " + absRoot.relativize(target.toAbsolutePath().normalize()) + " has");
                }
            }
        }
        return problems;
    }

    private static String decode(String path) {
        return java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A line with its inline code spans replaced by spaces, so a link written as code is not a link. */
    private static String withoutCodeSpans(String line) {
        StringBuilder out = new StringBuilder(line);
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) != '`') { i++; continue; }
            int run = 1;
            while (i + run < line.length() && line.charAt(i + run) == '`') run++;
            String ticks = "`".repeat(run);
            int close = line.indexOf(ticks, i + run);
            if (close < 0) { i += run; continue; }
            for (int k = i; k < close + run; k++) out.setCharAt(k, ' ');
            i = close + run;
        }
        return out.toString();
    }
}
