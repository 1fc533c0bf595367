package io.posmortem.evidence;

import io.posmortem.evidence.rope.InverseFrequencies;
import io.posmortem.model.ConfigEntry;
import io.posmortem.model.ConfigReading;
import io.posmortem.model.LoaderReading;
import io.posmortem.model.ModelConfig;
import io.posmortem.model.WireName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model's config.json as facts for config lint, and what successive transformers loaders
 * compute from a YaRN block:
 * <ul>
 *   <li>up to 4.45: {@code factor} as given, correction range over {@code max_position_embeddings}
 *       (original_max_position_embeddings in the block was not read);
 *   <li>4.46 to 4.57: with {@code original_max_position_embeddings} in the block the factor is
 *       {@code max_position_embeddings / original}, whatever {@code factor} says, and the range is
 *       over the original window;
 *   <li>5: {@code factor} as given (the ratio only when absent), range over the original window.
 * </ul>
 * The attention factor follows each factor as {@code 0.1 ln s + 1} unless the block gives one.
 */
public final class ConfigLoading {
    private ConfigLoading() {}

    public static List<ConfigEntry> entries(String build, ModelConfig config) {
        if (config == null) return List.of();
        return config.entries().stream().map(e -> new ConfigEntry(build, e.section(), e.key(), e.pointer(), e.value())).toList();
    }

    public static List<ConfigReading> readings(String build, ModelConfig config) {
        if (config == null) return List.of();
        Map<String, Object> b = config.ropeScaling();
        Object type = b.containsKey("rope_type") ? b.get("rope_type") : b.get("type");
        Object theta = config.entries().stream().filter(e -> e.section().equals("top") && e.key().equals("rope_theta")).findFirst()
                .map(e -> (Object) e.value()).orElse(b.get("rope_theta"));
        return List.of(new ConfigReading(build, config.source(), WireName.of(config.encoding()), config.blockKey(),
                type == null ? (config.blockKey() == null ? null : "default") : String.valueOf(type), number(b.get("factor")), integer(b.get("original_max_position_embeddings")),
                config.originalTopLevel(), config.maxPositions(), number(theta), ratio(config.maxPositions(),
                        integer(b.get("original_max_position_embeddings")))));
    }

    private static Double ratio(Integer max, Integer original) {
        return max == null || original == null || original == 0 ? null : (double) max / original;
    }

    public static List<LoaderReading> loaderReadings(String build, ModelConfig config) {
        if (config == null || config.maxPositions() == null) return List.of();
        Map<String, Object> b = config.ropeScaling();
        Object type = b.containsKey("rope_type") ? b.get("rope_type") : b.get("type");
        if (!"yarn".equals(type)) return List.of();
        Double given = number(b.get("factor"));
        Integer original = integer(b.get("original_max_position_embeddings"));
        Double attention = number(b.get("attention_factor"));
        int max = config.maxPositions();
        List<LoaderReading> out = new ArrayList<>();
        if (given != null) out.add(reading(build, "transformers <= 4.45", given, attention, max));
        double ratio = original == null ? Double.NaN : (double) max / original;
        if (original != null) out.add(reading(build, "transformers 4.46-4.57", ratio, attention, original));
        else if (given != null) out.add(reading(build, "transformers 4.46-4.57", given, attention, max));
        double v5 = given != null ? given : ratio;
        if (!Double.isNaN(v5)) out.add(reading(build, "transformers 5", v5, attention, original != null ? original : max));
        return List.copyOf(out);
    }

    private static LoaderReading reading(String build, String generation, double factor, Double attention, int context) {
        double af = attention != null ? attention
                : InverseFrequencies.attentionFactor(new io.posmortem.model.RopeMapping.Yarn(1e4, Math.max(1, factor), context, 32, 1, null));
        return new LoaderReading(build, generation, factor, af, context);
    }

    private static Double number(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Integer integer(Object v) {
        return v instanceof Number n ? n.intValue() : null;
    }
}
