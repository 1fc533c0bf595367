package io.posmortem.evidence.stats;

import io.posmortem.model.Outcome;
import io.posmortem.model.Trend;
import io.posmortem.model.evidence.BandTrend;
import io.posmortem.model.evidence.CountTest;
import io.posmortem.model.evidence.MetricTest;
import io.posmortem.model.input.Counts;
import io.posmortem.model.input.Metric;
import io.posmortem.model.input.Observation;
import io.posmortem.model.knowledge.StatisticsSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Decides what each observation says, and how strongly:
 * <ul>
 *   <li>with counts for the build and a baseline: Fisher's exact test at {@code alpha} decides
 *       degraded / improved / inconclusive, whatever the stated outcome; the strength rises
 *       log-linearly from {@code significantStrength} at {@code p = alpha} to 1 at
 *       {@code p <= strongP};
 *   <li>with a metric against its baseline (perplexity, loss, a score): its relative change
 *       decides degraded / improved (beyond {@code metricMinChange} that way) or preserved; the
 *       strength rises log-linearly from {@code qualitativeStrength} at that change to 1 at four
 *       times it;
 *   <li>otherwise (qualitative, or counts without a baseline): the stated outcome, at
 *       {@code qualitativeStrength};
 *   <li>an observation that gives no context band (so covers the whole target window by default)
 *       has its strength multiplied by {@code unbandedStrength};
 *   <li>across bands: for a capability with counted observations in at least three bands, the drop
 *       in success rate is regressed on log2 of the band midpoint; a positive slope significant at
 *       {@code alpha} makes those observations worsen with length.
 * </ul>
 */
public final class ObservationAssessment {
    private ObservationAssessment() {}

    public record Result(List<Observation> observations, List<CountTest> countTests, List<MetricTest> metricTests,
                         List<BandTrend> bandTrends) {}

    public static Result assess(List<Observation> observations, StatisticsSettings settings) {
        List<Observation> assessed = new ArrayList<>();
        List<CountTest> tests = new ArrayList<>();
        List<MetricTest> metricTests = new ArrayList<>();
        for (Observation o : observations) {
            CountTest t = test(o, settings);
            MetricTest m = t == null ? metric(o, settings) : null;
            if (m != null) {
                metricTests.add(m);
                assessed.add(o.assessed(m.outcome(), o.trend(), m.strength()));
            } else if (t == null) {
                assessed.add(o.assessed(o.outcome(), o.trend(), settings.qualitativeStrength()));
            } else {
                tests.add(t);
                assessed.add(o.assessed(t.outcome(), o.trend(), t.strength()));
            }
        }
        for (int i = 0; i < assessed.size(); i++) {
            Observation o = assessed.get(i);
            if (!o.bandStated()) assessed.set(i, o.assessed(o.outcome(), o.trend(), o.strength() * settings.unbandedStrength()));
        }
        List<BandTrend> trends = trends(assessed, tests, settings);
        for (BandTrend trend : trends) {
            if (trend.trend() != Trend.WORSENS) continue;
            for (int i = 0; i < assessed.size(); i++) {
                Observation o = assessed.get(i);
                if (trend.observations().contains(o.id()) && o.trend() == Trend.UNKNOWN) {
                    assessed.set(i, o.assessed(o.outcome(), Trend.WORSENS, o.strength()));
                }
            }
        }
        return new Result(List.copyOf(assessed), List.copyOf(tests), List.copyOf(metricTests), trends);
    }

