package io.posmortem.inference;

import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serializable;
import java.util.ArrayList;
import org.kie.api.runtime.rule.AccumulateFunction;

/**
 * DRL accumulate function {@code certainty(weight)} over support weights; its result is a
 * {@link Certainty}. Reversible: when truth maintenance retracts a support, its weight is removed
 * and the certainty recomputed from the remaining weights (so the result never depends on order).
 * Rules import it with {@code import accumulate io.posmortem.inference.CertaintyAccumulate certainty}.
 */
public final class CertaintyAccumulate implements AccumulateFunction<CertaintyAccumulate.Weights> {

    /** The weights currently accumulated. */
    public static final class Weights implements Serializable {
        private static final long serialVersionUID = 1L;
        private final ArrayList<Double> values = new ArrayList<>();
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
        context.values.add(((Number) value).doubleValue());
    }

    @Override
    public void reverse(Weights context, Object value) {
        context.values.remove(((Number) value).doubleValue());
    }

    @Override
    public Object getResult(Weights context) {
        return Certainty.of(context.values);
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
