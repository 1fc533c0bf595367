package io.posmortem.run;

import io.posmortem.model.input.SymptomFile;
import java.util.List;

/** A triaged symptom file: the validated input and one {@link BuildRun} per build, in file order. */
public record TriageRun(SymptomFile input, List<BuildRun> builds) {}
