package io.posmortem.evidence;

import io.posmortem.evidence.bias.AlibiSlopes;
import io.posmortem.evidence.bias.T5Buckets;
import io.posmortem.evidence.rope.AnglePrecision;
import io.posmortem.evidence.rope.BaseRange;
import io.posmortem.evidence.rope.Float32Frequencies;
import io.posmortem.evidence.rope.InverseFrequencies;
import io.posmortem.evidence.rope.PositionRemapping;
import io.posmortem.evidence.rope.RotaryPairs;
import io.posmortem.evidence.stats.ObservationAssessment;
import io.posmortem.model.Deadline;
import io.posmortem.model.Outcome;
import io.posmortem.model.Tri;
import io.posmortem.model.PairBand;
import io.posmortem.model.evidence.AlibiProfile;
import io.posmortem.model.evidence.BaseChangeRange;
import io.posmortem.model.evidence.BucketProfile;
import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.model.evidence.ChartSeries;
import io.posmortem.model.evidence.DistanceBand;
import io.posmortem.model.evidence.EvidenceCost;
import io.posmortem.model.evidence.GivenFields;
import io.posmortem.model.evidence.PrecisionProfile;
import io.posmortem.model.evidence.RopeProfile;
import io.posmortem.model.evidence.RotaryPair;
import io.posmortem.model.evidence.ModelLayers;
import io.posmortem.model.evidence.PositionReport;
import io.posmortem.model.evidence.ContextShiftProfile;
import io.posmortem.model.evidence.RuntimeReport;
import io.posmortem.model.input.BuildSpec;
import io.posmortem.model.input.ModelConfig;
import io.posmortem.model.input.ModelSpec;
import io.posmortem.model.input.Observation;
import io.posmortem.model.knowledge.BuildCase;
import io.posmortem.model.knowledge.EvidenceSettings;
import io.posmortem.model.knowledge.StatisticsSettings;
import io.posmortem.model.knowledge.Subject;
import io.posmortem.model.positional.AlibiSpec;
import io.posmortem.model.positional.BucketSpec;
import io.posmortem.model.positional.PositionalSpec;
import io.posmortem.model.positional.RopeComparison;
import io.posmortem.model.positional.RopeInPrecision;
import io.posmortem.model.positional.RopeMapping;
import io.posmortem.model.positional.UnknownBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes a build's evidence: for every subject, the numbers of its positional configuration at
 * the build's trained and target lengths; for relative-bias subjects also, per observation, what
 * the bias does to the earliest keys of the observed context band.
 */
public final class CaseEvidence {
    private CaseEvidence() {}

    public static BuildEvidence compute(ModelSpec model, BuildSpec build, BuildCase buildCase, List<Subject> subjects,
                                        EvidenceSettings settings, StatisticsSettings statistics) {
        return compute(model, null, build, buildCase, subjects, settings, statistics);
    }

    /** As {@link #compute(ModelSpec, BuildSpec, BuildCase, List, EvidenceSettings, StatisticsSettings)}, with the model's config.json (or null). */
    public static BuildEvidence compute(ModelSpec model, ModelConfig config, BuildSpec build, BuildCase buildCase, List<Subject> subjects,
                                        EvidenceSettings settings, StatisticsSettings statistics) {
        return compute(model, config, build, buildCase, subjects, settings, statistics, Deadline.none());
    }

