package io.posmortem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.posmortem.model.evidence.RuntimeReport;
import io.posmortem.model.input.RuntimeSpec;
import org.junit.jupiter.api.Test;

/** Dtypes round-trip through their wire names; the runtime fact carries wire names and Tri. */
class DtypeTest {

    @Test
    void everyDtypeRoundTripsThroughItsWireName() {
        for (Dtype d : Dtype.values()) assertEquals(d, Dtype.of(d.wireName()));
        assertEquals("bf16", Dtype.BF16.wireName());
        assertNull(Dtype.of(null));
        assertThrows(IllegalArgumentException.class, () -> Dtype.of("auto"));
    }

    @Test
    void widthsAreTheFormatsBits() {
        // IEEE 754 binary32/binary16, bfloat16 (8-bit exponent, 7-bit mantissa), 8-bit floats and integers.
        assertEquals(32, Dtype.FP32.bits());
        assertEquals(16, Dtype.BF16.bits());
        assertEquals(4, Dtype.INT4.bits());
        assertEquals(false, Dtype.FP16.quantized());
        assertEquals(true, Dtype.FP8.quantized());
    }

    @Test
    void aRuntimeReportCarriesWireNamesAndUnknownsForWhatWasNotReported() {
        RuntimeReport r = RuntimeReport.of("b", new RuntimeSpec("vLLM", "0.6", null, 4.0, 32768, Dtype.FP8, null, null, Tri.NO, Tri.UNKNOWN,
                null, null, null, null, null, Tri.UNKNOWN, null, null, null, null, Tri.UNKNOWN, Tri.UNKNOWN,
                io.posmortem.model.input.PositionHandling.UNREPORTED));
        assertEquals("fp8", r.kvCacheDtype());
        assertNull(r.ropeDtype());
        assertEquals(Tri.NO, r.slidingWindow());
        assertEquals(Tri.UNKNOWN, r.prefixCaching());
        RuntimeReport none = RuntimeReport.of("b", RuntimeSpec.UNSPECIFIED);
        assertEquals(Tri.UNKNOWN, none.slidingWindow());
        assertNull(none.contextWindow());
    }
}
