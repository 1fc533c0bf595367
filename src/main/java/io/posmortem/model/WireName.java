package io.posmortem.model;

import java.util.Locale;

/** Converts enum constants to and from the lower-case, hyphenated names used in files and output. */
public final class WireName {
    private WireName() {}

    /** {@code T5_BIAS -> "t5-bias"}. */
    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Inverse of {@link #of}; returns {@code null} when no constant has that wire name. */
    public static <E extends Enum<E>> E parse(Class<E> type, String wire) {
        if (wire == null) return null;
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(wire)) return e;
        }
        return null;
    }
}