    /** As above, checking {@code deadline} between subjects (throws {@link Deadline.Exceeded} once it has passed). */
    public static BuildEvidence compute(ModelSpec model, ModelConfig config, BuildSpec build, BuildCase buildCase, List<Subject> subjects,
                                        EvidenceSettings settings, StatisticsSettings statistics, Deadline deadline) {
        ObservationAssessment.Result assessed = ObservationAssessment.assess(build.observations(), statistics);
        int trained = model.trainedContext();
        int target = build.retrofit().targetContext();
        List<RopeProfile> ropeProfiles = new ArrayList<>();
        List<RotaryPair> pairs = new ArrayList<>();
        List<AlibiProfile> alibi = new ArrayList<>();
        List<BucketProfile> buckets = new ArrayList<>();
        List<DistanceBand> bands = new ArrayList<>();
        List<PrecisionProfile> precision = new ArrayList<>();
        List<BaseChangeRange> baseRanges = new ArrayList<>();
        for (Subject subject : subjects) {
            deadline.check("evidence for " + subject.hypothesis());
            PositionalSpec spec = subject.spec();
            if (spec instanceof UnknownBase u) {
                BaseRange.Bounds bounds = BaseRange.of(model.rotaryDims(), u.trainedBase(), trained, Math.max(target, trained),
                        settings.compressedRatio(), settings.compressedShare(), settings.unseenTolerance(), settings);
                baseRanges.add(new BaseChangeRange(build.id(), subject.hypothesis(), u.trainedBase(), bounds.keepsLongRangeFrom(),
                        bounds.compressesLocalFrom(), target));
            }
            if (spec instanceof RopeInPrecision p) {
                precision.add(precision(subject, build.id(), model.rotaryDims(), p, target, settings, deadline));
                spec = p.mapping();
            }
            if (spec instanceof RopeMapping mapping) {
                spec = new RopeComparison(new RopeMapping.Default(model.ropeBase()), trained, mapping);
            }
            if (spec instanceof RopeComparison c) {
                int dims = model.rotaryDims();
                RopeMapping mapping = c.served();
                double[] trainedInv = InverseFrequencies.of(dims, c.trained(), c.trainedContext());
                double[] mappedInv = InverseFrequencies.of(dims, mapping, target);
                int reference = c.trainedContext();
                List<RotaryPair> subjectPairs = RotaryPairs.evaluate(subject.id(), build.id(), trainedInv, mappedInv,
                        reference, Math.max(target, reference), settings);
                if (c.pretrained() != null) {
                    double[] pretrainedInv = InverseFrequencies.of(dims, c.pretrained(), c.pretrainedContext());
                    subjectPairs = RotaryPairs.closerReference(subjectPairs, RotaryPairs.evaluate(subject.id(), build.id(), pretrainedInv,
                            mappedInv, c.pretrainedContext(), Math.max(target, c.pretrainedContext()), settings));
                }
                pairs.addAll(subjectPairs);
                ropeProfiles.add(new RopeProfile(subject.id(), build.id(), mapping.method(), dims, dims / 2,
                        model.ropeBase(), InverseFrequencies.effectiveBase(dims, mapping, target),
                        InverseFrequencies.factor(dims, mapping), InverseFrequencies.attentionFactor(mapping),
                        count(subjectPairs, PairBand.LOCAL), count(subjectPairs, PairBand.LONG_RANGE), reference, target));
            } else if (spec instanceof AlibiSpec alibiSpec) {
                double[] slopes = AlibiSlopes.of(alibiSpec.heads());
                double gentlest = AlibiSlopes.gentlest(slopes);
                long reach = AlibiSlopes.reach(gentlest, settings.unreachableNats());
                alibi.add(new AlibiProfile(subject.id(), build.id(), alibiSpec.heads(), Arrays.stream(slopes).boxed().toList(), gentlest, AlibiSlopes.steepest(slopes),
                        settings.unreachableNats(), reach, (int) Math.min(Integer.MAX_VALUE, reach + 1),
                        AlibiSlopes.penalty(gentlest, trained - 1), AlibiSlopes.penalty(gentlest, target - 1), trained, target));
                for (Observation o : build.observations()) {
                    long near = o.fromTokens() - 1L;
                    long far = o.toTokens() - 1L;
                    bands.add(new DistanceBand(subject.id(), build.id(), o.id(), (int) near, (int) far,
                            AlibiSlopes.penalty(gentlest, near), AlibiSlopes.penalty(gentlest, far), -1, -1, -1));
                }
            } else if (spec instanceof BucketSpec bucketSpec) {
                int saturation = T5Buckets.saturationDistance(bucketSpec);
                buckets.add(new BucketProfile(subject.id(), build.id(), bucketSpec.numBuckets(), bucketSpec.maxDistance(),
                        bucketSpec.bidirectional(), T5Buckets.exactDistances(bucketSpec), T5Buckets.lastBucket(bucketSpec), saturation, saturation + 1,
                        T5Buckets.distinctBuckets(trained - 1L, Math.max(trained, target) - 1L, bucketSpec), trained, target));
                for (Observation o : build.observations()) {
                    long near = o.fromTokens() - 1L;
                    long far = o.toTokens() - 1L;
                    bands.add(new DistanceBand(subject.id(), build.id(), o.id(), (int) near, (int) far, Double.NaN, Double.NaN,
                            T5Buckets.bucket(-near, bucketSpec), T5Buckets.bucket(-far, bucketSpec), T5Buckets.distinctBuckets(near, far, bucketSpec)));
                }
            }
        }
        double configuredAttentionFactor = build.retrofit().configured() == null ? 1.0
                : InverseFrequencies.attentionFactor(build.retrofit().configured());
        int longestDegraded = assessed.observations().stream().filter(o -> o.outcome() == Outcome.DEGRADED)
                .mapToInt(Observation::toTokens).max().orElse(0);
        RuntimeReport runtime = RuntimeReport.of(build.id(), build.runtime());
        PositionReport positions = PositionReport.of(build.id(), build.runtime().positions());
        List<ModelLayers> layers = model.layers() == null ? List.of() : List.of(ModelLayers.of(build.id(), model.layers()));
        return new BuildEvidence(buildCase, runtime, positions, layers, subjects, List.copyOf(ropeProfiles), List.copyOf(pairs), List.copyOf(alibi),
                List.copyOf(buckets), List.copyOf(bands), List.copyOf(precision), assessed.observations(),
                assessed.countTests(), assessed.metricTests(), assessed.bandTrends(), charts(build.id(), model, build, subjects, target, settings),
                ConfigLoading.entries(build.id(), config), ConfigLoading.readings(build.id(), config),
                ConfigLoading.loaderReadings(build.id(), config),
                ReportedFacts.of(buildCase, runtime, positions, layers, assessed.observations(), configuredAttentionFactor, longestDegraded,
                        build.retrofit().newBase(), settings.matchTolerance(), model.rotaryDims()),
                List.copyOf(baseRanges), PositionRemapping.of(positions, buildCase.longestTrained(), target),
                contextShifts(build.id(), model, runtime, positions), LayerRotationEvidence.localLayers(model, build, target, settings),
                LayerRotationEvidence.rotaryLayout(model, build, settings), LayerRotationEvidence.rotaryWidth(model, build, settings),
                LayerRotationEvidence.iropeLayers(model, build, target, settings), GivenFields.of(build));
    }

