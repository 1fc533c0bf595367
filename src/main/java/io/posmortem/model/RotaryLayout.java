package io.posmortem.model;

/**
 * How rotary pairs are laid out in a head: {@code half-split} pairs dimension i with i + d/2
 * (GPT-NeoX, transformers' {@code rotate_half}), {@code interleaved} pairs 2i with 2i + 1 (GPT-J,
 * Meta's original Llama code, llama.cpp's normal rope type). Weights permuted for one layout and
 * rotated with the other pair the wrong dimensions at every position but 0.
 */
public enum RotaryLayout {
    HALF_SPLIT, INTERLEAVED;

    public String wireName() {
        return WireName.of(this);
    }
}
