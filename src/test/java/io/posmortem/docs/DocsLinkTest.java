package io.posmortem.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link of the documentation leads to a file of the repository, and every
 * {@code #anchor} to a heading of the page it names (GitHub's slugs), on every Markdown page of
 * the repository: {@code README.md}, {@code docs/}, the READMEs of {@code rules/},
 * {@code knowledge-base/} and {@code fixtures/} and the others.
 */
class DocsLinkTest {

    static final Path ROOT = Path.of("");

    /** Every Markdown page of the repository but the build output and the pinned Markdown report. */
    static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.toAbsolutePath())) {
            Path root = ROOT.toAbsolutePath();
            return files.map(root::relativize)
                    .filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !p.startsWith("target") && !p.startsWith(".git") && !p.startsWith("src/test/resources/golden"))
                    .sorted().toList();
        }
    }

    @Test
    void everyRelativeLinkAndAnchorLeadsSomewhere() throws IOException {
        List<String> problems = new ArrayList<>();
        int links = 0;
        for (Path page : pages()) {
            links += MarkdownLinks.relativeLinks(page, Files.readString(page)).size();
            problems.addAll(MarkdownLinks.broken(ROOT, page));
        }
        assertEquals(List.of(), problems);
        // The README alone links to every page of docs/: far fewer links means the parser lost them.
        assertTrue(links >= 40, "only " + links + " relative links found");
        for (String required : List.of("README.md", "docs/user-guide.md", "rules/README.md", "knowledge-base/README.md", "fixtures/README.md")) {
            assertTrue(pages().contains(Path.of(required)), required + " is checked");
        }
    }

    @Test
    void theReadmeLinksToEveryPageOfDocs() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> targets = MarkdownLinks.relativeLinks(Path.of("README.md"), readme).stream()
                .map(MarkdownLinks.Link::target).toList();
        for (Path page : pages()) {
            if (page.startsWith("docs")) {
                assertTrue(targets.contains(page.toString().replace('\\', '/')), "README.md does not link to " + page);
            }
        }
    }

    /** Expected slugs are the anchors GitHub gives these headings (rules/README.md and README.md use them). */
    @Test
    void slugsFollowGitHub() {
        assertEquals("containment-what-a-pack-may-do-at-run-time", MarkdownLinks.slug("Containment: what a pack may do at run time"));
        assertEquals("checking-a-pack-posmortem-verify", MarkdownLinks.slug("Checking a pack: `posmortem verify`"));
        assertEquals("the-symptom-file-format-v1", MarkdownLinks.slug("The symptom file (format v1)"));
        assertEquals("capabilitiesyaml--what-users-observe", MarkdownLinks.slug("`capabilities.yaml` — what users observe"));
        assertEquals("snake_case-and-kebab-case", MarkdownLinks.slug("snake_case and **kebab-case**"));
        assertEquals("see-the-guide", MarkdownLinks.slug("See [the guide](docs/x.md)"));
    }

    @Test
    void repeatedHeadingsAreNumberedAndCodeIsNoHeading() {
        String page = "# A\n\n## Limits\n\n```\n# not a heading\n```\n\n### Limits\n";
        assertEquals(List.of("a", "limits", "limits-1"), List.copyOf(MarkdownLinks.anchors(page)));
    }

    @Test
    void aBrokenLinkOrAnchorIsReportedWithItsLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/b.md"), "# B\n\n## Real heading\n");
        Path page = dir.resolve("docs/a.md");
        Files.writeString(page, """
                # A

                [fine](b.md#real-heading) and [here](#a) and [web](https://example.org/none)
                [gone](missing.md)
                [no anchor](b.md#fake-heading)
                [out](../../x.md) `[code](ignored.md)`

                ```
                [fenced](ignored.md)
                ```
                """);
        assertEquals(List.of(
                "docs/a.md:4: (missing.md) names a file that does not exist",
                "docs/a.md:5: (b.md#fake-heading) names an anchor no heading of docs/b.md has",
                "docs/a.md:6: (../../x.md) leads outside the repository"),
                MarkdownLinks.broken(dir, page).stream().map(s -> s.replace('\\', '/')).toList());
    }
}