    /** The shift's numbers when the runtime shifts a full context of a known window. */
    static List<ContextShiftProfile> contextShifts(String build, ModelSpec model, RuntimeReport runtime, PositionReport positions) {
        if (positions.contextShift() != Tri.YES || runtime.contextWindow() == null) return List.of();
        return List.of(ContextShift.profile(build, runtime.contextWindow(), positions.keep(), model.headDim(), model.rotaryDims()));
    }

    /** Heads drawn in the ALiBi penalty chart: every head up to this many, else this many spread evenly from steepest to gentlest. */
    static final int ALIBI_HEADS_DRAWN = 8;

    /**
     * Series for the report's plots of each mechanism family (the RoPE scale chart is drawn from
     * the per-pair evidence instead), at log-spaced distances or positions up to the target:
     * <ul>
     * <li>{@code bias-vs-distance}, unit {@code nats}: each ALiBi candidate's penalty {@code m_h * k}
     *     per head (all heads up to {@link #ALIBI_HEADS_DRAWN}, else that many spread over the slopes);
     *     unit {@code bucket}: each T5 candidate's bucket of distance {@code k};</li>
     * <li>{@code early-span-share}: the share an early 1,024-token span keeps against a recent one
     *     in the gentlest ALiBi head as the context doubles;</li>
     * <li>{@code angle-error-vs-position}, unit {@code radians}: for a RoPE candidate computed in
     *     reduced precision, the worst angle error over the pairs at each position, and the
     *     knowledge base's tolerance;</li>
     * <li>{@code attended-span-vs-position}, unit {@code tokens}: how far back attention reaches at
     *     each position, for a model trained with a sliding window the runtime does not report
     *     applying (trained: {@code min(p, W)}; served without it: {@code p});</li>
     * <li>{@code truncation-window}, unit {@code tokens}: how much of a prompt of {@code p} tokens a
     *     runtime context window {@code N} shorter than the target keeps ({@code min(p, N)}).</li>
     * </ul>
     */
    static List<ChartSeries> charts(String build, ModelSpec model, BuildSpec spec, List<Subject> subjects, int target, EvidenceSettings settings) {
        List<Double> distances = new ArrayList<>();
        for (double d = 1; d < target; d *= Math.sqrt(2)) distances.add(Math.floor(d));
        distances.add((double) target - 1);
        List<ChartSeries> out = new ArrayList<>();
        for (Subject s : subjects) {
            if (s.role() != io.posmortem.model.knowledge.SubjectRole.CANDIDATE) continue;
            if (s.spec() instanceof AlibiSpec a) {
                double[] slopes = AlibiSlopes.of(a.heads());
                double gentlest = AlibiSlopes.gentlest(slopes);
                for (int h : drawnHeads(slopes.length)) {
                    double slope = slopes[h];
                    out.add(new ChartSeries(build, "bias-vs-distance", "ALiBi head " + (h + 1) + " (slope " + slopeText(slope) + ")", "nats",
                            distances, distances.stream().map(d -> AlibiSlopes.penalty(slope, d)).toList()));
                }
                List<Double> contexts = new ArrayList<>();
                for (long n = 2048; n <= target; n *= 2) contexts.add((double) n);
                out.add(new ChartSeries(build, "early-span-share", "ALiBi gentlest head", "share",
                        contexts, contexts.stream().map(n -> AlibiSlopes.earlySpanShare(gentlest, n.longValue(), 1024)).toList()));
            } else if (s.spec() instanceof BucketSpec b) {
                out.add(new ChartSeries(build, "bias-vs-distance", "T5 bucket", "bucket",
                        distances, distances.stream().map(d -> (double) T5Buckets.bucket(-d.longValue(), b)).toList()));
            } else if (s.spec() instanceof RopeInPrecision p) {
                out.addAll(angleErrors(build, model.rotaryDims(), p, distances, target, settings));
            }
        }
        Integer window = model.slidingWindow();
        if (window != null && window > 0 && window < target && spec.runtime().slidingWindow() != Tri.YES) {
            List<Double> at = List.of(1.0, (double) window, (double) target);
            out.add(new ChartSeries(build, "attended-span-vs-position", "as trained: sliding window of " + window, "tokens",
                    at, at.stream().map(p -> Math.min(p, window)).toList()));
            out.add(new ChartSeries(build, "attended-span-vs-position", "served without the window", "tokens", at, at));
        }
        Integer context = spec.runtime().contextWindow();
        if (context != null && context > 0 && context < target) {
            List<Double> at = List.of(1.0, (double) context, (double) target);
            out.add(new ChartSeries(build, "truncation-window", "kept by a context window of " + context, "tokens",
                    at, at.stream().map(p -> Math.min(p, context)).toList()));
            out.add(new ChartSeries(build, "truncation-window", "the prompt", "tokens", at, at));
        }
        return List.copyOf(out);
    }

