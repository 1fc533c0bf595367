package io.posmortem.report;

import java.util.List;
import java.util.Map;

/**
 * An alternative rope_scaling evaluated beside the current configuration.
 *
 * @param comparedWith    the hypothesis whose mapping stands for the current configuration (the
 *                        diagnosis, or the leader)
 * @param disappear       findings of the current mapping the alternative does not have
 * @param appear          findings the alternative has and the current mapping does not
 * @param checks          what the alternative's predictions do to each observation
 * @param fixesEveryDegradation whether it restores every degraded observation and breaks none
 */
public record WhatIfView(
        Map<String, Object> ropeScaling,
        String comparedWith,
        List<String> currentFindings,
        List<String> whatIfFindings,
        List<String> disappear,
        List<String> appear,
        List<String> checks,
        boolean fixesEveryDegradation) {}
