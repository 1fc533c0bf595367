package io.posmortem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemsExceptionTest {

    private static final class Refused extends ProblemsException {
        Refused(List<Problem> problems) {
            super(problems, "refused", null);
        }
    }

    @Test
    void theMessageIsTheFirstProblemAndNoStackTraceIsKept() {
        Problem first = new Problem("input.empty", "a.yaml", "", 0, 0, "file is empty", null, null);
        List<Problem> problems = new ArrayList<>(List.of(first, new Problem("x.y", "b.yaml", "/a", 3, 1, "m", null, null)));
        Refused e = new Refused(problems);
        problems.clear();
        assertEquals(first.oneLine(), e.getMessage());
        assertEquals(2, e.problems().size(), "a copy, not the caller's list");
        assertThrows(UnsupportedOperationException.class, () -> e.problems().add(first));
        assertEquals(0, e.getStackTrace().length);
        assertEquals("refused", new Refused(List.of()).getMessage());
    }
}
