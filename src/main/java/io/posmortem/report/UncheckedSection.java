package io.posmortem.report;

import io.posmortem.model.derived.Unchecked;
import io.posmortem.model.derived.UncheckedNote;
import io.posmortem.model.knowledge.RootCause;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The hypotheses the input could not check, by id, each with what is still to ask (what the file does not give) and the numbers the rules noted. */
final class UncheckedSection {
    private UncheckedSection() {}

    static List<UncheckedView> build(Trace trace, Map<String, RootCause> causes) {
        List<UncheckedView> out = new ArrayList<>();
        for (Unchecked u : trace.liveOfBuild(Unchecked.class)) {
            RootCause h = causes.get(u.hypothesis());
            List<String> numbers = trace.liveOfBuild(UncheckedNote.class).stream().filter(n -> n.hypothesis().equals(h.id()))
                    .map(n -> TraceText.explain(trace, n)).toList();
            out.add(new UncheckedView(h.id(), h.title(), u.question(), numbers));
        }
        out.sort(Comparator.comparing(UncheckedView::hypothesis));
        return List.copyOf(out);
    }
}
