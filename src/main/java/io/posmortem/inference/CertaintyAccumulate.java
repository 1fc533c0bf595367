package io.posmortem.inference;

import io.posmortem.model.derived.Support;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kie.api.runtime.rule.AccumulateFunction;

/**
 * DRL accumulate function {@code certainty($support)} over {@link Support} facts (or bare weights);
 * its result is a {@link Certainty}. Correlated evidence counts once: supports from the same rule
 * about the same capability (three bands of one metric agreeing with one prediction) are one
 * piece of evidence, so of each such group only the strongest for and the strongest against
 * enter the combination. Reversible: when truth maintenance retracts a support it is removed and
 * the certainty recomputed from the rest (so the result never depends on order).
 * Rules import it with {@code import accumulate io.posmortem.inference.CertaintyAccumulate certainty}.
 */
public final class CertaintyAccumulate implements AccumulateFunction<CertaintyAccumulate.Weights> {

    /** The supports (or weights) currently accumulated. */
    public static final class Weights implements Serializable {
        private static final long serialVersionUID = 1L;
        private final ArrayList<Object> values = new ArrayList<>();
    }

    @Override
    public Weights createContext() {
        return new Weights();
    }

    @Override
    public void init(Weights context) {
        context.values.clear();
    }

    @Override
    public void accumulate(Weights context, Object value) {
        context.values.add(value);
    }

    @Override
    public void reverse(Weights context, Object value) {
        context.values.remove(value);
    }

    @Override
    public Object getResult(Weights context) {
        return Certainty.of(independent(context.values));
    }

    /**
     * The weights that enter the combination: a bare weight as it is; of the supports sharing a
     * rule and a capability, the strongest positive and the strongest negative weight.
     */
    static List<Double> independent(List<Object> values) {
        Map<String, Double> strongest = new TreeMap<>();
        List<Double> out = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof Support s) {
                String key = s.rule() + "|" + s.capability() + "|" + (s.weight() >= 0 ? "+" : "-");
                strongest.merge(key, s.weight(), (a, b) -> Math.abs(a) >= Math.abs(b) ? a : b);
            } else {
                out.add(((Number) v).doubleValue());
            }
        }
        out.addAll(strongest.values());
        return out;
    }

    @Override
    public boolean supportsReverse() {
        return true;
    }

    @Override
    public Class<?> getResultType() {
        return Certainty.class;
    }

    @Override
    public void writeExternal(ObjectOutput out) {
        // stateless
    }

    @Override
    public void readExternal(ObjectInput in) {
        // stateless
    }
}
