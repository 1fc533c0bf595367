package io.posmortem.model;

/**
 * An object compared by identity: a memo key for values that are never changed after they are
 * made (a memoized run, a memoized build report), where comparing by value would cost as much as
 * the work the memo saves.
 */
public record Same(Object of) {
    @Override
    public boolean equals(Object other) {
        return other instanceof Same s && s.of == of;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(of);
    }
}
