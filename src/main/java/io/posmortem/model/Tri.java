package io.posmortem.model;

/** A yes/no answer that the symptom file may leave open. */
public enum Tri {
    YES, NO, UNKNOWN;

    public static Tri of(Boolean value) {
        return value == null ? UNKNOWN : value ? YES : NO;
    }
}
