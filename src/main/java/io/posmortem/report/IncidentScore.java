package io.posmortem.report;

import io.posmortem.model.input.BuildExpectation;
import java.util.ArrayList;
import java.util.List;

/**
 * How posmortem did on one build of a real incident (a fixture whose expectation names the
 * maintainers' confirmed cause): right when it concluded that cause (or one named as the same
 * cause), wrong when it concluded another, abstained when it concluded nothing (insufficient
 * evidence, not explained). A confirmed cause of {@code none-of-these} is right only when
 * posmortem abstains.
 */
public record IncidentScore(String build, String confirmedCause, List<String> alsoRight, String verdict, String leader,
                            double confidence, Result result) {

    public enum Result { RIGHT, ABSTAINED, WRONG }

    /** The cause id for incidents whose confirmed cause is none of posmortem's hypotheses. */
    public static final String NONE_OF_THESE = "none-of-these";

    /** One score per build whose expectation names a confirmed cause; empty for ordinary fixtures. */
    public static List<IncidentScore> of(Report report, List<BuildExpectation> expectations) {
        List<IncidentScore> out = new ArrayList<>();
        for (BuildExpectation e : expectations) {
            if (e.confirmedCause() == null) continue;
            BuildReport b = report.builds().stream().filter(x -> x.id().equals(e.build())).findFirst().orElse(null);
            DiagnosisView d = b == null ? null : b.diagnosis();
            String verdict = d == null ? "none" : d.verdict();
            String leader = d == null ? "none" : d.hypothesis();
            boolean concluded = verdict.equals("diagnosed") || verdict.equals("not-positional");
            Result result;
            if (!concluded) result = e.confirmedCause().equals(NONE_OF_THESE) ? Result.RIGHT : Result.ABSTAINED;
            else if (leader.equals(e.confirmedCause()) || e.alsoRight().contains(leader)) result = Result.RIGHT;
            else result = Result.WRONG;
            out.add(new IncidentScore(e.build(), e.confirmedCause(), e.alsoRight(), verdict, leader, d == null ? 0 : d.confidence(), result));
        }
        return out;
    }
}
