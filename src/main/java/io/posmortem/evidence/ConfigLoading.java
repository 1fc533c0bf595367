package io.posmortem.evidence;

import io.posmortem.evidence.rope.InverseFrequencies;
import io.posmortem.model.WireName;
import io.posmortem.model.evidence.ConfigEntry;
import io.posmortem.model.evidence.ConfigReading;
import io.posmortem.model.evidence.LoaderReading;
import io.posmortem.model.input.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model's config.json as facts for config lint, and what successive transformers releases
 * compute from a YaRN block (read from modeling_rope_utils at each release's branch point):
 * <ul>
 *   <li>4.45-4.50: {@code factor} as given; correction range over {@code max_position_embeddings}
 *       ({@code original_max_position_embeddings} in the block is not read); attention factor
 *       {@code 0.1 ln s + 1}, mscale ignored;
 *   <li>4.51-4.55 (the DeepSeek-V3 port): with {@code original_max_position_embeddings} in the
 *       block, {@code factor} is replaced by {@code max_position_embeddings / original} whatever it
 *       says, range over the original window; with {@code mscale} and {@code mscale_all_dim} the
 *       attention factor is {@code get_mscale(s, mscale) / get_mscale(s, mscale_all_dim)};
 *   <li>4.56-4.57: {@code factor} as given again (the override was removed), range over the
 *       block's original window or {@code max_position_embeddings};
 *   <li>5: {@code factor} as given (the ratio only when absent); a top-level
 *       {@code original_max_position_embeddings} takes precedence over the block's.
 * </ul>
 * An explicit {@code attention_factor} in the block wins in every release.
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
        Double mscale = number(b.get("mscale"));
        Double mscaleAllDim = number(b.get("mscale_all_dim"));
        int max = config.maxPositions();
        double ratio = original == null ? Double.NaN : (double) max / original;
        List<LoaderReading> out = new ArrayList<>();
        if (given != null) out.add(reading(build, "transformers 4.45-4.50", given, attention, null, null, max));
        if (original != null) out.add(reading(build, "transformers 4.51-4.55", ratio, attention, mscale, mscaleAllDim, original));
        else if (given != null) out.add(reading(build, "transformers 4.51-4.55", given, attention, mscale, mscaleAllDim, max));
        if (given != null) out.add(reading(build, "transformers 4.56-4.57", given, attention, mscale, mscaleAllDim, original != null ? original : max));
        Integer v5Original = config.originalTopLevel() != null ? config.originalTopLevel() : original;
        double v5 = given != null ? given : v5Original == null ? Double.NaN : (double) max / v5Original;
        if (!Double.isNaN(v5)) out.add(reading(build, "transformers 5", v5, attention, mscale, mscaleAllDim, v5Original != null ? v5Original : max));
        return List.copyOf(out);
    }

    private static LoaderReading reading(String build, String generation, double factor, Double attention, Double mscale,
                                         Double mscaleAllDim, int context) {
        double af = attention != null ? attention
                : InverseFrequencies.attentionFactor(new io.posmortem.model.positional.RopeMapping.Yarn(1e4, Math.max(1, factor), context, 32, 1,
                        null, mscale, mscaleAllDim, true));
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
