package io.posmortem.report;

import io.posmortem.model.knowledge.FixOption;
import io.posmortem.model.knowledge.RootCause;
import java.util.List;
import java.util.Map;

/** Knowledge-base entries written by hand for the section builders' tests. */
final class Knowledge {
    private Knowledge() {}

    /** A hypothesis answering question {@code q}, titled "Title {id}", summary "summary {id}", why-not "limit {id}". */
    static RootCause cause(String id, boolean positional) {
        return new RootCause(id, "q", "Title " + id, "mech", "summary " + id, "limit " + id, List.of(), List.of(), positional, List.of(),
                "check " + id, "ask " + id, List.of(), List.of());
    }

    static Map<String, RootCause> causes(RootCause... causes) {
        java.util.Map<String, RootCause> out = new java.util.LinkedHashMap<>();
        for (RootCause c : causes) out.put(c.id(), c);
        return out;
    }

    static FixOption fix(String id) {
        return new FixOption(id, "Fix " + id, "mech", Map.of(), null, "summary " + id, "caveat " + id, List.of());
    }
}
