package io.posmortem.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small least-recently-used memo shared by threads: at most {@code capacity} entries, the one
 * used longest ago dropped first. A value is computed outside the lock, so two threads asking for
 * the same missing key at once may both compute it; the memo is only sound for pure computations,
 * whose two results are equal. A computation that throws stores nothing.
 */
public final class BoundedMemo<K, V> {
    private final int capacity;
    private final LinkedHashMap<K, V> entries;
    private long hits;
    private long misses;

    public BoundedMemo(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > BoundedMemo.this.capacity;
            }
        };
    }

    /** The value remembered for {@code key}, or {@code compute}'s, remembered. */
    public <X extends Exception> V get(K key, Computation<V, X> compute) throws X {
        synchronized (entries) {
            V known = entries.get(key);
            if (known != null) {
                hits++;
                return known;
            }
            misses++;
        }
        V value = compute.get();
        synchronized (entries) {
            entries.putIfAbsent(key, value);
        }
        return value;
    }

    /** The value remembered for {@code key} (a hit), or null (a miss). */
    public V known(K key) {
        synchronized (entries) {
            V known = entries.get(key);
            if (known != null) hits++;
            else misses++;
            return known;
        }
    }

    /** Remembers {@code value} for {@code key} (a key remembered already keeps its value). */
    public void remember(K key, V value) {
        synchronized (entries) {
            entries.putIfAbsent(key, value);
        }
    }

    /** Lookups answered from the memo so far. */
    public long hits() {
        synchronized (entries) {
            return hits;
        }
    }

    /** Lookups that computed their value so far. */
    public long misses() {
        synchronized (entries) {
            return misses;
        }
    }

    /** A computation that may throw a checked exception. */
    @FunctionalInterface
    public interface Computation<V, X extends Exception> {
        V get() throws X;
    }
}
