package io.posmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.engine.Triage;
import io.posmortem.inference.InferenceException;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.model.knowledge.AskPart;
import io.posmortem.model.knowledge.RootCause;
import io.posmortem.report.BuildReport;
import io.posmortem.report.CandidateView;
import io.posmortem.report.DiagnosisView;
import io.posmortem.report.DisplayText;
import io.posmortem.report.ExplanationRenderer;
import io.posmortem.report.HypothesisView;
import io.posmortem.report.MarkdownRenderer;
import io.posmortem.report.Report;
import io.posmortem.report.ReportDetail;
import io.posmortem.report.TextRenderer;
import io.posmortem.report.UncheckedView;
import io.posmortem.report.WhyNotView;
import io.posmortem.run.TriageRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The report never contradicts itself, over every fixture that triages. Per build:
 *
 * <ul>
 *   <li>"NOT X, the literal reading" only when X's standing is {@code rejected}, never in a no-fault
 *       build (nor for an X that leads or co-leads);</li>
 *   <li>no hypothesis named at 0.00: the summary line and the verdict name their hypothesis only when
 *       it is a candidate above the knowledge base's {@code conclusion.candidate-floor}; every
 *       {@code candidates[]} entry is above it; no why-not at a score within it;</li>
 *   <li>a why-not for the runner-up whenever there is one and the verdict is not no-fault: the most
 *       certain other hypothesis the evidence spoke about (for not-explained, the least contradicted
 *       one of all), outside the floor;</li>
 *   <li>no question asks for what the file gives: no NOT CHECKED question contains a part
 *       ({@code asks_for}) one of whose fields the input gives (read from the input itself, not
 *       from posmortem's model of it), and no TO DECIDE asks where a capability starts to degrade
 *       when the input gives that capability's onset.</li>
 * </ul>
 *
 * Counts at the end keep the test from passing on nothing.
 */
class ReportConsistencyTest {
    private static Triage triage;
    private static double floor;
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Pattern LITERAL = Pattern.compile("NOT (\\S+), the literal reading of");
    private static final Pattern ONSET_ASKED = Pattern.compile("report where (\\S+) starts to degrade");

    @BeforeAll
    static void load() throws Exception {
        triage = Triage.load(Path.of("rules"), Path.of("knowledge-base"));
        floor = triage.knowledge().thresholds().get("conclusion.candidate-floor").value();
    }

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("fixtures"))) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml") || p.toString().endsWith(".json"))
                    .filter(p -> !p.toString().endsWith(".config.json") && !p.toString().contains("/broken-rules/"))
                    .sorted().toList();
        }
    }

    private static Report report(Path fixture) throws Exception {
        return triage.reports().diagnosed(triage.run(fixture), ReportDetail.full);
    }

    /** The text of one build's section: from its "== id" heading to the next one. */
    static String section(String text, BuildReport b) {
        int start = text.indexOf("\n== " + DisplayText.line(b.id()));
        int end = text.indexOf("\n== ", start + 1);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** The build's summary line(s) at the top of the text report, up to the next build's or the first section. */
    static String summaryLine(String text, BuildReport b) {
        int start = text.indexOf("\n" + DisplayText.line(b.id()) + "  ");
        int end = text.indexOf("\n== ");
        return text.substring(start, end);
    }

    @Test
    void everyFixtureReportIsConsistent() throws Exception {
        int builds = 0;
        int literalShown = 0;
        int runnerUps = 0;
        int notExplained = 0;
        int answeredParts = 0;
        List<String> failures = new ArrayList<>();
        for (Path fixture : fixtures()) {
            Report report;
            try {
                report = report(fixture);
            } catch (InvalidInputException | InferenceException e) {
                continue;
            }
            String text = TextRenderer.render(report);
            String markdown = MarkdownRenderer.render(report);
            JsonNode input = YAML.readTree(Files.readString(fixture));
            for (int i = 0; i < report.builds().size(); i++) {
                BuildReport b = report.builds().get(i);
                String where = fixture + " build " + b.id() + ": ";
                DiagnosisView d = b.diagnosis();
                String sec = section(text, b);
                builds++;

                // "NOT X, the literal reading" only for a rejected X, never in a no-fault build.
                Matcher m = LITERAL.matcher(sec);
                while (m.find()) {
                    literalShown++;
                    String x = m.group(1);
                    if (d.verdict().equals("no-fault")) failures.add(where + "NOT " + x + " in a no-fault report");
                    String status = b.hypotheses().stream().filter(h -> h.id().equals(x)).findFirst().map(HypothesisView::status).orElse("?");
                    if (!status.equals("rejected")) failures.add(where + "NOT " + x + ", the literal reading, but its standing is " + status);
                }

                // No hypothesis named at 0.00.
                for (CandidateView c : d.candidates()) {
                    if (!(c.score() > floor)) failures.add(where + "candidate " + c.hypothesis() + " at " + c.score());
                }
                if (!d.namesLeader() && !d.verdict().equals("no-fault")) {
                    if (summaryLine(text, b).contains(d.hypothesis())) failures.add(where + "summary names " + d.hypothesis() + " at " + d.confidence());
                    if (sec.contains("confidence " + io.posmortem.model.Numbers.fixed(d.confidence(), 2))) {
                        failures.add(where + "the verdict names a confidence outside the candidates");
                    }
                }
                if (d.verdict().equals("not-explained")) {
                    notExplained++;
                    if (!d.candidates().isEmpty()) failures.add(where + "not-explained with candidates " + d.candidates());
                    if (d.namesLeader()) failures.add(where + "not-explained names its leader");
                }
                for (WhyNotView w : b.whyNot()) {
                    if (Math.abs(w.score()) <= floor && !w.statedReading()) failures.add(where + "why not " + w.hypothesis() + " at " + w.score());
                }
                if (text.contains("(0.00)") || text.contains("(-0.00)") || markdown.contains("| 0.00 |") || markdown.contains("| -0.00 |")) {
                    failures.add(where + "a hypothesis is named at 0.00 in a summary");
                }

                // A why-not for the runner-up in every verdict but no-fault.
                if (!d.verdict().equals("no-fault")) {
                    boolean nothingFits = d.verdict().equals("not-explained");
                    List<HypothesisView> spoken = b.hypotheses().stream()
                            .filter(h -> nothingFits || !h.id().equals(d.hypothesis()))
                            .filter(h -> !h.supporting().isEmpty() || !h.opposing().isEmpty())
                            .filter(h -> nothingFits ? h.score() < -floor : Math.abs(h.score()) > floor)
                            .sorted(Comparator.comparingDouble(HypothesisView::score).reversed()).toList();
                    if (!spoken.isEmpty()) {
                        runnerUps++;
                        double best = spoken.get(0).score();
                        List<String> expected = spoken.stream().filter(h -> h.score() == best).map(HypothesisView::id).toList();
                        boolean shown = b.whyNot().stream().anyMatch(w -> expected.contains(w.hypothesis()))
                                && expected.stream().anyMatch(h -> sec.contains("why not " + h + " ("));
                        if (!shown) failures.add(where + d.verdict() + " without a why-not for the runner-up " + expected + "; why-nots: "
                                + b.whyNot().stream().map(WhyNotView::hypothesis).toList());
                    }
                } else if (!b.whyNot().isEmpty()) {
                    failures.add(where + "a no-fault build with why-nots " + b.whyNot().stream().map(WhyNotView::hypothesis).toList());
                }

                // No question asks for what the file gives.
                JsonNode build = input.path("builds").path(i);
                for (UncheckedView u : b.unchecked()) {
                    RootCause c = triage.knowledge().hypotheses().get(u.hypothesis());
                    for (AskPart part : c.asksFor()) {
                        if (part.fields().stream().noneMatch(f -> gives(build, f))) continue;
                        answeredParts++;
                        if (u.ask().contains(part.question())) failures.add(where + "NOT CHECKED " + u.hypothesis() + " asks '" + part.question()
                                + "', which the file answers (" + part.fields() + ")");
                    }
                }
                for (String s : b.discriminators()) {
                    Matcher onset = ONSET_ASKED.matcher(s);
                    if (!onset.find()) continue;
                    for (JsonNode o : build.path("observations")) {
                        if (o.path("capability").asString("").equals(onset.group(1)) && o.has("onset")) {
                            failures.add(where + "TO DECIDE asks for the onset of " + onset.group(1) + ", which the file gives");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(builds > 150, "builds checked: " + builds);
        assertTrue(literalShown >= 10, "literal readings called out: " + literalShown);
        assertTrue(runnerUps > 150, "runner-ups checked: " + runnerUps);
        assertTrue(notExplained >= 5, "not-explained builds: " + notExplained);
        assertTrue(answeredParts >= 1, "question parts the file answers: " + answeredParts);
    }

    /** Whether a build of the raw input gives a field: {@code runtime.x}, {@code retrofit.x}, or {@code observations.x} on any observation. */
    static boolean gives(JsonNode build, String field) {
        String[] parts = field.split("\\.", 2);
        if (parts[0].equals("observations")) {
            for (JsonNode o : build.path("observations")) if (o.has(parts[1]) && !o.get(parts[1]).isNull()) return true;
            return false;
        }
        JsonNode section = build.path(parts[0]);
        return section.has(parts[1]) && !section.get(parts[1]).isNull();
    }

    /** The literal reading leads (diagnosed unscaled RoPE for a build that states no scaling): nothing is called out. */
    @Test
    void aLeadingLiteralReadingIsNotCalledOut() throws Exception {
        String text = TextRenderer.render(report(Path.of("fixtures/classes/rope-extrapolation.yaml")));
        assertTrue(text.contains("DIAGNOSIS: rope-extrapolation"), text);
        assertFalse(text.contains("the literal reading"), text);
    }

    /**
     * The literal reading (ntk-aware-base-change, 0.64) co-leads behind rope-extrapolation (0.79)
     * within the 0.2 margin: it is the runner-up with a why-not, never "NOT ..., the literal reading".
     */
    @Test
    void aCoLeadingLiteralReadingIsTheRunnerUpNotARejection() throws Exception {
        Report report = report(Path.of("fixtures/honest/literal-reading-co-leads.yaml"));
        BuildReport b = report.builds().get(0);
        assertEquals("insufficient-evidence", b.diagnosis().verdict());
        String text = TextRenderer.render(report);
        assertFalse(text.contains("NOT ntk-aware-base-change"), text);
        assertTrue(text.contains("why not ntk-aware-base-change (NTK-aware base change (slow pairs under-covered)), score 0.64,"), text);
        WhyNotView w = b.whyNot().get(0);
        assertEquals("ntk-aware-base-change", w.hypothesis());
        assertFalse(w.statedReading());
        assertEquals("leading", w.status());
        assertTrue(w.conclusion().startsWith("ntk-aware-base-change is the runner-up behind rope-extrapolation"), w.conclusion());
    }

    /** The founding case's build A: the literal reading ntk-aware-base-change is rejected at -0.75 (golden report). */
    @Test
    void aRejectedLiteralReadingIsCalledOut() throws Exception {
        String text = TextRenderer.render(report(Path.of("fixtures/seed/founding-case.yaml")));
        assertTrue(text.contains("NOT ntk-aware-base-change, the literal reading of 'rope-base-scaling' (score -0.75)"), text);
    }

    /** Llama 2 served as shipped with nothing degraded: no literal reading, no why-not, no named hypothesis. */
    @Test
    void aNoFaultReportRejectsNothing() throws Exception {
        Report report = report(Path.of("fixtures/configs/real/llama-2-7b.yaml"));
        String text = TextRenderer.render(report);
        assertEquals("no-fault", report.builds().get(0).diagnosis().verdict());
        assertFalse(text.contains("literal reading"), text);
        assertFalse(text.contains("why not"), text);
        assertEquals(List.of(), report.builds().get(0).diagnosis().candidates());
    }

    /**
     * Nothing fits the truncated prompt near miss (every belief at or below 0): the summary names
     * no hypothesis and no check; the least contradicted answer the evidence spoke about,
     * yarn-attention-factor-excess at -0.42, gets the why-not.
     */
    @Test
    void notExplainedNamesNoHypothesisAtZero() throws Exception {
        Report report = report(Path.of("fixtures/near-miss/prompt-truncated.yaml"));
        BuildReport b = report.builds().get(0);
        String text = TextRenderer.render(report);
        assertEquals("not-explained", b.diagnosis().verdict());
        assertTrue(text.contains("served  not-explained: no candidate mechanism has positive support; no fix"), text);
        assertFalse(text.contains("(0.00)"), text);
        assertFalse(text.contains("CHECK:"), "no check of an unnamed cause: " + text);
        assertEquals(List.of(), b.diagnosis().candidates());
        assertEquals("yarn-attention-factor-excess", b.whyNot().get(0).hypothesis());
        assertTrue(text.contains("why not yarn-attention-factor-excess (YaRN attention factor over-applied), score -0.42, rejected:"), text);
        String markdown = MarkdownRenderer.render(report);
        assertTrue(markdown.contains("| served | not-explained | no candidate mechanism has positive support |  | none |"), markdown);
        TriageRun run = triage.run(Path.of("fixtures/near-miss/prompt-truncated.yaml"));
        String explained = ExplanationRenderer.render(triage.explain(run, triage.report(run)));
        assertTrue(explained.contains("\n== served: not-explained\n"), "explain names no hypothesis either: " + explained);
    }

    /**
     * The file gives prompt_tokens and generated_tokens: context-shift-rerotation's question keeps
     * only the part the file does not answer (whether the engine shifts the context).
     */
    @Test
    void aQuestionSkipsTheFieldsTheFileGives() throws Exception {
        Report report = report(Path.of("fixtures/honest/questions-already-answered.yaml"));
        UncheckedView shift = report.builds().get(0).unchecked().stream().filter(u -> u.hypothesis().equals("context-shift-rerotation"))
                .findFirst().orElseThrow();
        assertEquals("Does the engine shift the context when it fills up (llama.cpp context shift, Ollama \"context limit hit - shifting\")?",
                shift.ask());
        RootCause cause = triage.knowledge().hypotheses().get("context-shift-rerotation");
        assertNotEquals(cause.ask(), shift.ask(), "the whole question would ask for prompt plus generated tokens again");
        assertTrue(report.builds().get(0).unchecked().stream().noneMatch(u -> u.hypothesis().equals("inference-scale-mismatch")),
                "fine_tuned is given and the rules weighed it");
    }
}