    /** The count test of an observation with a baseline, or null when it has none. */
    static CountTest test(Observation o, StatisticsSettings settings) {
        Counts c = o.counts();
        if (c == null || c.baselineSuccesses() == null || c.baselineTrials() == null) return null;
        double alpha = settings.alpha();
        double p = CountStatistics.fisherTwoSided(c.successes(), c.trials(), c.baselineSuccesses(), c.baselineTrials());
        double rate = c.trials() == 0 ? 0 : (double) c.successes() / c.trials();
        double baseline = c.baselineTrials() == 0 ? 0 : (double) c.baselineSuccesses() / c.baselineTrials();
        Outcome outcome = p >= alpha ? Outcome.INCONCLUSIVE : rate < baseline ? Outcome.DEGRADED : Outcome.IMPROVED;
        double[] ci = CountStatistics.wilson(c.successes(), c.trials(), alpha);
        double[] bci = CountStatistics.wilson(c.baselineSuccesses(), c.baselineTrials(), alpha);
        return new CountTest(o.build(), o.id(), o.capability(), "fisher-exact-two-sided", c.successes(), c.trials(),
                c.baselineSuccesses(), c.baselineTrials(), rate, ci[0], ci[1], baseline, bci[0], bci[1], p, alpha, outcome,
                strength(p, settings));
    }

    /** The metric assessment of an observation with a metric, or null when it has none. */
    static MetricTest metric(Observation o, StatisticsSettings settings) {
        Metric m = o.metric();
        if (m == null) return null;
        double worse = m.relativeWorsening();
        double min = settings.metricMinChange();
        Outcome outcome = worse > min ? Outcome.DEGRADED : worse < -min ? Outcome.IMPROVED : Outcome.PRESERVED;
        double size = Math.abs(worse);
        double strength;
        if (outcome == Outcome.PRESERVED || size <= min) strength = settings.qualitativeStrength();
        else if (size >= 4 * min) strength = 1.0;
        else strength = settings.qualitativeStrength() + (1 - settings.qualitativeStrength()) * Math.log(size / min) / Math.log(4);
        return new MetricTest(o.build(), o.id(), o.capability(), m.name(), m.value(), m.baseline(), worse, min, outcome, strength);
    }

    /** {@code significantStrength} at p = alpha, 1 at p <= strongP, log-linear between; the qualitative strength when not significant. */
    static double strength(double p, StatisticsSettings s) {
        if (p >= s.alpha()) return s.qualitativeStrength();
        if (p <= s.strongP()) return 1.0;
        double t = Math.log(s.alpha() / p) / Math.log(s.alpha() / s.strongP());
        return s.significantStrength() + (1 - s.significantStrength()) * t;
    }

    static List<BandTrend> trends(List<Observation> observations, List<CountTest> tests, StatisticsSettings settings) {
        Map<String, List<Observation>> byCapability = new LinkedHashMap<>();
        Map<String, CountTest> testOf = new LinkedHashMap<>();
        for (CountTest t : tests) testOf.put(t.observation(), t);
        for (Observation o : observations) {
            if (testOf.containsKey(o.id())) byCapability.computeIfAbsent(o.capability(), k -> new ArrayList<>()).add(o);
        }
        List<BandTrend> out = new ArrayList<>();
        for (Map.Entry<String, List<Observation>> e : byCapability.entrySet()) {
            List<Observation> group = e.getValue();
            if (group.stream().map(o -> o.fromTokens() + "-" + o.toTokens()).distinct().count() < 3) continue;
            SimpleRegression regression = new SimpleRegression();
            for (Observation o : group) {
                CountTest t = testOf.get(o.id());
                double midpoint = (o.fromTokens() + (double) o.toTokens()) / 2;
                regression.addData(Math.log(midpoint) / Math.log(2), t.baselineRate() - t.rate());
            }
            double slope = regression.getSlope();
            double p = regression.getN() > 2 ? regression.getSignificance() : 1.0;
            if (Double.isNaN(p)) p = 1.0;
            Trend trend = slope > 0 && p < settings.alpha() ? Trend.WORSENS : Trend.STABLE;
            out.add(new BandTrend(group.get(0).build(), e.getKey(), group.stream().map(Observation::id).toList(), slope, p, trend));
        }
        return List.copyOf(out);
    }
}
