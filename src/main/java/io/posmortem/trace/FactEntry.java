package io.posmortem.trace;

/**
 * A fact of the run.
 *
 * @param id          stable id in insertion order ({@code f1}, {@code f2}, ...)
 * @param insertedBy  sequence number of the firing that inserted it, or 0 for an input fact
 * @param retractedBy sequence number of the firing whose effects retracted it, 0 if live, or -1
 *                    when truth maintenance retracted it outside a firing
 * @param justifiedBy for a live fact derived by logical insertion: every firing that justifies it
 *                    at the end of the run, in sequence order (the inserting one and every later
 *                    firing that derived an equal fact); empty otherwise
 */
public record FactEntry(String id, Object fact, int insertedBy, int retractedBy, java.util.List<Integer> justifiedBy) {
    public boolean live() {
        return retractedBy == 0;
    }

    public String type() {
        return fact.getClass().getSimpleName();
    }
}
