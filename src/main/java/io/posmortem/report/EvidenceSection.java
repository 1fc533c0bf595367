package io.posmortem.report;

import io.posmortem.model.Numbers;
import io.posmortem.model.WireName;
import io.posmortem.model.derived.Finding;
import io.posmortem.model.evidence.AlibiProfile;
import io.posmortem.model.evidence.BucketProfile;
import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.model.evidence.DistanceBand;
import io.posmortem.model.evidence.RotaryPair;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.model.knowledge.SubjectRole;
import io.posmortem.trace.Firing;
import io.posmortem.trace.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The raw evidence of a build ({@link EvidenceView}): numbers rounded by {@link Numbers#round}, nothing concluded. */
final class EvidenceSection {
    private EvidenceSection() {}

    static EvidenceView build(Trace trace, BuildEvidence evidence) {
        Map<String, List<RotaryPair>> pairsBySubject = evidence.rotaryPairs().stream()
                .collect(Collectors.groupingBy(RotaryPair::subject, LinkedHashMap::new, Collectors.toList()));
        List<EvidenceView.RopePair> trainedPairs = pairsBySubject.isEmpty() ? List.of()
                : pairsBySubject.values().iterator().next().stream().map(p -> new EvidenceView.RopePair(p.index(),
                        Numbers.round(p.trainedInverseFrequency()), Numbers.round(p.wavelength()), Numbers.round(p.turnsTrained()),
                        WireName.of(p.band()))).toList();
        List<EvidenceView.SubjectEvidence> subjects = new ArrayList<>();
        for (Subject s : evidence.subjects()) subjects.add(subject(s, evidence, pairsBySubject.get(s.id())));
        List<EvidenceView.Band> bands = evidence.distanceBands().stream().map(EvidenceSection::band).toList();
        List<EvidenceView.FindingRow> findings = new ArrayList<>();
        for (Finding f : trace.liveOfBuild(Finding.class)) {
            findings.add(new EvidenceView.FindingRow(f.subject(), f.id(), Numbers.round(f.value()), f.onset(),
                    trace.derivationOf(f).map(Firing::ruleId).orElse(""), TraceText.explain(trace, f)));
        }
        return new EvidenceView(trainedPairs, List.copyOf(subjects), bands, List.copyOf(findings));
    }

    /** @param pairs the subject's rotary pairs, or null when it is not a RoPE subject */
    private static EvidenceView.SubjectEvidence subject(Subject s, BuildEvidence evidence, List<RotaryPair> pairs) {
        boolean candidate = s.role() == SubjectRole.CANDIDATE;
        AlibiProfile a = null;
        for (AlibiProfile p : evidence.alibiProfiles()) if (p.subject().equals(s.id())) a = p;
        BucketProfile b = null;
        for (BucketProfile p : evidence.bucketProfiles()) if (p.subject().equals(s.id())) b = p;
        return new EvidenceView.SubjectEvidence(s.id(), WireName.of(s.role()), candidate ? s.hypothesis() : null,
                candidate ? null : s.fix(), s.mechanism(), SubjectParameters.of(s, evidence),
                column(pairs, RotaryPair::inverseFrequency), column(pairs, RotaryPair::scale), column(pairs, RotaryPair::turnsTarget),
                column(pairs, RotaryPair::neighbourAngleRatio), column(pairs, RotaryPair::unseenAngleRatio),
                pairs == null ? null : pairs.stream().map(RotaryPair::leavesTrainedRangeAt).toList(),
                a == null ? null : a.slopes().stream().map(Numbers::round).toList(),
                a == null ? null : a.reachDistance(),
                a == null ? null : a.unreachableFrom(),
                a == null ? null : Numbers.round(a.penaltyAtTrained()),
                a == null ? null : Numbers.round(a.penaltyAtTarget()),
                b == null ? null : b.exactDistances(),
                b == null ? null : b.lastBucket(),
                b == null ? null : b.saturationDistance(),
                b == null ? null : b.distinctBucketsBeyondTrained());
    }

    /** A band; penalties only where they were computed (not NaN), buckets only where they were (not negative). */
    private static EvidenceView.Band band(DistanceBand b) {
        boolean penalties = !Double.isNaN(b.minPenaltyNats());
        boolean buckets = b.firstBucket() >= 0;
        return new EvidenceView.Band(b.subject(), b.observation(), b.fromDistance(), b.toDistance(),
                penalties ? Numbers.round(b.minPenaltyNats()) : null, penalties ? Numbers.round(b.maxPenaltyNats()) : null,
                buckets ? b.firstBucket() : null, buckets ? b.lastBucket() : null, buckets ? b.distinctBuckets() : null);
    }

    private static List<Double> column(List<RotaryPair> pairs, Function<RotaryPair, Double> f) {
        return pairs == null ? null : pairs.stream().map(p -> Numbers.round(f.apply(p))).toList();
    }
}
