package io.posmortem.report;

/** The build's retrofit as resolved (with defaults). {@code newBase} is null when not given. */
public record RetrofitView(
        String kind,
        String kindTitle,
        boolean statedLoosely,
        double factor,
        Double newBase,
        int trainedContext,
        int targetContext,
        String description) {}
