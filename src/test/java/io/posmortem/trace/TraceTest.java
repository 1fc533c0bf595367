package io.posmortem.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posmortem.model.BuildScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A trace's live facts of a type, collected once per type, are what a scan of its facts finds. */
class TraceTest {
    private record Alpha(String build, int n) implements BuildScoped {}
    private record Beta(String build, int n) implements BuildScoped {}
    private record Gamma(int n) {}

    /** Seeded random traces of three fact classes, some facts retracted: every type asked for twice, against a plain scan. */
    @Test
    void liveFactsOfATypeAreTheScannedOnes() {
        List<Class<?>> types = List.of(Alpha.class, Beta.class, Gamma.class, BuildScoped.class, Record.class, Object.class, String.class);
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            List<FactEntry> entries = new ArrayList<>();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                String build = random.nextBoolean() ? "A" : "B";
                Object fact = switch (random.nextInt(3)) {
                    case 0 -> new Alpha(build, i);
                    case 1 -> new Beta(build, i);
                    default -> new Gamma(i);
                };
                entries.add(new FactEntry("f" + (i + 1), fact, 0, random.nextInt(4) == 0 ? -1 : 0, List.of()));
            }
            Trace trace = new Trace("A", Map.of(), entries, List.of());
            for (int round = 0; round < 2; round++) {
                for (Class<?> type : types) {
                    List<Object> want = new ArrayList<>();
                    for (FactEntry e : entries) if (e.live() && type.isInstance(e.fact())) want.add(e.fact());
                    assertEquals(want, trace.live(type), "seed " + seed + ", " + type.getSimpleName());
                }
                List<Alpha> wantA = new ArrayList<>();
                for (FactEntry e : entries) if (e.live() && e.fact() instanceof Alpha a && a.build().equals("A")) wantA.add(a);
                assertEquals(wantA, trace.liveOfBuild(Alpha.class), "seed " + seed);
            }
        }
    }

    @Test
    void firedRulesAreInFirstFiringOrder() {
        List<Firing> firings = new ArrayList<>();
        String[] rules = {"r2", "r1", "r2", "r3", "r1", "r3", "r4"};
        for (int i = 0; i < rules.length; i++) firings.add(new Firing(i + 1, rules[i], Map.of(), List.of(), List.of(), List.of()));
        assertEquals(List.of("r2", "r1", "r3", "r4"), new Trace("A", Map.of(), List.of(), firings).firedRules());
    }
}
