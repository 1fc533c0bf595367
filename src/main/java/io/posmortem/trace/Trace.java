package io.posmortem.trace;

import io.posmortem.model.BuildScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The reasoning record of one build: facts with ids, firings in order, rule metadata. */
public final class Trace {
    private final String build;
    private final Map<String, RuleInfo> rules;
    private final List<FactEntry> facts;
    private final List<Firing> firings;
    private final Map<Object, FactEntry> byIdentity;
    private final Map<String, FactEntry> byId;
    /** {@link #live} and {@link #liveOfBuild} per type, computed once (the facts never change). */
    private final Map<Class<?>, List<?>> liveByType = new ConcurrentHashMap<>();
    private final Map<Class<?>, List<?>> liveOfBuildByType = new ConcurrentHashMap<>();

    /** @param rules rule id -> metadata, for every rule of the rule base (fired or not) */
    public Trace(String build, Map<String, RuleInfo> rules, List<FactEntry> facts, List<Firing> firings) {
        this.build = build;
        this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        this.facts = List.copyOf(facts);
        this.firings = List.copyOf(firings);
        this.byIdentity = new IdentityHashMap<>(this.facts.size());
        this.byId = new HashMap<>(this.facts.size() * 4 / 3 + 1);
        for (FactEntry e : this.facts) {
            byIdentity.put(e.fact(), e);
            byId.put(e.id(), e);
        }
    }

    public String build() { return build; }

    public Map<String, RuleInfo> rules() { return rules; }

    public List<FactEntry> facts() { return facts; }

    public List<Firing> firings() { return firings; }

    /** Live facts of a type, in id order (an unmodifiable list). */
    @SuppressWarnings("unchecked")
    public <T> List<T> live(Class<T> type) {
        return (List<T>) liveByType.computeIfAbsent(type, t -> {
            List<Class<?>> classes = liveByClass().keySet().stream().filter(t::isAssignableFrom).toList();
            if (classes.isEmpty()) return List.of();
            if (classes.size() == 1) return liveByClass().get(classes.get(0));
            List<Object> out = new ArrayList<>();
            for (FactEntry e : facts) {
                if (e.live() && t.isInstance(e.fact())) out.add(e.fact());
            }
            return List.copyOf(out);
        });
    }

    private volatile Map<Class<?>, List<Object>> liveByClass;

    /** The live facts by their exact class, each list in id order, from one pass over the facts. */
    private Map<Class<?>, List<Object>> liveByClass() {
        Map<Class<?>, List<Object>> known = liveByClass;
        if (known == null) {
            Map<Class<?>, List<Object>> lists = new LinkedHashMap<>();
            for (FactEntry e : facts) {
                if (e.live()) lists.computeIfAbsent(e.fact().getClass(), c -> new ArrayList<>()).add(e.fact());
            }
            Map<Class<?>, List<Object>> frozen = new LinkedHashMap<>();
            lists.forEach((c, l) -> frozen.put(c, List.copyOf(l)));
            known = Collections.unmodifiableMap(frozen);
            liveByClass = known;
        }
        return known;
    }

    /** Live facts of a type that belong to this trace's build (an unmodifiable list). */
    @SuppressWarnings("unchecked")
    public <T extends BuildScoped> List<T> liveOfBuild(Class<T> type) {
        return (List<T>) liveOfBuildByType.computeIfAbsent(type, t -> {
            List<T> out = new ArrayList<>();
            for (T f : live(type)) if (build.equals(f.build())) out.add(f);
            return List.copyOf(out);
        });
    }

    public Optional<FactEntry> entryOf(Object fact) {
        FactEntry same = byIdentity.get(fact);
        if (same != null) return Optional.of(same);
        FactEntry found = null;
        for (FactEntry e : facts) {
            if (e.fact().equals(fact)) found = e;
        }
        return Optional.ofNullable(found);
    }

    public Optional<FactEntry> entry(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The firing that inserted a (derived) fact; empty for input facts. */
    public Optional<Firing> derivationOf(Object fact) {
        return entryOf(fact).filter(e -> e.insertedBy() > 0).map(e -> firings.get(e.insertedBy() - 1));
    }

    /** The firing's explanation template filled with its bound values. */
    public String explain(Firing firing) {
        RuleInfo rule = rules.get(firing.ruleId());
        return rule == null ? firing.ruleId() : Explanations.fill(rule.explanation(), firing.bindings());
    }

    /** Ids of the rules that fired at least once, in first-firing order. */
    public List<String> firedRules() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Firing f : firings) out.add(f.ruleId());
        return new ArrayList<>(out);
    }
}
