package io.posmortem.report;

import io.posmortem.model.Layer;
import io.posmortem.trace.FactEntry;
import io.posmortem.trace.Firing;
import io.posmortem.trace.RuleInfo;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace written by hand for the section builders' tests: input facts, and derived facts each
 * inserted by a firing whose explanation is the given sentence (every rule's template is
 * {@code {text}}, bound per firing).
 */
final class HandTrace {
    static final String BUILD = "b1";

    private final Map<String, RuleInfo> rules = new LinkedHashMap<>();
    private final List<FactEntry> facts = new ArrayList<>();
    private final List<Firing> firings = new ArrayList<>();

    /** An input fact; returns its id. */
    String input(Object fact) {
        String id = "f" + (facts.size() + 1);
        facts.add(new FactEntry(id, fact, 0, 0, List.of()));
        return id;
    }

    /** A fact derived by one firing of {@code rule}, explained by {@code sentence}, having matched {@code matched}; returns its id. */
    String derive(String rule, String sentence, Object fact, String... matched) {
        rules.putIfAbsent(rule, new RuleInfo(rule, rule, Layer.MATCHING, "any", 1, "{text}", "", "rules/hand.drl", 10 + rules.size(), 0, false));
        int sequence = firings.size() + 1;
        String id = "f" + (facts.size() + 1);
        firings.add(new Firing(sequence, rule, Map.of("text", sentence), Arrays.asList(matched), List.of(id), List.of()));
        facts.add(new FactEntry(id, fact, sequence, 0, List.of(sequence)));
        return id;
    }

    /** A fact derived and later retracted: not live, so no section may show it. */
    void retracted(String rule, String sentence, Object fact) {
        rules.putIfAbsent(rule, new RuleInfo(rule, rule, Layer.MATCHING, "any", 1, "{text}", "", "rules/hand.drl", 10 + rules.size(), 0, false));
        int sequence = firings.size() + 1;
        String id = "f" + (facts.size() + 1);
        firings.add(new Firing(sequence, rule, Map.of("text", sentence), List.of(), List.of(id), List.of()));
        facts.add(new FactEntry(id, fact, sequence, sequence, List.of()));
    }

    Trace trace() {
        return new Trace(BUILD, rules, facts, firings);
    }
}
