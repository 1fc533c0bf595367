package io.posmortem.serve;

import io.posmortem.model.Problem;
import io.posmortem.report.HtmlRenderer;
import java.util.List;

/**
 * The pages {@code serve} shows a browser: {@code GET /}, a form to paste or upload a symptom file
 * and optionally the model's config.json (both sent as content; the service never opens a path a
 * client names), posted to {@code POST /report}; and the pages of a form that could not be used.
 * No scripts: the page works with scripting off and under the report's Content-Security-Policy.
 */
final class FormPage {
    private FormPage() {}

    /** Form field names of {@code POST /report}. */
    static final String SYMPTOMS = "symptoms";
    static final String SYMPTOMS_FILE = "symptoms_file";
    static final String CONFIG = "config";
    static final String CONFIG_FILE = "config_file";

    /** The headers every HTML answer carries. */
    static final java.util.Map<String, String> HEADERS = java.util.Map.of(
            "Content-Type", "text/html; charset=utf-8",
            "Content-Security-Policy", HtmlRenderer.CONTENT_SECURITY_POLICY,
            "Referrer-Policy", "same-origin");

    /** {@code GET /}: the form, with the size limit it is held to. */
    static String form(int maxBody) {
        String body = """
                <p>Paste a symptom file (YAML or JSON) or choose one, optionally with the model's <code>config.json</code>, and \
                get the HTML report. Both are sent as content: the service never opens a file named in them \
                (a <code>model.config</code> in the symptom file is refused; give its content in the config field instead). \
                The whole form may be at most %s bytes.</p>
                <form method="post" action="/report" enctype="multipart/form-data">
                <label for="symptoms">Symptom file</label>
                <textarea id="symptoms" name="symptoms" spellcheck="false" placeholder="posmortem: 2&#10;model: ..."></textarea>
                <p class="hint">or upload it: <input type="file" name="symptoms_file" aria-label="symptom file to upload" \
                accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml"> (an upload wins over pasted text)</p>
                <label for="config">Model config.json (optional)</label>
                <textarea id="config" name="config" spellcheck="false" placeholder="{&quot;rope_theta&quot;: 10000, ...}"></textarea>
                <p class="hint">or upload it: <input type="file" name="config_file" aria-label="config.json to upload" \
                accept=".json,application/json"></p>
                <button type="submit">Diagnose</button>
                </form>
                <p class="hint">The same service answers <code>POST /triage</code> with the JSON report, \
                <code>GET /health</code> and <code>GET /incidents</code>.</p>
                """.formatted(io.posmortem.model.Numbers.format(maxBody));
        return HtmlRenderer.page("posmortem: diagnose a symptom file", body);
    }

    /** A form that could not be used as sent (no symptom file, a malformed body): what went wrong and a way back. */
    static String refused(String title, String message) {
        return HtmlRenderer.page(title, "<p>" + HtmlRenderer.escape(message) + "</p>\n<p><a href=\"/\">Back to the form</a></p>\n");
    }

    /** The problems of an input that is not a valid symptom file (or config.json), each with where it is. */
    static String invalid(List<Problem> problems) {
        StringBuilder body = new StringBuilder("<p><strong>invalid</strong>: ").append(problems.size())
                .append(" problem(s); nothing was diagnosed.</p>\n<div class=\"scroll\"><table>\n<tr><th>where</th><th>problem</th><th>expected</th><th>hint</th></tr>\n");
        for (Problem p : problems) {
            String where = p.where() + (p.pointer() == null || p.pointer().isEmpty() ? "" : " " + p.pointer());
            body.append("<tr><td><code>").append(HtmlRenderer.escape(where)).append("</code></td><td>").append(HtmlRenderer.escape(p.message()))
                    .append(" <code>").append(HtmlRenderer.escape(p.code())).append("</code></td><td>")
                    .append(HtmlRenderer.escape(p.expected() == null ? "" : p.expected())).append("</td><td>")
                    .append(HtmlRenderer.escape(p.hint() == null ? "" : p.hint())).append("</td></tr>\n");
        }
        body.append("</table></div>\n<p><a href=\"/\">Back to the form</a></p>\n");
        return HtmlRenderer.page("posmortem: the input cannot be diagnosed", body.toString());
    }
}
