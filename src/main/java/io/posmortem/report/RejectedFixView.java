package io.posmortem.report;

import java.util.List;
import java.util.Map;

/** A fix that was considered for the diagnosis and failed its checks, with each failure. */
public record RejectedFixView(String id, String title, Map<String, Object> parameters, List<String> failures) {}
