package io.posmortem.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** What reaches a terminal or a Markdown page of a user string, character by character. */
class DisplayTextTest {

    @Test
    void oneLineOfUserTextLosesControlsAndBidiOverridesAndKeepsNoLineBreak() {
        // ESC and the one-byte CSI (U+009B) go, so what follows them is plain text, not a command.
        assertEquals("[31mred[0m reversed 1mbold", DisplayText.line("\u001b[31mred\u001b[0m \u202ereversed\u202c\u2066\u2069 \u009b1mbold"));
        assertEquals("a b c d", DisplayText.line("a\nb\tc\rd"));
        assertEquals("title # heading", DisplayText.line("title\n# heading"));
        assertEquals("bell", DisplayText.line("be\u0007ll\u007f"));
    }

    @Test
    void aRenderedReportKeepsItsOwnLineFeedsOnly() {
        assertEquals("line one\nline two\n", DisplayText.text("line one\r\nline\u001b two\n"));
        assertEquals("\u00e9 \u4e2d \u05d0", DisplayText.text("\u00e9 \u4e2d \u05d0"), "printable text of any script is kept");
    }

    @Test
    void cleanTextIsReturnedAsIs() {
        String clean = "fixtures/seed/founding-case.yaml: 4,096 -> 32,768 tokens";
        assertSame(clean, DisplayText.line(clean));
        assertSame(clean, DisplayText.text(clean));
    }

    @Test
    void aStatusFieldEscapesSeparatorsAndControlsReversibly() {
        assertEquals("dir/a\\tb\\nc\\\\d\\re\\x1b[31m\\u202e.yaml", DisplayText.escapeField("dir/a\tb\nc\\d\re\u001b[31m\u202e.yaml"));
        assertEquals("plain/path.yaml", DisplayText.escapeField("plain/path.yaml"));
        assertEquals("\\x9b\\x7f", DisplayText.escapeField("\u009b\u007f"));
    }
}
