package io.posmortem.trace;

/**
 * A fact of the run.
 *
 * @param id          stable id in insertion order ({@code f1}, {@code f2}, ...)
 * @param insertedBy  sequence number of the firing that inserted it, or 0 for an input fact
 * @param retractedBy sequence number of the firing whose effects retracted it, 0 if live, or -1
 *                    when truth maintenance retracted it outside a firing
 */
public record FactEntry(String id, Object fact, int insertedBy, int retractedBy) {
    public boolean live() {
        return retractedBy == 0;
    }

    public String type() {
        return fact.getClass().getSimpleName();
    }
}
