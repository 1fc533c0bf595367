package io.posmortem.intake.results;

import io.posmortem.intake.InvalidInputException;
import io.posmortem.intake.LocatedDocument;
import io.posmortem.intake.SourceText;
import io.posmortem.model.Problem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * One results file as {@code import} reads it: the path, the name it was given by (reported, never
 * made absolute) and the bounds. JSON documents are parsed whole (located, for pointers and lines);
 * line files are streamed, each line bounded.
 */
final class ResultsInput {
    private static final JsonMapper LINE_JSON = JsonMapper.builder().build();


    /** Called for each line of a streamed file. */
    interface LineHandler {
        void line(int number, String text) throws InvalidInputException;
    }

    private final Path path;
    private final String name;
    private final ResultsLimits limits;

    ResultsInput(Path path, String name, ResultsLimits limits) {
        this.path = path;
        this.name = name;
        this.limits = limits;
    }

    String name() {
        return name;
    }

    Path path() {
        return path;
    }

    ResultsLimits limits() {
        return limits;
    }

    /** The file's first {@code max} bytes as text (for detection by content); malformed bytes replaced. */
    String head(int max) throws InvalidInputException {
        SourceText.checkRegular(path);
        try (InputStream in = Files.newInputStream(path)) {
            return new String(in.readNBytes(max), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw fail("input.not-found", "", 0, "file not found", null, "check the path");
        } catch (IOException e) {
            throw fail("input.unreadable", "", 0, "cannot read file: " + e.getMessage(), null, null);
        }
    }

    /** The file as one located JSON document, at most {@link ResultsLimits#maxDocumentBytes()}. */
    LocatedDocument document() throws InvalidInputException {
        SourceText.checkRegular(path);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(limits.maxDocumentBytes() + 1);
        } catch (IOException e) {
            throw fail("input.unreadable", "", 0, "cannot read file: " + e.getMessage(), null, null);
        }
        if (bytes.length > limits.maxDocumentBytes()) {
            throw fail("results.too-large", "", 0, "the results document is larger than " + limits.maxDocumentBytes() + " bytes",
                    "a results JSON of at most " + limits.maxDocumentBytes() + " bytes",
                    "import the per-task files one by one, or convert the results to JSON Lines (streamed)");
        }
        try {
            SourceText text = SourceText.of(name, bytes);
            return LocatedDocument.parse(text, LocatedDocument.Syntax.JSON);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.problems().stream().map(ResultsInput::recode).toList());
        }
    }

    /**
     * Streams the file line by line (UTF-8, strict), giving each non-blank line to {@code handler};
     * refuses a file past the byte, row or line bounds as {@code results.too-large}.
     */
    void lines(LineHandler handler) throws InvalidInputException {
        SourceText.checkRegular(path);
        try (InputStream raw = Files.newInputStream(path);
             Reader reader = new java.io.BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 65536)) {
            StringBuilder line = new StringBuilder();
            long chars = 0;
            int[] counters = {0, 0}; // line number, non-blank rows
            int c;
            while ((c = reader.read()) != -1) {
                if (++chars > limits.maxStreamBytes()) {
                    throw fail("results.too-large", "", counters[0] + 1, "the file is larger than " + limits.maxStreamBytes() + " characters",
                            "a results file of at most " + limits.maxStreamBytes() + " characters", "split it, or import fewer tasks at once");
                }
                if (c == '\n') {
                    emit(line, counters, handler);
                } else if (line.length() >= limits.maxLineChars()) {
                    throw fail("results.too-large", "", counters[0] + 1, "line " + (counters[0] + 1) + " is longer than "
                            + limits.maxLineChars() + " characters", "lines of at most " + limits.maxLineChars() + " characters", null);
                } else {
                    line.append((char) c);
                }
            }
            if (line.length() > 0) emit(line, counters, handler);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw fail("results.malformed", "", 0, "the file is not valid UTF-8", "UTF-8 text", "re-save the file as UTF-8");
        } catch (NoSuchFileException e) {
            throw fail("input.not-found", "", 0, "file not found", null, "check the path");
        } catch (IOException e) {
            throw fail("input.unreadable", "", 0, "cannot read file: " + e.getMessage(), null, null);
        }
    }

    private void emit(StringBuilder line, int[] counters, LineHandler handler) throws InvalidInputException {
        int number = ++counters[0];
        String text = line.toString();
        line.setLength(0);
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        if (text.isBlank()) return;
        if (++counters[1] > limits.maxRows()) {
            throw fail("results.too-large", "", number, "the file has more than " + limits.maxRows() + " rows",
                    "at most " + limits.maxRows() + " rows", "split it, or import fewer tasks at once");
        }
        if (text.indexOf('\0') >= 0) {
            throw fail("results.malformed", "", number, "line " + number + " holds a NUL character (binary data)", "UTF-8 text", null);
        }
        handler.line(number, text);
    }

    /** A problem in this file at {@code pointer} and {@code line} (0 when unknown). */
    Problem problem(String code, String pointer, int line, String message, String expected, String hint) {
        return new Problem(code, name, pointer, line, 0, message, expected, hint);
    }

    /**
     * Line {@code number} of a JSON Lines file as one JSON object, or null after adding a
     * {@code results.malformed} problem for it (not JSON, or JSON that is not an object).
     */
    JsonNode objectLine(int number, String text, List<Problem> problems) {
        JsonNode record;
        try {
            record = LINE_JSON.readTree(text);
        } catch (JacksonException e) {
            problems.add(problem("results.malformed", "", number, "line " + number + " is not JSON: " + e.getOriginalMessage(),
                    "one JSON object per line", null));
            return null;
        }
        if (!record.isObject()) {
            problems.add(problem("results.malformed", "", number, "line " + number + " is not a JSON object", "one JSON object per line", null));
            return null;
        }
        return record;
    }

    InvalidInputException fail(String code, String pointer, int line, String message, String expected, String hint) {
        return new InvalidInputException(List.of(problem(code, pointer, line, message, expected, hint)));
    }

    /** The symptom-file codes of a document's own checks, as results problems (syntax and shape become malformed). */
    private static Problem recode(Problem p) {
        String code = switch (p.code()) {
            case "input.too-large", "input.too-deep", "input.too-many-nodes" -> "results.too-large";
            case "input.not-found", "input.unreadable", "input.not-regular" -> p.code();
            default -> "results.malformed";
        };
        return new Problem(code, p.source(), p.pointer(), p.line(), p.column(), p.message(), p.expected(), p.hint());
    }
}
