/**
 * The numeric engine: pure functions from a positional configuration to evidence (frequencies,
 * periods, per-pair scales and ranges, bias growth with distance). No I/O, no Drools; the only
 * package that may use commons-math3. Subpackages: {@code rope}, {@code bias}, {@code stats}, and
 * {@code domain} (the argument checks they share).
 */
package io.posmortem.evidence;
