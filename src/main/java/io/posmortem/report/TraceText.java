package io.posmortem.report;

import io.posmortem.model.derived.Support;
import io.posmortem.trace.FactEntry;
import io.posmortem.trace.Firing;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The sentences a trace gives a fact: the filled explanation of the firing that derived it. */
final class TraceText {
    private TraceText() {}

    /** The explanation of the firing that derived {@code fact}, or "" for an input fact. */
    static String explain(Trace trace, Object fact) {
        return trace.derivationOf(fact).map(trace::explain).orElse("");
    }

    /**
     * A support with its basis: the explanations of the derived facts its firing matched, then of
     * the facts those firings matched, depth first, each once. An underived support reads as its rule id.
     */
    static Reason reason(Trace trace, Support s) {
        Optional<Firing> firing = trace.derivationOf(s);
        List<String> basis = new ArrayList<>();
        firing.ifPresent(f -> collectBasis(trace, f, basis, new LinkedHashSet<>()));
        return new Reason(s.rule(), s.weight(), s.observation(), firing.map(trace::explain).orElse(s.rule()), basis);
    }

    private static void collectBasis(Trace trace, Firing firing, List<String> basis, Set<String> seen) {
        for (String id : firing.matched()) {
            Optional<FactEntry> entry = trace.entry(id);
            if (entry.isEmpty() || entry.get().insertedBy() <= 0 || !seen.add(id)) continue;
            Firing derivation = trace.firings().get(entry.get().insertedBy() - 1);
            basis.add(trace.explain(derivation));
            collectBasis(trace, derivation, basis, seen);
        }
    }
}
