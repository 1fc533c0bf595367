package io.posmortem.report;

import io.posmortem.model.AlibiProfile;
import io.posmortem.model.BandTrend;
import io.posmortem.model.BucketProfile;
import io.posmortem.model.BuildEvidence;
import io.posmortem.model.ChartSeries;
import io.posmortem.model.CountTest;
import io.posmortem.model.DistanceBand;
import io.posmortem.model.LoaderReading;
import io.posmortem.model.MetricTest;
import io.posmortem.model.Observation;
import io.posmortem.model.RopeProfile;
import io.posmortem.model.RotaryPair;
import io.posmortem.model.Subject;
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
        return new BuildEvidence(null, subjects, ropeProfiles, rotaryPairs, alibiProfiles, bucketProfiles, distanceBands, List.of(),
                observations, countTests, metricTests, bandTrends, charts, List.of(), List.of(), loaderReadings, List.of(), List.of());
    }
}
