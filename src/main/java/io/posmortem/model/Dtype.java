package io.posmortem.model;

/**
 * Element types a runtime reports for its KV cache or its rotary angles; the wire name is the
 * lower-case name ({@code fp16}, {@code int4}). Which ones each field accepts is in the
 * symptom-file schema.
 *
 * @see WireName
 */
public enum Dtype {
    FP32(32, false), FP16(16, false), BF16(16, false), FP8(8, true), INT8(8, true), INT4(4, true);

    private final int bits;
    private final boolean quantized;

    Dtype(int bits, boolean quantized) {
        this.bits = bits;
        this.quantized = quantized;
    }

    /** Bits per element. */
    public int bits() {
        return bits;
    }

    /** Whether values are stored below 16-bit floating point (8-bit floats and integers). */
    public boolean quantized() {
        return quantized;
    }

    public String wireName() {
        return WireName.of(this);
    }

    /** The constant named {@code wire}, or {@code null} for null. */
    public static Dtype of(String wire) {
        if (wire == null) return null;
        Dtype d = WireName.parse(Dtype.class, wire);
        if (d == null) throw new IllegalArgumentException("not a dtype: " + wire);
        return d;
    }
}
