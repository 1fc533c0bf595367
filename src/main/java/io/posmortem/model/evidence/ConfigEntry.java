package io.posmortem.model.evidence;

import io.posmortem.model.*;

/** One key of the model's config.json, as a fact for config lint ({@code section}: {@code top} or the block's key). */
public record ConfigEntry(String build, String section, String key, String pointer, String value) implements BuildScoped {}
