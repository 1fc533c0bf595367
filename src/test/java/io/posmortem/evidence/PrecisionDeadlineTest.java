package io.posmortem.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.posmortem.model.Deadline;
import io.posmortem.model.Dtype;
import io.posmortem.model.evidence.PrecisionProfile;
import io.posmortem.model.knowledge.EvidenceSettings;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.model.knowledge.SubjectRole;
import io.posmortem.model.positional.RopeInPrecision;
import io.posmortem.model.positional.RopeMapping;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The onset search of low-precision angle errors checks the input's deadline inside its loop, not only between subjects. */
class PrecisionDeadlineTest {

    static final EvidenceSettings SETTINGS = new EvidenceSettings(32, 1, 20, 0.5);
    static final Subject SUBJECT = new Subject("b:low-precision-angles", "b", SubjectRole.CANDIDATE, "low-precision-angles", null,
            "angle-precision", null);

    @Test
    void aPassedDeadlineStopsTheOnsetSearch() {
        // A linear factor of 100,000 keeps every bf16 angle error far below the 0.5 rad tolerance: no onset, so the
        // search would visit every sampled position; a deadline of zero must stop it at its first check.
        RopeInPrecision spec = new RopeInPrecision(new RopeMapping.Linear(10_000, 100_000), Dtype.BF16);
        Deadline.Exceeded e = assertThrows(Deadline.Exceeded.class, () -> CaseEvidence.precision(SUBJECT, "b", 65_536, spec,
                1_000_000, SETTINGS, Deadline.after(Duration.ZERO)));
        assertEquals("angle errors in bf16 for build b", e.stage());
    }

    @Test
    void withoutADeadlineTheSameSearchRunsToItsEnd() {
        RopeInPrecision spec = new RopeInPrecision(new RopeMapping.Linear(10_000, 100_000), Dtype.BF16);
        PrecisionProfile p = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CaseEvidence.precision(SUBJECT, "b", 128, spec, 1_000_000, SETTINGS, Deadline.none()));
        assertEquals(0, p.onset(), "no sampled position exceeds the tolerance");
    }
}
