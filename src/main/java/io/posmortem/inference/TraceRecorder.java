package io.posmortem.inference;

import io.posmortem.trace.FactEntry;
import io.posmortem.trace.Firing;
import io.posmortem.trace.RuleInfo;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.Match;
import org.drools.core.common.InternalFactHandle;
import org.drools.tms.SimpleMode;
import org.drools.tms.TruthMaintenanceSystemEqualityKey;

/**
 * Listens to a session and records a {@link Trace}: facts get ids in insertion order; each firing
 * records its bindings, the facts it matched, and the facts inserted and retracted while it ran.
 */
final class TraceRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    private final RulePack pack;
    private final Map<Object, Integer> index;
    private final List<Object> facts;
    private final List<FactHandle> handles;
    private final List<Integer> insertedBy;
    private final List<Integer> retractedBy;
    private final List<Firing> firings = new ArrayList<>();
    private final Map<Object, Integer> firingOfMatch = new IdentityHashMap<>();
    private final Map<Object, List<Integer>> justifications = new IdentityHashMap<>();
    private List<String> inserting = new ArrayList<>();
    private List<String> retracting = new ArrayList<>();
    private int firing;
    // Read by the watchdog's thread while the session runs.
    private volatile String lastRule;
    private volatile String firingRule;

    /** A recorder for a session expected to hold about {@code expectedFacts} facts (sizes its tables, nothing else). */
    TraceRecorder(RulePack pack, int expectedFacts) {
        this.pack = pack;
        int capacity = Math.max(16, expectedFacts + expectedFacts / 4);
        this.index = new IdentityHashMap<>(capacity);
        this.facts = new ArrayList<>(capacity);
        this.handles = new ArrayList<>(capacity);
        this.insertedBy = new ArrayList<>(capacity);
        this.retractedBy = new ArrayList<>(capacity);
    }

    /** Id of the rule being fired, or of the last one fired. */
    String lastRule() {
        return lastRule;
    }

    /** Id of the rule whose consequence is running now, or null between firings. */
    String firingRule() {
        return firingRule;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        firing = firings.size() + 1;
        lastRule = pack.idOf(event.getMatch().getRule());
        firingRule = lastRule;
        inserting = new ArrayList<>();
        retracting = new ArrayList<>();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Match match = event.getMatch();
        Map<String, Object> bindings = new TreeMap<>();
        for (String id : match.getDeclarationIds()) {
            bindings.put(id.startsWith("$") ? id.substring(1) : id, match.getDeclarationValue(id));
        }
        List<String> matched = new ArrayList<>();
        for (Object o : match.getObjects()) {
            Integer i = index.get(o);
            if (i == null) continue;
            String id = id(i);
            if (!matched.contains(id)) matched.add(id);
        }
        // beforeMatchFired named this match's rule
        firings.add(new Firing(firing, firingRule, bindings, matched, inserting, retracting));
        firingOfMatch.put(match, firing);
        firing = 0;
        firingRule = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        Object fact = event.getObject();
        if (index.containsKey(fact)) return;
        int i = facts.size();
        index.put(fact, i);
        facts.add(fact);
        handles.add(event.getFactHandle());
        insertedBy.add(firing);
        retractedBy.add(0);
        if (firing > 0) inserting.add(id(i));
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        Integer i = index.get(event.getOldObject());
        if (i == null) return;
        retractedBy.set(i, firing > 0 ? firing : -1);
        index.remove(event.getOldObject());
        if (firing > 0) retracting.add(id(i));
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // Facts are immutable records; nothing is ever updated in place.
    }

    /**
     * Reads, at the end of a run, every live justification of each logically inserted fact from
     * the session's truth maintenance (an equal fact derived by a second rule adds a justification
     * without an insertion event), through the handle each live fact was inserted with (a fact
     * retracted, and perhaps inserted again later, is a separate entry whose justifications
     * are not reported).
     */
    void readJustifications() {
        for (int i = 0; i < facts.size(); i++) {
            if (retractedBy.get(i) != 0) continue;
            Object fact = facts.get(i);
            if (!(handles.get(i) instanceof InternalFactHandle handle)) continue;
            if (!(handle.getEqualityKey() instanceof TruthMaintenanceSystemEqualityKey key) || key.getBeliefSet() == null) continue;
            List<Integer> by = new ArrayList<>();
            for (Object entry = key.getBeliefSet().getFirst(); entry instanceof SimpleMode mode; entry = mode.getNext()) {
                Integer seq = firingOfMatch.get(mode.getObject().getJustifier());
                if (seq != null && !by.contains(seq)) by.add(seq);
            }
            by.sort(null);
            justifications.put(fact, List.copyOf(by));
        }
    }

    Trace trace(String build, Map<String, RuleInfo> rules) {
        List<FactEntry> entries = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            Object fact = facts.get(i);
            List<Integer> by = retractedBy.get(i) == 0 ? justifications.getOrDefault(fact, List.of()) : List.of();
            entries.add(new FactEntry(id(i), fact, insertedBy.get(i), retractedBy.get(i), by));
        }
        return new Trace(build, rules, entries, firings);
    }

    /** Fact ids made so far, shared by every recorder ("f1" for index 0); a slot filled twice holds equal strings. */
    private static volatile String[] ids = new String[1024];

    private static String id(int index) {
        String[] known = ids;
        if (index >= known.length) {
            known = java.util.Arrays.copyOf(known, Math.max(index + 1, known.length * 2));
            ids = known;
        }
        String id = known[index];
        if (id == null) {
            id = "f" + (index + 1);
            known[index] = id;
        }
        return id;
    }
}
