/**
 * The numbers the evidence stage computes per build: RoPE, ALiBi, bucket and precision profiles,
 * rotary pairs, base-change ranges, build facts, config readings, statistical tests of counts and
 * metrics, and chart series.
 */
package io.posmortem.model.evidence;