    /** Head indexes drawn: all of them up to {@link #ALIBI_HEADS_DRAWN}, else that many spread evenly over the heads. */
    static List<Integer> drawnHeads(int heads) {
        if (heads <= ALIBI_HEADS_DRAWN) return java.util.stream.IntStream.range(0, heads).boxed().toList();
        java.util.TreeSet<Integer> picked = new java.util.TreeSet<>();
        for (int k = 0; k < ALIBI_HEADS_DRAWN; k++) picked.add((int) Math.round(k * (heads - 1) / (double) (ALIBI_HEADS_DRAWN - 1)));
        return List.copyOf(picked);
    }

    /** A slope with three significant digits (0.841, 0.00391), the same form for every head count. */
    private static String slopeText(double slope) {
        return String.format(java.util.Locale.ROOT, "%.3g", slope);
    }

    /** The number format {@code p.dtype()} computes angles in (float32 for every other dtype). */
    private static AnglePrecision.Format angleFormat(RopeInPrecision p) {
        return switch (p.dtype()) {
            case BF16 -> AnglePrecision.Format.BFLOAT16;
            case FP16 -> AnglePrecision.Format.FLOAT16;
            default -> AnglePrecision.Format.FLOAT32;
        };
    }

    /** The rotation frequencies of {@code p.mapping()} as float32 computes them, widened to double. */
    private static double[] float32Thetas(int dims, RopeInPrecision p, int target) {
        float[] inv32 = Float32Frequencies.of(dims, p.mapping(), target);
        double[] thetas = new double[inv32.length];
        for (int j = 0; j < inv32.length; j++) thetas[j] = inv32[j];
        return thetas;
    }

