package io.posmortem.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.posmortem.model.Tri;
import io.posmortem.model.input.PositionHandling;
import io.posmortem.model.input.RuntimeSpec;
import io.posmortem.model.positional.FactsOnly;
import io.posmortem.model.positional.RopeMapping;
import org.junit.jupiter.api.Test;

/** What the runtime-factor mechanism serves: the runtime's block first, else the configured method with its factor. */
class ServedMappingTest {
    static final RopeMapping YARN = new RopeMapping.Yarn(10000, 4, 8192, 32, 1, null);

    static RuntimeSpec runtime(Double factor, RopeMapping served) {
        return new RuntimeSpec(null, null, null, factor, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN, null, served, null, null, null,
                Tri.UNKNOWN, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN, PositionHandling.UNREPORTED);
    }

    @Test
    void theBlockTheRuntimeRanComesBeforeItsFactor() {
        RopeMapping dropped = new RopeMapping.Default(10000);
        assertEquals(dropped, SubjectPlan.served(YARN, runtime(4.0, dropped), null));
    }

    @Test
    void withoutABlockTheConfiguredMethodTakesTheRuntimeFactor() {
        RopeMapping served = (RopeMapping) SubjectPlan.served(YARN, runtime(2.0, null), null);
        assertInstanceOf(RopeMapping.Yarn.class, served);
        assertEquals(2.0, served.scalingFactor());
        assertInstanceOf(FactsOnly.class, SubjectPlan.served(YARN, runtime(null, null), null));
    }

    @Test
    void factorOneIsPlainRopeAndBelowOneEveryPairFaster() {
        assertEquals(new RopeMapping.Default(10000), SubjectPlan.withFactor(YARN, 1.0, null));
        // --rope-freq-scale 4 for a 4x context: intake reads factor 1/4; every frequency is multiplied by 4.
        assertEquals(new RopeMapping.Linear(10000, 0.25), SubjectPlan.withFactor(YARN, 0.25, null));
    }
}
