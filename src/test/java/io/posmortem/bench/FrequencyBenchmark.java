package io.posmortem.bench;

import io.posmortem.evidence.rope.Float32Frequencies;
import io.posmortem.evidence.rope.InverseFrequencies;
import io.posmortem.evidence.rope.RopeTable;
import io.posmortem.model.knowledge.EvidenceSettings;
import io.posmortem.model.positional.RopeMapping;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** RoPE frequencies for a 128-dim head under YaRN x8, and the full per-pair table the rope command prints. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FrequencyBenchmark {

    final RopeMapping yarn = new RopeMapping.Yarn(10_000, 8, 4096, 32, 1, null);
    final EvidenceSettings settings = new EvidenceSettings(32, 1, 20, 0.5);

    @Benchmark
    public double[] yarnFloat64() {
        return InverseFrequencies.of(128, yarn, 32_768);
    }

    @Benchmark
    public float[] yarnFloat32() {
        return Float32Frequencies.of(128, yarn, 32_768);
    }

    @Benchmark
    public RopeTable yarnTable() {
        return RopeTable.compute(128, yarn, 4096, 32_768, settings);
    }
}
