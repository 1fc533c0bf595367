package io.posmortem.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each renderer on the hand-made {@link HandReport}: what must appear, in which form, and that
 * rendering twice gives the same text. The founding case's full outputs are pinned by the golden
 * files; these tests name the parts.
 */
class RenderersTest {

    private static final String INLINE = "{\"rope_type\": \"yarn\", \"factor\": 4.0, \"original_max_position_embeddings\": 4096}";

    @Test
    void textShowsDiagnosisFixAndInlineRopeScaling() {
        String text = TextRenderer.render(HandReport.report());
        assertTrue(text.contains("Interpolation crowded the angles"), text);
        assertTrue(text.contains("fix-yarn"), text);
        assertTrue(text.contains(INLINE), text);
        assertEquals(text, TextRenderer.render(HandReport.report()));
    }

    @Test
    void markdownShowsRopeScalingAsAJsonCodeBlock() {
        String md = MarkdownRenderer.render(HandReport.report());
        assertTrue(md.contains("```json\n{\n  \"rope_type\": \"yarn\",\n  \"factor\": 4.0,\n  \"original_max_position_embeddings\": 4096\n}\n```"), md);
        assertTrue(md.contains("Interpolation crowded the angles"), md);
        assertEquals(md, MarkdownRenderer.render(HandReport.report()));
    }

    @Test
    void htmlEscapesTheInlineRopeScaling() {
        String html = HtmlRenderer.render(HandReport.report());
        assertTrue(html.contains(Html.escape(INLINE)), html);
        assertFalse(html.contains("<script"), "the page has no scripts");
        assertTrue(html.contains("Interpolation crowded the angles"), html);
        assertEquals(html, HtmlRenderer.render(HandReport.report()));
    }

    @Test
    void jsonUsesSnakeCaseAndLeavesOutNulls() {
        String json = JsonRenderer.pretty(HandReport.report());
        assertTrue(json.contains("\"question_text\" : \"Why did long context get worse?\""), json);
        assertTrue(json.contains("\"rope_scaling\" : {"), json);
        assertFalse(json.contains("null"), "null fields are left out: " + json);
        assertFalse(json.contains("\"what_if\""), json);
        assertEquals(1, JsonRenderer.line(HandReport.report()).lines().count());
    }

    /**
     * One-line JSON joins the report around its builds' remembered JSON at the marks it wrote for
     * them: the same text as the plain compact mapper's, with text holding the mark character
     * itself (escaped in JSON) in the report and in a build, and with one build object in two places.
     */
    @Test
    void oneLineJsonIsTheCompactJsonWithBuildsJoinedIn() {
        for (int builds = 0; builds <= 3; builds++) {
            for (String text : List.of("plain", "mark \u0001 inside", "\u0001", "caf\u00e9 \u2013 \ud83d\ude00")) {
                Report report = HandReport.report(text + ".yaml", text, builds);
                String line = JsonRenderer.line(report);
                assertEquals(JsonRenderer.lineValue(report), line, builds + " builds, " + text);
                assertFalse(line.indexOf('\u0001') >= 0, line);
            }
        }
    }

    @Test
    void invalidReportCarriesItsProblems() {
        Report invalid = new Report("posmortem", "0.0.0-test", "bad.yaml", null, Report.INVALID, null, "kb-1", "rules-1", null, List.of(),
                List.of(), List.of(new Problem("input.schema", "bad.yaml", "/builds/0/retrofit/factor", 7, 13, "factor must be positive",
                        "a number > 0", "use 4 for a 4x context")), null);
        String text = TextRenderer.render(invalid);
        assertTrue(text.contains("/builds/0/retrofit/factor"), text);
        assertTrue(text.contains("factor must be positive"), text);
        assertTrue(JsonRenderer.pretty(invalid).contains("\"status\" : \"invalid\""));
    }
}
