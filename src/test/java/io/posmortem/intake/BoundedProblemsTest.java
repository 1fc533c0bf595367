package io.posmortem.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posmortem.model.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** However many problems a file has and however long its values, the record of them stays small. */
class BoundedProblemsTest {

    static Problem problem(int i, String message) {
        return new Problem("schema.value", "f.yaml", "/builds/" + i, i + 1, 3, message, null, null);
    }

    @Test
    void theFirstHundredProblemsAreKeptAndTheRestCounted() {
        List<Problem> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) many.add(problem(i, "problem " + i));
        List<Problem> kept = new InvalidInputException(many).problems();
        assertEquals(101, kept.size());
        assertEquals(many.subList(0, 100), kept.subList(0, 100), "the first 100 unchanged, in order");
        assertEquals("input.more-problems", kept.get(100).code());
        assertEquals("150 more problem(s) not shown", kept.get(100).message(), "250 - 100");
        assertEquals(List.of(problem(0, "x")), new InvalidInputException(List.of(problem(0, "x"))).problems());
    }

    @Test
    void quotedValuesAreCutTo80CharactersAndEveryTextTo300() {
        String value = "v".repeat(10_000);
        Problem p = new InvalidInputException(List.of(new Problem("vocabulary.capability", "f.yaml", "/" + "k".repeat(1000), 1, 1,
                "value '" + value + "' is not a capability", "one of 'a', 'b'", "did you mean '" + value + "'?"))).problems().get(0);
        assertEquals("value '" + "v".repeat(77) + "...' is not a capability", p.message());
        assertEquals("one of 'a', 'b'", p.expected(), "short quotes stay");
        assertEquals("did you mean '" + "v".repeat(77) + "...'?", p.hint());
        assertEquals(300, p.pointer().length());
        assertTrue(p.pointer().endsWith("..."));
        String unquoted = "number " + "9".repeat(1000) + " is too large";
        assertEquals(300, new InvalidInputException(List.of(problem(0, unquoted))).problems().get(0).message().length());
    }
}
