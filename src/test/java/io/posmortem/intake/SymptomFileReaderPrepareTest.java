package io.posmortem.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.model.Problem;
import io.posmortem.model.input.SymptomFile;
import io.posmortem.model.knowledge.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link SymptomFileReader#prepare()} (run on the knowledge base's thread while the rules load)
 * neither throws nor changes a read, whether it runs before, during or after reads on other threads.
 */
class SymptomFileReaderPrepareTest {

    static final Path VALID = Path.of("fixtures/seed/founding-case.yaml");
    static final Path INVALID = Path.of("fixtures/invalid/colon-in-value.yaml");

    @Test
    void readsAreTheSameWithAndWithoutPreparing() throws Exception {
        Vocabulary vocabulary = KnowledgeBaseLoader.load(Path.of("knowledge-base")).vocabulary();
        SymptomFileReader reader = new SymptomFileReader(vocabulary);
        SymptomFile expected = reader.read(VALID);
        List<Problem> expectedProblems = assertThrows(InvalidInputException.class, () -> reader.read(INVALID)).problems();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                running.add(pool.submit(() -> {
                    SymptomFileReader.prepare();
                    return null;
                }));
                running.add(pool.submit(() -> {
                    assertEquals(expected, new SymptomFileReader(vocabulary).read(VALID));
                    assertEquals(expectedProblems, assertThrows(InvalidInputException.class,
                            () -> new SymptomFileReader(vocabulary).read(INVALID)).problems());
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdownNow();
        }
        SymptomFileReader.prepare();
        assertEquals(expected, reader.read(VALID));
    }
}
