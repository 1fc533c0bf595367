package io.posmortem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * bin/posmortem run as a user runs it: from a directory outside the repository, out of an install
 * layout (bin/posmortem, lib/posmortem.jar). The jar is made here from the compiled classes and the
 * bundled pack (target/classes) with the dependencies on its manifest class path, because the
 * tests run before the build packages the shaded jar; it is a real jar, so the bundled pack is
 * read from inside it and the class-data archive can be written, as with the shaded one.
 *
 * <p>The launcher runs the Java of this test run, or the Java home named by the environment variable
 * {@code POSMORTEM_TEST_JAVA_HOME}: a Java 25 there runs the tests that write and use the archive
 * against its AOT cache instead of a dynamic class-data archive.
 */
class LauncherTest {

    private static final Path FOUNDING = Path.of("fixtures/seed/founding-case.yaml").toAbsolutePath();
    private static final String JAVA_HOME = System.getenv().getOrDefault("POSMORTEM_TEST_JAVA_HOME", System.getProperty("java.home"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path install;

    @BeforeAll
    static void layOut() throws IOException {
        Path bin = Files.createDirectories(install.resolve("bin"));
        Files.copy(Path.of("bin/posmortem"), bin.resolve("posmortem"));
        jar(install.resolve("lib/posmortem.jar"), "");
    }

    /** lib/posmortem.jar: target/classes and, on the manifest class path, every dependency jar; {@code extra} as a resource. */
    private static void jar(Path jar, String extra) throws IOException {
        Files.createDirectories(jar.getParent());
        Path classes = Path.of("target/classes").toAbsolutePath();
        List<String> dependencies = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) dependencies.add(Path.of(entry).toUri().toString());
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", dependencies));
        main.put(new Attributes.Name("Add-Opens"), "java.base/java.lang");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
            if (!extra.isEmpty()) {
                out.putNextEntry(new JarEntry("extra.txt"));
                out.write(extra.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    record Result(int exit, String out, String err) {}

    /** Runs bin/posmortem with {@code args} in a fresh directory outside the repository, the cache in {@code cache}. */
    private static Result run(Path cache, Map<String, String> env, String... args) throws Exception {
        return runFrom(install, cache, env, args);
    }

    /** As {@link #run}, with the install whose bin/posmortem runs in {@code home}. */
    private static Result runFrom(Path home, Path cache, Map<String, String> env, String... args) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh on this machine: the POSIX launcher cannot run");
        Path cwd = Files.createTempDirectory(home, "cwd");
        List<String> command = new ArrayList<>(List.of("/bin/sh", home.resolve("bin/posmortem").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().remove("POSMORTEM_RULES");
        pb.environment().remove("POSMORTEM_KB");
        pb.environment().put("POSMORTEM_CACHE", cache.toString());
        pb.environment().put("JAVA_HOME", JAVA_HOME);
        pb.environment().putAll(env);
        Path out = cwd.resolve("stdout");
        Path err = cwd.resolve("stderr");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish in 300 s: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The class-data archives (.jsa, Java 17 to 24) and AOT caches (.aot, Java 25 and later) in {@code cache}. */
    private static List<Path> archives(Path cache) throws IOException {
        Path dir = cache.resolve("cds");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")).sorted().toList();
        }
    }

    @Test
    void triageAndRopeWorkFromOutsideTheRepository(@TempDir Path cache) throws Exception {
        Result triage = run(cache, Map.of(), "triage", FOUNDING.toString());
        assertEquals(0, triage.exit(), triage.err());
        // The founding case's verdicts (README, "Reading the output"), from the rules and knowledge base inside the jar.
        assertTrue(triage.out().contains("build-a  diagnosed: uniform-rope-interpolation"), triage.out());
        assertTrue(triage.out().contains("build-b  diagnosed: alibi-linear-bias"), triage.out());

        Result rope = run(cache, Map.of(), "rope", "--head-dim", "128");
        assertEquals(0, rope.exit(), rope.err());
        JsonNode table = JSON.readTree(rope.out());
        // --head-dim 128 rotates 128 dimensions in 64 pairs at RoPE's default base 10,000 (RoFormer, Su et al. 2021).
        assertEquals(128, table.path("rotary_dims").asInt());
        assertEquals(10000.0, table.path("base").asDouble());
    }

    /** JSON on stdout parses whatever state the class-data archive is in: missing, present, stale, damaged, truncated. */
    @Test
    void jsonOutputParsesWhateverTheArchive(@TempDir Path cache) throws Exception {
        String expected = jsonTriage(cache, "no archive yet (this run writes it)");
        List<Path> written = archives(cache);
        assertEquals(1, written.size(), "the first triage writes one archive: " + written);
        Path archive = written.get(0);
        assertEquals(expected, jsonTriage(cache, "with the archive"));

        // Damaged: bytes in the middle overwritten, size kept (-XX:+VerifySharedSpaces rejects it).
        byte[] bytes = Files.readAllBytes(archive);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 4096; i++) bytes[i] ^= 0x5A;
        archive.toFile().setWritable(true);
        Files.write(archive, bytes);
        assertEquals(expected, jsonTriage(cache, "damaged archive"));

        // Truncated: a size other than its name records; replaced by the next run.
        try (var ch = Files.newByteChannel(archive, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(bytes.length / 3);
        }
        assertEquals(expected, jsonTriage(cache, "truncated archive"));

        // Stale: an archive written for another jar, filed under this jar's name (the JVM sees the jar changed).
        Path first = archives(cache).get(0);
        jar(install.resolve("lib/posmortem.jar"), "another build");
        try {
            assertEquals(expected, jsonTriage(cache, "a new jar (its own archive is written)"));
            List<Path> now = new ArrayList<>(archives(cache));
            now.remove(first);
            assertEquals(1, now.size(), "one archive per jar: " + archives(cache));
            String name = now.get(0).getFileName().toString();
            String stem = name.substring(0, name.lastIndexOf('-'));
            Files.delete(now.get(0));
            Files.copy(first, now.get(0).resolveSibling(stem + "-" + Files.size(first) + name.substring(name.lastIndexOf('.'))));
            assertEquals(expected, jsonTriage(cache, "stale archive"));
        } finally {
            jar(install.resolve("lib/posmortem.jar"), "");
        }
    }

    /**
     * The JVM maps an archive's classes of the jar only when the jar has the path and modification
     * time it had when the archive was written; otherwise it loads them from the jar, silently. A
     * jar rebuilt with the same bytes, and the same install copied elsewhere, each get an archive of
     * their own, whose classes the next run maps (read from the JVM's class-loading log).
     */
    @Test
    void aRebuiltOrMovedJarGetsAnArchiveOfItsOwn(@TempDir Path cache) throws Exception {
        Path elsewhere = Files.createDirectories(cache.resolve("elsewhere"));
        Path jar = install.resolve("lib/posmortem.jar");
        FileTime built = Files.getLastModifiedTime(jar);
        try {
            assertEquals(0, run(cache, Map.of(), "triage", FOUNDING.toString()).exit());
            assertEquals(1, archives(cache).size(), archives(cache).toString());
            assertMapped(install, cache, "");

            // Rebuilt: the same bytes, a later modification time.
            Files.setLastModifiedTime(jar, FileTime.fromMillis(built.toMillis() + 3_600_000L));
            assertEquals(0, run(cache, Map.of(), "triage", FOUNDING.toString()).exit());
            assertEquals(2, archives(cache).size(), "the rebuilt jar's own archive: " + archives(cache));
            assertMapped(install, cache, "");

            // Copied elsewhere, modification time kept.
            Files.createDirectories(elsewhere.resolve("bin"));
            Files.createDirectories(elsewhere.resolve("lib"));
            Files.copy(install.resolve("bin/posmortem"), elsewhere.resolve("bin/posmortem"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.copy(jar, elsewhere.resolve("lib/posmortem.jar"), StandardCopyOption.COPY_ATTRIBUTES);
            assertEquals(0, runFrom(elsewhere, cache, Map.of(), "triage", FOUNDING.toString()).exit());
            assertEquals(3, archives(cache).size(), "the copy's own archive: " + archives(cache));
            assertMapped(elsewhere, cache, "");
            assertMapped(install, cache, "the first install still maps its own archive");
        } finally {
            Files.setLastModifiedTime(jar, built);
        }
    }

    /** A triage through {@code home}'s launcher finds io.posmortem.cli.Main in a class-data archive (the JVM's class-loading log says where). */
    private static void assertMapped(Path home, Path cache, String message) throws Exception {
        String source = mainClassSource(home, cache);
        assertTrue(source.startsWith("shared objects file"), message + " (" + home + "): Main came from " + source);
    }

    /** Where the JVM found io.posmortem.cli.Main in a triage through {@code home}'s launcher: "shared objects file ..." or the jar's URL. */
    private static String mainClassSource(Path home, Path cache) throws Exception {
        Path log = Files.createTempFile(cache, "class-load", ".log");
        Result r = runFrom(home, cache, Map.of("POSMORTEM_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "triage", FOUNDING.toString());
        assertEquals(0, r.exit(), r.err());
        String prefix = Main.class.getName() + " source: ";
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(" " + prefix)).map(l -> l.substring(l.indexOf(prefix) + prefix.length()))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + Main.class.getName() + " in " + log));
        }
    }

    private static String jsonTriage(Path cache, String state) throws Exception {
        Result r = run(cache, Map.of(), "triage", "--format", "json", FOUNDING.toString());
        assertEquals(0, r.exit(), state + ": " + r.err());
        JsonNode report = JSON.readTree(r.out());
        assertEquals("diagnosed", report.path("status").asString(), state);
        assertEquals("bundled", report.path("pack").asString(), state + ": outside a checkout the pack inside the jar ran");
        assertTrue(r.err().isEmpty(), state + ": nothing on stderr either: " + r.err());
        return r.out();
    }

    /** A Java 17 home in {@code dir}/jdk whose java is a shell script running {@code perArgument} for each argument {@code $a}. */
    private static Path standInJdk(Path dir, String perArgument) throws IOException {
        Path jdk = dir.resolve("jdk");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do " + perArgument + "; done\n");
        assertTrue(java.toFile().setExecutable(true));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
        return jdk;
    }

    /**
     * The JIT and heap the launcher chooses, read from a stand-in java that prints its arguments:
     * a single triage runs C1 only with the serial collector and a bounded heap (starting at 64 MB); a triage of
     * directories holding up to POSMORTEM_C2_INPUTS files runs C1 only with the throughput
     * collector and the default heap; a larger one, a list on standard input and serve keep the
     * JIT's second tier and the default collector. A collector in POSMORTEM_JAVA_OPTS replaces the launcher's.
     */
    @Test
    void theJitFollowsTheSizeOfTheRun(@TempDir Path cache) throws Exception {
        Path jdk = standInJdk(cache, "echo \"$a\"");
        Path batch = Files.createDirectories(cache.resolve("batch"));
        for (int i = 0; i < 3; i++) Files.writeString(batch.resolve("case-" + i + ".yaml"), "x");
        Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "POSMORTEM_CDS", "off");

        List<String> single = run(cache, env, "triage", FOUNDING.toString()).out().lines().toList();
        assertTrue(single.containsAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms64m", "-Xmx512m", "-XX:MetaspaceSize=128m")),
                single.toString());

        List<String> small = run(cache, env, "triage", "--format", "json", batch.toString()).out().lines().toList();
        assertTrue(small.containsAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC")), small.toString());
        assertTrue(!small.contains("-XX:+UseSerialGC") && !small.contains("-Xmx512m"), small.toString());

        // A collector named in POSMORTEM_JAVA_OPTS is the only one (the JVM refuses to start with two).
        for (List<String> args : List.of(List.of("triage", FOUNDING.toString()), List.of("triage", batch.toString()))) {
            Map<String, String> ownCollector = new java.util.HashMap<>(env);
            ownCollector.put("POSMORTEM_JAVA_OPTS", "-Xmx300m -XX:+UseG1GC");
            List<String> seen = run(cache, ownCollector, args.toArray(String[]::new)).out().lines().toList();
            assertEquals(List.of("-XX:+UseG1GC"), seen.stream().filter(a -> a.matches("-XX:\\+Use.*GC")).toList(), args + ": " + seen);
        }

        Map<String, String> lowLimit = new java.util.HashMap<>(env);
        lowLimit.put("POSMORTEM_C2_INPUTS", "2");
        for (List<String> args : List.of(List.of("triage", batch.toString()), List.of("triage", "-"), List.of("serve"))) {
            List<String> seen = run(cache, lowLimit, args.toArray(String[]::new)).out().lines().toList();
            assertTrue(seen.stream().noneMatch(a -> a.startsWith("-XX:TieredStopAtLevel") || a.matches("-XX:\\+Use.*GC")), args + ": " + seen);
            assertTrue(seen.containsAll(args), args + ": " + seen);
        }
    }

    /**
     * Class-data archives of replaced jars do not pile up: when a run writes a new archive, only the
     * three used last remain, and every run that maps an archive marks it as used. A stand-in java
     * writes the archive it is asked for.
     */
    @Test
    void onlyTheArchivesUsedLastAreKept(@TempDir Path cache) throws Exception {
        Path jdk = standInJdk(cache, "case $a in -XX:ArchiveClassesAtExit=*) printf archive > \"${a#*=}\" ;; esac");
        Path cds = Files.createDirectories(cache.resolve("cds"));
        long now = System.currentTimeMillis();
        List<Path> older = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Path old = cds.resolve("posmortem-17.0.9-" + i + "-100-7.jsa");
            Files.writeString(old, "archive");
            Files.setLastModifiedTime(old, FileTime.fromMillis(now - i * 3_600_000L));
            older.add(old);
        }
        Map<String, String> env = Map.of("JAVA_HOME", jdk.toString());

        assertEquals(0, run(cache, env, "triage", FOUNDING.toString()).exit());
        List<Path> kept = archives(cache);
        assertEquals(3, kept.size(), kept.toString());
        assertTrue(kept.containsAll(older.subList(0, 2)), "the two used last of the older ones stay: " + kept);
        Path written = kept.stream().filter(p -> !older.contains(p)).findFirst().orElseThrow();

        Files.setLastModifiedTime(written, FileTime.fromMillis(now - 10 * 3_600_000L));
        assertEquals(0, run(cache, env, "triage", FOUNDING.toString()).exit());
        assertEquals(kept, archives(cache), "a run that finds its archive writes none and removes none");
        assertTrue(Files.getLastModifiedTime(written).toMillis() > now - 3_600_000L, "the archive a run maps is marked as used");
    }

    /**
     * Java 25 and later get an AOT cache instead of a dynamic class-data archive. Read from a stand-in
     * Java 25 that logs each call's arguments and acts as a JVM does in each AOT mode: the first
     * triage records (-XX:AOTMode=record) and the launcher assembles the cache from the recording
     * (-XX:AOTMode=create) into the cache directory; the recording JVM's "AOTConfiguration recorded"
     * line, which the JVM prints whatever the logging options, never reaches the user while the
     * run's own stderr and stdout do; the next triage runs with -XX:AOTCache and its checksums
     * verified. A run that fails keeps its exit status and leaves no cache and no recording behind.
     */
    @Test
    void javaTwentyFiveGetsAnAotCache(@TempDir Path cache) throws Exception {
        Path calls = cache.resolve("calls");
        Path jdk = cache.resolve("jdk25");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, String.join("\n",
                "#!/bin/sh",
                "echo \"$*\" >> '" + calls + "'",
                "mode=; conf=; out=",
                "for a in \"$@\"; do case $a in",
                "  -XX:AOTMode=*) mode=${a#*=} ;;",
                "  -XX:AOTConfiguration=*) conf=${a#*=} ;;",
                "  -XX:AOTCache=*) out=${a#*=} ;;",
                "esac; done",
                "case $mode in",
                "  record) printf recording > \"$conf\"; echo 'the report'; echo 'a warning of the run' >&2;"
                        + " echo \" AOTConfiguration recorded: $conf\" >&2; exit ${STANDIN_EXIT:-0} ;;",
                "  create) printf cache > \"$out\"; echo 'assembly chatter'; echo 'assembly chatter' >&2; exit 0 ;;",
                "esac",
                "echo 'the report'; exit ${STANDIN_EXIT:-0}",
                ""));
        assertTrue(java.toFile().setExecutable(true));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");

        Path failing = cache.resolve("failing");
        Result failed = run(failing, Map.of("JAVA_HOME", jdk.toString(), "STANDIN_EXIT", "3"), "triage", FOUNDING.toString());
        assertEquals(3, failed.exit(), "the run's exit status comes through the filter");
        assertEquals("the report\n", failed.out());
        assertEquals("a warning of the run\n", failed.err());
        assertEquals(List.of(), archives(failing), "a failed run keeps no cache");
        try (Stream<Path> left = Files.list(failing.resolve("cds"))) {
            assertEquals(List.of(), left.toList(), "and leaves no recording");
        }
        assertEquals(1, Files.readAllLines(calls).size(), "no cache is assembled from a failed run");
        Files.delete(calls);

        Result first = run(cache, Map.of("JAVA_HOME", jdk.toString()), "triage", FOUNDING.toString());
        assertEquals(0, first.exit(), first.err());
        assertEquals("the report\n", first.out());
        assertEquals("a warning of the run\n", first.err(), "the recording line is dropped, the run's own stderr is not");
        List<String> lines = Files.readAllLines(calls);
        assertEquals(2, lines.size(), lines.toString());
        List<String> recordArgs = List.of(lines.get(0).split(" "));
        List<String> createArgs = List.of(lines.get(1).split(" "));
        assertTrue(recordArgs.contains("-XX:AOTMode=record") && recordArgs.contains("-jar"), recordArgs.toString());
        String recording = recordArgs.stream().filter(a -> a.startsWith("-XX:AOTConfiguration=")).findFirst().orElseThrow();
        assertTrue(recordArgs.stream().anyMatch(a -> a.startsWith("-Xlog:all=") && a.contains(",aot=off")), "Java 25 logs nothing of the AOT cache: " + recordArgs);
        assertTrue(createArgs.containsAll(List.of("-XX:AOTMode=create", recording, "-cp")) && !createArgs.contains("-jar"), createArgs.toString());
        List<Path> kept = archives(cache);
        assertEquals(1, kept.size(), kept.toString());
        assertTrue(kept.get(0).getFileName().toString().matches("posmortem-25\\.0\\.1-.*-5\\.aot"), "named after Java, jar and its own size: " + kept);
        try (Stream<Path> left = Files.list(cache.resolve("cds"))) {
            assertEquals(kept, left.toList(), "the recording is removed once the cache is assembled");
        }

        Result second = run(cache, Map.of("JAVA_HOME", jdk.toString()), "triage", FOUNDING.toString());
        assertEquals(0, second.exit(), second.err());
        List<String> used = List.of(Files.readAllLines(calls).get(2).split(" "));
        assertTrue(used.containsAll(List.of("-XX:AOTCache=" + kept.get(0), "-XX:+VerifySharedSpaces")), used.toString());
        assertTrue(used.stream().noneMatch(a -> a.startsWith("-XX:AOTMode")), used.toString());
    }

    /** Java 17 to 24 do not know the aot logging tag (the JVM refuses to start on one it does not know): the launcher names it only for Java 25 and later. */
    @Test
    void javaSeventeenIsNotGivenTheAotLoggingTag(@TempDir Path cache) throws Exception {
        Path jdk = standInJdk(cache, "echo \"$a\"");
        List<String> seen = run(cache, Map.of("JAVA_HOME", jdk.toString()), "triage", FOUNDING.toString()).out().lines().toList();
        assertTrue(seen.stream().anyMatch(a -> a.startsWith("-Xlog:all=")), seen.toString());
        assertTrue(seen.stream().noneMatch(a -> a.contains("aot")), seen.toString());
        assertTrue(seen.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=")), seen.toString());
    }

    @Test
    void withoutJavaTheLauncherSaysSo(@TempDir Path cache) throws Exception {
        // A PATH with the tools the launcher needs before it looks for Java, and no java.
        Path tools = Files.createDirectories(cache.resolve("tools"));
        for (String tool : List.of("dirname", "sed", "ls")) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                Path found = Path.of(dir, tool);
                if (Files.isExecutable(found) && !Files.exists(tools.resolve(tool))) Files.createSymbolicLink(tools.resolve(tool), found);
            }
        }
        Result r = run(cache, Map.of("JAVA_HOME", cache.resolve("no-java").toString(), "PATH", tools.toString()), "rope", "--head-dim", "128");
        assertEquals(127, r.exit());
        assertTrue(r.err().contains("no Java found") && r.err().contains("Java 17"), r.err());
        assertTrue(r.out().isEmpty());
    }

}