    /** Worst angle error over the pairs of {@code p.mapping()} computed in {@code p.dtype()}, at each position, with the tolerance as a flat line. */
    private static List<ChartSeries> angleErrors(String build, int dims, RopeInPrecision p, List<Double> positions, int target, EvidenceSettings settings) {
        AnglePrecision.Format format = angleFormat(p);
        double[] thetas = float32Thetas(dims, p, target);
        List<Double> errors = positions.stream().map(x -> {
            double e = AnglePrecision.worstAngleError(format, x.longValue(), thetas);
            return Double.isFinite(e) ? e : Double.MAX_VALUE;
        }).toList();
        List<Double> ends = List.of(positions.get(0), positions.get(positions.size() - 1));
        return List.of(new ChartSeries(build, "angle-error-vs-position", "worst angle error in " + p.dtype().wireName(), "radians", positions, errors),
                new ChartSeries(build, "angle-error-vs-position", "tolerance", "radians", ends,
                        List.of(settings.angleErrorTolerance(), settings.angleErrorTolerance())));
    }

    /**
     * Angles of {@code p.mapping()} computed in {@code p.dtype()}: the worst error over all pairs at
     * the target length, and the first position (every token up to 64, then every 64 tokens) whose
     * worst error exceeds the tolerance. Work: pairs x {@link EvidenceCost#angleSamples}, bounded
     * at intake by {@link EvidenceCost#ANGLE_EVALUATIONS}; {@code deadline} is checked about every
     * million angle evaluations.
     */
    static PrecisionProfile precision(Subject subject, String build, int dims, RopeInPrecision p, int target,
                                      EvidenceSettings settings, Deadline deadline) {
        AnglePrecision.Format format = angleFormat(p);
        double[] thetas = float32Thetas(dims, p, target);
        int onset = 0;
        int sampled = 0;
        int checkEvery = Math.max(1, (1 << 20) / thetas.length);
        for (int position = 1; position < target; position = position < EvidenceCost.ANGLE_EVERY_TOKEN_UP_TO ? position + 1
                : position + EvidenceCost.ANGLE_STEP) {
            if (++sampled % checkEvery == 0) deadline.check("angle errors in " + p.dtype().wireName() + " for build " + build);
            if (AnglePrecision.worstAngleError(format, position, thetas) > settings.angleErrorTolerance()) {
                onset = position;
                break;
            }
        }
        double worst = AnglePrecision.worstAngleError(format, target - 1L, thetas);
        return new PrecisionProfile(subject.id(), build, p.dtype().wireName(), Double.isFinite(worst) ? worst : Double.MAX_VALUE,
                settings.angleErrorTolerance(), onset, target);
    }

    private static int count(List<RotaryPair> pairs, PairBand band) {
        return (int) pairs.stream().filter(p -> p.band() == band).count();
    }
}
