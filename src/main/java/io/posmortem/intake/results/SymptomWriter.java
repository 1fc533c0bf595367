package io.posmortem.intake.results;

import io.posmortem.intake.SchemaQuestions;
import io.posmortem.model.WireName;
import io.posmortem.model.input.ModelConfig;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes symptom files as YAML text: the commented file {@code init} (and {@code import} without
 * {@code --into}) produces, with the model numbers a config.json gives and the imported
 * observations prefilled, and {@link SchemaQuestions#BLANK} where only the engineer knows the
 * answer, the field's question from the schema as the comment above it. Strings are written
 * double-quoted (JSON escapes are valid YAML), so no value can break the document.
 */
public final class SymptomWriter {
    private SymptomWriter() {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What to prefill.
     *
     * @param config       the model's config.json as read, or null
     * @param configName   its name as given (for the comments), or null
     * @param build        the build id
     * @param observations imported observations, or empty for a blank one to fill in
     * @param longest      the longest context length measured, or 0
     */
    public record Prefill(ModelConfig config, String configName, String build, List<ImportedObservation> observations, int longest) {}

    /** The commented symptom file. */
    public static String template(Prefill p) {
        StringBuilder out = new StringBuilder();
        out.append("# Symptom file written by posmortem init. Replace every ").append(SchemaQuestions.BLANK)
                .append(" with the answer to the question\n# above it; posmortem triage refuses the file while one is left. Fields and their\n")
                .append("# meaning: docs/symptom-file.md.\n");
        out.append("posmortem: 2\n");
        ModelConfig c = p.config();
        String from = c == null ? null : "from " + (p.configName() == null ? "config.json" : p.configName());
        out.append("model:\n");
        if (c != null && c.modelType() != null) field(out, "  ", "name", quote(c.modelType()), from);
        if (c != null && c.encoding() != null) field(out, "  ", "positional_encoding", WireName.of(c.encoding()), from);
        else blank(out, "  ", "positional_encoding", "/model/positional_encoding");
        if (c != null && c.trainedContext() != null) field(out, "  ", "trained_context", c.trainedContext().toString(), from);
        else blank(out, "  ", "trained_context", "/model/trained_context");
        if (c != null) {
            if (c.headDim() != null) field(out, "  ", "head_dim", c.headDim().toString(), from);
            if (c.heads() != null) field(out, "  ", "heads", c.heads().toString(), from);
            if (c.ropeBase() != null) field(out, "  ", "rope_base", number(c.ropeBase()), from);
            if (c.rotaryFraction() != null) field(out, "  ", "rotary_fraction", number(c.rotaryFraction()), from);
            if (c.slidingWindow() != null) field(out, "  ", "sliding_window", c.slidingWindow().toString(), from);
        }
        out.append("builds:\n");
        out.append("  - id: ").append(quote(p.build())).append('\n');
        out.append("    retrofit:\n");
        blank(out, "      ", "kind", "/builds/0/retrofit/kind");
        Integer target = p.longest() > 0 ? Integer.valueOf(p.longest())
                : c != null && c.maxPositions() != null && c.trainedContext() != null && c.maxPositions() > c.trainedContext() ? c.maxPositions() : null;
        if (target != null) {
            field(out, "      ", "target_context", target.toString(), p.longest() > 0 ? "the longest context length measured; correct it if the build serves longer"
                    : from + " (max_position_embeddings)");
        } else {
            blank(out, "      ", "target_context", "/builds/0/retrofit/target_context");
        }
        if (c != null && c.ropeScaling() != null && !c.ropeScaling().isEmpty()) {
            field(out, "      ", "rope_scaling", flow(c.ropeScaling()), from + " (" + c.blockKey() + ")");
        }
        blank(out, "      ", "fine_tuned", "/builds/0/retrofit/fine_tuned");
        out.append("    runtime:\n");
        blank(out, "      ", "engine", "/builds/0/runtime/engine");
        blank(out, "      ", "version", "/builds/0/runtime/version");
        out.append("    observations:\n");
        if (p.observations().isEmpty()) {
            comment(out, "      ", "One observation per behaviour you saw; add more as needed.");
            out.append("      - capability: ").append(SchemaQuestions.BLANK).append('\n');
            comment(out, "        ", SchemaQuestions.question("/builds/0/observations/0/capability"));
            comment(out, "        ", SchemaQuestions.question("/builds/0/observations/0/context"));
            out.append("        context: {from: ").append(SchemaQuestions.BLANK).append(", to: ").append(SchemaQuestions.BLANK).append("}\n");
            blank(out, "        ", "outcome", "/builds/0/observations/0/outcome");
        } else {
            out.append(observations(p.observations(), "      "));
        }
        return out.toString();
    }

    /** The imported observations as a YAML list at {@code indent}. */
    public static String observations(List<ImportedObservation> list, String indent) {
        StringBuilder out = new StringBuilder();
        for (ImportedObservation o : list) {
            String in = indent + "  ";
            out.append(indent).append("- id: ").append(quote(o.id())).append('\n');
            out.append(in).append("workload: ").append(quote(o.workload())).append('\n');
            out.append(in).append("capability: ").append(quote(o.capability())).append('\n');
            out.append(in).append("context: {from: ").append(o.length()).append(", to: ").append(o.length()).append("}\n");
            if (o.metric() == null) {
                out.append(in).append("counts: {successes: ").append(o.successes()).append(", trials: ").append(o.trials())
                        .append(", baseline: {successes: ").append(o.baselineSuccesses()).append(", trials: ").append(o.baselineTrials()).append("}}\n");
            } else {
                out.append(in).append("metric: {name: ").append(o.metric()).append(", value: ").append(number(o.value()))
                        .append(", baseline: ").append(number(o.baseline())).append("}\n");
            }
            out.append(in).append("note: ").append(quote(o.note())).append('\n');
            out.append(in).append("source: {file: ").append(quote(o.source().file())).append(", task: ").append(quote(o.source().task()))
                    .append(", metric: ").append(quote(o.source().metric())).append("}\n");
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String indent, String key, String value, String note) {
        out.append(indent).append(key).append(": ").append(value);
        if (note != null) out.append("  # ").append(note);
        out.append('\n');
    }

    /** A blank with its question (the schema's description of {@code pointer}) above it. */
    private static void blank(StringBuilder out, String indent, String key, String pointer) {
        comment(out, indent, SchemaQuestions.question(pointer));
        out.append(indent).append(key).append(": ").append(SchemaQuestions.BLANK).append('\n');
    }

    /** {@code text} as comment lines of at most about 100 characters. */
    private static void comment(StringBuilder out, String indent, String text) {
        if (text == null) return;
        StringBuilder line = new StringBuilder();
        for (String word : text.replaceAll("\\s+", " ").strip().split(" ")) {
            if (line.length() > 0 && indent.length() + 2 + line.length() + 1 + word.length() > 100) {
                out.append(indent).append("# ").append(line).append('\n');
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) out.append(indent).append("# ").append(line).append('\n');
    }

    static String quote(String s) {
        return JSON.writeValueAsString(s);
    }

    private static String flow(Map<String, Object> block) {
        return JSON.writeValueAsString(block);
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
