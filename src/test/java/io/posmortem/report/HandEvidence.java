package io.posmortem.report;

import io.posmortem.model.evidence.AlibiProfile;
import io.posmortem.model.evidence.BandTrend;
import io.posmortem.model.evidence.BucketProfile;
import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.model.evidence.ChartSeries;
import io.posmortem.model.evidence.CountTest;
import io.posmortem.model.evidence.DistanceBand;
import io.posmortem.model.evidence.LoaderReading;
import io.posmortem.model.evidence.MetricTest;
import io.posmortem.model.evidence.RopeProfile;
import io.posmortem.model.evidence.RotaryPair;
import io.posmortem.model.input.Observation;
import io.posmortem.model.knowledge.Subject;
import java.util.ArrayList;
import java.util.List;

/** The evidence of one build written by hand: every list empty until a test fills it. */
final class HandEvidence {
    final List<Subject> subjects = new ArrayList<>();
    final List<RopeProfile> ropeProfiles = new ArrayList<>();
    final List<RotaryPair> rotaryPairs = new ArrayList<>();
    final List<AlibiProfile> alibiProfiles = new ArrayList<>();
    final List<BucketProfile> bucketProfiles = new ArrayList<>();
    final List<DistanceBand> distanceBands = new ArrayList<>();
    final List<Observation> observations = new ArrayList<>();
    final List<CountTest> countTests = new ArrayList<>();
    final List<MetricTest> metricTests = new ArrayList<>();
    final List<BandTrend> bandTrends = new ArrayList<>();
    final List<ChartSeries> charts = new ArrayList<>();
    final List<LoaderReading> loaderReadings = new ArrayList<>();

    BuildEvidence build() {
        return new BuildEvidence(null, null, null, List.of(), subjects, ropeProfiles, rotaryPairs, alibiProfiles, bucketProfiles, distanceBands, List.of(),
                observations, countTests, metricTests, bandTrends, charts, List.of(), List.of(), loaderReadings, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);
    }
}
