package io.posmortem.bench;

import io.posmortem.evidence.CaseEvidence;
import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.SymptomFileReader;
import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.knowledge.KnowledgeBaseException;
import io.posmortem.knowledge.KnowledgeBaseLoader;
import io.posmortem.knowledge.SubjectPlan;
import io.posmortem.model.evidence.BuildEvidence;
import io.posmortem.model.input.BuildSpec;
import io.posmortem.model.input.SymptomFile;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The evidence engine end to end for one build of the founding case: subject plan (candidates and
 * fixes from the knowledge base) and every number the rules read. Run:
 * {@code mvn -B -ntp -Pbench -DskipTests test-compile exec:exec -Djmh.args="EvidenceBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EvidenceBenchmark {

    /** 0: Build A (RoPE, 3 candidate mappings + 2 fixes, 64 pairs each); 1: Build B (ALiBi vs T5). */
    @Param({"0", "1"})
    int build;

    KnowledgeBase kb;
    SymptomFile file;
    BuildSpec spec;

    @Setup
    public void load() throws KnowledgeBaseException, InvalidInputException {
        kb = KnowledgeBaseLoader.load(Path.of("knowledge-base"));
        file = new SymptomFileReader(kb.vocabulary()).read(Path.of("fixtures/seed/founding-case.yaml"));
        spec = file.builds().get(build);
    }

    @Benchmark
    public BuildEvidence buildEvidence() {
        return CaseEvidence.compute(file.model(), spec, SubjectPlan.buildCase(spec, file.model(), kb),
                SubjectPlan.subjects(spec, file.model(), kb), kb.evidenceSettings(), kb.statisticsSettings());
    }
}
