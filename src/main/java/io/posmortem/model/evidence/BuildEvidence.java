package io.posmortem.model.evidence;

import io.posmortem.model.input.*;
import io.posmortem.model.knowledge.*;

import java.util.ArrayList;
import java.util.List;

/** Every evidence fact computed for one build, grouped by kind; {@link #facts()} in insertion order. */
public record BuildEvidence(
        BuildCase buildCase,
        RuntimeReport runtimeReport,
        PositionReport positionReport,
        List<ModelLayers> modelLayers,
        List<Subject> subjects,
        List<RopeProfile> ropeProfiles,
        List<RotaryPair> rotaryPairs,
        List<AlibiProfile> alibiProfiles,
        List<BucketProfile> bucketProfiles,
        List<DistanceBand> distanceBands,
        List<PrecisionProfile> precisionProfiles,
        List<Observation> observations,
        List<CountTest> countTests,
        List<MetricTest> metricTests,
        List<BandTrend> bandTrends,
        List<ChartSeries> charts,
        List<ConfigEntry> configEntries,
        List<ConfigReading> configReadings,
        List<LoaderReading> loaderReadings,
        List<ReportedFact> reportedFacts,
        List<BaseChangeRange> baseRanges,
        List<RemapReach> remapReaches,
        List<ContextShiftProfile> contextShifts,
        List<LocalLayerProfile> localLayerProfiles,
        List<RotaryLayoutProfile> rotaryLayoutProfiles,
        List<RotaryWidthProfile> rotaryWidthProfiles,
        List<IropeLayerProfile> iropeLayerProfiles,
        GivenFields givenFields) {

    public String build() {
        return buildCase.build();
    }

    public List<Object> facts() {
        List<Object> facts = new ArrayList<>();
        facts.add(buildCase);
        facts.add(runtimeReport);
        facts.add(positionReport);
        facts.addAll(modelLayers);
        facts.addAll(subjects);
        facts.addAll(ropeProfiles);
        facts.addAll(rotaryPairs);
        facts.addAll(alibiProfiles);
        facts.addAll(bucketProfiles);
        facts.addAll(distanceBands);
        facts.addAll(precisionProfiles);
        facts.addAll(countTests);
        facts.addAll(metricTests);
        facts.addAll(bandTrends);
        facts.addAll(configEntries);
        facts.addAll(configReadings);
        facts.addAll(loaderReadings);
        facts.addAll(reportedFacts);
        facts.addAll(baseRanges);
        facts.addAll(remapReaches);
        facts.addAll(contextShifts);
        facts.addAll(localLayerProfiles);
        facts.addAll(rotaryLayoutProfiles);
        facts.addAll(rotaryWidthProfiles);
        facts.addAll(iropeLayerProfiles);
        if (givenFields != null) facts.add(givenFields);
        return facts;
    }
}
