package io.posmortem.evidence.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.positional.RopeMapping;
import org.junit.jupiter.api.Test;

/**
 * RoPE frequencies against independently computed values. Oracle: the formulas of transformers'
 * rope initialisation functions (modeling_rope_utils.py, _compute_default / _linear_scaling /
 * _ntk / _yarn_parameters, as of v4.46), evaluated in float64 in Python 3.11 by hand (no torch),
 * and the papers cited per test. Tolerance 1e-12 relative unless stated.
 */
class InverseFrequenciesTest {

    static final double BASE = 10_000;
    static final int DIMS = 128;

    static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-12, what);
    }

    @Test
    void defaultFrequenciesFollowTheRoformerFormula() {
        // theta_j = b^(-2j/d) (Su et al. 2021, eq. 15): 10000^(-1/64) = 0.8659643233600653,
        // 10000^(-126/128) = 1.1547819846894582e-4 (Python float64).
        double[] inv = InverseFrequencies.unscaled(DIMS, BASE);
        assertEquals(64, inv.length);
        assertEquals(1.0, inv[0]);
        close(0.8659643233600653, inv[1], "theta_1");
        close(1.1547819846894582e-4, inv[63], "theta_63");
        // DESIGN primer: lambda_0 = 2 pi ~ 6.3 tokens, lambda_63 ~ 54,400 tokens (54,410.143 exactly).
        close(2 * Math.PI, 2 * Math.PI / inv[0], "lambda_0");
        close(54_410.14313077675, 2 * Math.PI / inv[63], "lambda_63");
    }

    @Test
    void llama3WithEqualFreqFactorsSplitsThePairsAtTheOriginalLength() {
        // Llama 4 Scout's config: rope_type llama3, factor 16, low_freq_factor = high_freq_factor = 1,
        // original_max_position_embeddings 8192, base 500,000. transformers' _compute_llama3_parameters
        // then has an empty smoothing band: pairs with wavelength < 8192 keep theta, those above are
        // divided by 16 (hand derivation from the formula; no 0/0 is ever selected).
        RopeMapping.Llama3 scout = new RopeMapping.Llama3(500_000, 16, 1, 1, 8192);
        double[] base = InverseFrequencies.unscaled(DIMS, 500_000);
        double[] inv = InverseFrequencies.of(DIMS, scout, 262_144);
        for (int j = 0; j < 64; j++) {
            double wavelength = 2 * Math.PI / base[j];
            close(wavelength > 8192 ? base[j] / 16 : base[j], inv[j], "pair " + j);
        }
        // Float32 follows the same split.
        float[] f32 = Float32Frequencies.llama3(DIMS, scout);
        for (int j = 0; j < 64; j++) assertTrue(Float.isFinite(f32[j]), "float32 pair " + j);
        assertEquals((float) (base[63] / 16), f32[63], 1e-6 * base[63]);
    }

    @Test
    void linearScalingDividesEveryFrequencyByTheFactor() {
        double[] base = InverseFrequencies.unscaled(DIMS, BASE);
        double[] pi = InverseFrequencies.of(DIMS, new RopeMapping.Linear(BASE, 8), 32_768);
        for (int j = 0; j < 64; j++) close(base[j] / 8, pi[j], "pair " + j);
        assertEquals(1.0, InverseFrequencies.attentionFactor(new RopeMapping.Linear(BASE, 8)));
    }

    @Test
    void ntkAwareRaisesTheBaseSoThatOnlyTheSlowestPairIsFullyScaled() {
        // b' = b * s^(d/(d-2)) = 10000 * 8^(128/126) = 82684.62264056221 (Python float64).
        RopeMapping ntk = new RopeMapping.NtkAware(BASE, 8);
        close(82_684.62264056221, InverseFrequencies.effectiveBase(DIMS, ntk, 32_768), "new base");
        double[] base = InverseFrequencies.unscaled(DIMS, BASE);
        double[] mapped = InverseFrequencies.of(DIMS, ntk, 32_768);
        // s_j = s^(2j/(d-2)): s_0 = 1, s_46 = 8^(92/126) = 4.564561239976052, s_63 = 8.
        close(1.0, base[0] / mapped[0], "s_0");
        close(4.564561239976052, base[46] / mapped[46], "s_46");
        close(8.0, base[63] / mapped[63], "s_63");
        close(8.0, InverseFrequencies.factor(DIMS, ntk), "factor");
    }

    @Test
    void anExplicitNewBaseReportsTheNtkFactorItAmountsTo() {
        RopeMapping newBase = new RopeMapping.NewBase(BASE, 82_684.62264056221);
        close(8.0, InverseFrequencies.factor(DIMS, newBase), "(b'/b)^((d-2)/d)");
        close(82_684.62264056221, InverseFrequencies.effectiveBase(DIMS, newBase, 32_768), "base");
    }

    @Test
    void yarnKeepsFastPairsInterpolatesSlowOnesAndRampsBetween() {
        // find_correction_dim(r) = d ln(L / (2 pi r)) / (2 ln b) with L = 4096:
        // r = 32 -> 20.94448162063605, floor 20; r = 1 -> 45.02688127375455, ceil 46 (Python float64).
        double[] range = InverseFrequencies.correctionRange(DIMS, BASE, 4096, 32, 1, true);
        assertEquals(20, range[0]);
        assertEquals(46, range[1]);
        RopeMapping.Yarn yarn = new RopeMapping.Yarn(BASE, 8, 4096, 32, 1, null);
        double[] base = InverseFrequencies.unscaled(DIMS, BASE);
        double[] mapped = InverseFrequencies.of(DIMS, yarn, 32_768);
        for (int j = 0; j <= 20; j++) assertEquals(base[j], mapped[j], "pair " + j + " unscaled");
        for (int j = 46; j < 64; j++) close(8.0, base[j] / mapped[j], "pair " + j + " fully interpolated");
        // ramp (j - 20) / 26 blends 1/s and 1: s_j = 1 / (ramp/8 + (1 - ramp)).
        close(1.0348258706467661, base[21] / mapped[21], "s_21");
        close(1.777777777777778, base[33] / mapped[33], "s_33");
        close(6.303030303030304, base[45] / mapped[45], "s_45");
        // attention factor 0.1 ln 8 + 1 = 1.2079441541679836 (Peng et al. 2023, eq. 22).
        close(1.2079441541679836, InverseFrequencies.attentionFactor(yarn), "attention factor");
        close(1.5, InverseFrequencies.attentionFactor(new RopeMapping.Yarn(BASE, 8, 4096, 32, 1, 1.5)), "explicit");
    }

    @Test
    void aLinearFactorBelowOneSpeedsEveryPairUp() {
        // A factor passed as its inverse (llama.cpp --rope-freq-scale 4 for a 4x context): inv_freq / 0.25 = 4 theta_j.
        double[] plain = InverseFrequencies.unscaled(DIMS, BASE);
        double[] inverted = InverseFrequencies.of(DIMS, new RopeMapping.Linear(BASE, 0.25), 4096);
        for (int j = 0; j < plain.length; j++) close(4 * plain[j], inverted[j], "pair " + j);
    }

    @Test
    void inputsOutsideTheDomainNameTheParameter() {
        assertMessage("rotary dims", () -> InverseFrequencies.unscaled(127, BASE));
        assertMessage("factor", () -> InverseFrequencies.of(DIMS, new RopeMapping.Linear(BASE, 0.0), 32_768));
        assertMessage("factor", () -> InverseFrequencies.of(DIMS, new RopeMapping.Linear(BASE, -2.0), 32_768));
        assertMessage("factor", () -> InverseFrequencies.of(DIMS, new RopeMapping.NtkAware(BASE, 0.5), 32_768));
        assertMessage("base", () -> InverseFrequencies.unscaled(DIMS, Double.NaN));
        assertMessage("beta_fast", () -> InverseFrequencies.of(DIMS, new RopeMapping.Yarn(BASE, 8, 4096, -1, 1, null), 32_768));
        assertMessage("original context", () -> InverseFrequencies.of(DIMS, new RopeMapping.Yarn(BASE, 8, 0, 32, 1, null), 32_768));
    }

    static void assertMessage(String parameter, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(parameter), e.getMessage());
    }
}
