package io.posmortem.model.evidence;

import io.posmortem.model.*;

/**
 * For a build whose base was changed to an unknown value: the smallest base that keeps every
 * long-range angle in range up to the target, and the smallest that compresses most local pairs
 * (evidence stage, {@code BaseRange}); rules turn it into what such a base would explain.
 */
public record BaseChangeRange(String build, String hypothesis, double trainedBase, double keepsLongRangeFrom,
                              double compressesLocalFrom, int targetContext) implements BuildScoped {}
