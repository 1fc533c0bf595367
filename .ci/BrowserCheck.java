import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The browser check of serve's pages, in a real headless Chromium driven over the Chrome DevTools
 * Protocol with the JDK alone (java.net.http's WebSocket; no dependency, run as a single-file
 * program: {@code java .ci/BrowserCheck.java BASE_URL SYMPTOM_FILE OUT_DIR}).
 *
 * <p>At each viewport (1280x900, a desktop; 390x844, a phone) it loads {@code BASE_URL/}, chooses
 * the symptom file in the form's file input (DOM.setFileInputFiles), clicks the submit button with
 * a real mouse event, waits for the report, and fails unless: the first verdict box is visible
 * inside the viewport's width and says "diagnosed:"; neither page overflows horizontally
 * ({@code document.scrollingElement.scrollWidth <= innerWidth}) nor has any SVG wider than the
 * page; and the browser logged nothing (console messages, exceptions, CSP violations, failed
 * loads). Full-page screenshots of both pages at both widths go to OUT_DIR.
 *
 * <p>Chromium is found as $CHROMIUM, else chromium, chromium-browser or google-chrome on the PATH.
 * Exit 0 on success, 1 when a check fails, 2 when the browser cannot be started.
 */
public final class BrowserCheck {

    record Viewport(String name, int width, int height, boolean mobile) {}

    static final List<Viewport> VIEWPORTS = List.of(new Viewport("1280", 1280, 900, false), new Viewport("390", 390, 844, true));

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java .ci/BrowserCheck.java BASE_URL SYMPTOM_FILE OUT_DIR");
            System.exit(2);
        }
        String base = args[0].replaceAll("/+$", "");
        Path symptoms = Path.of(args[1]).toAbsolutePath();
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        Path profile = Files.createTempDirectory("posmortem-chromium-");
        Process browser = launch(profile, out.resolve("chromium.log"));
        List<String> failures = new ArrayList<>();
        try {
            int port = devToolsPort(profile, browser);
            for (Viewport v : VIEWPORTS) failures.addAll(check(port, v, base, symptoms, out));
        } finally {
            browser.destroy();
            if (!browser.waitFor(10, TimeUnit.SECONDS)) browser.destroyForcibly();
            deleteTree(profile);
        }
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.err.println("browser-check: FAIL " + f));
            System.exit(1);
        }
        System.out.println("browser-check: ok at " + VIEWPORTS.stream().map(v -> v.width() + "x" + v.height()).toList()
                + ": form submitted, verdict visible, no horizontal overflow, no console messages; screenshots in " + out);
    }

    /** Starts headless Chromium with a fresh profile and an ephemeral DevTools port. */
    static Process launch(Path profile, Path log) throws IOException {
        String binary = System.getenv("CHROMIUM");
        if (binary == null || binary.isBlank()) {
            for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
                for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
                    if (binary == null && Files.isExecutable(Path.of(dir, name))) binary = Path.of(dir, name).toString();
                }
            }
        }
        if (binary == null) {
            System.err.println("browser-check: no Chromium found (Debian: apt-get install chromium, or set CHROMIUM)");
            System.exit(2);
        }
        return new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The port Chromium wrote to DevToolsActivePort in its profile (first line). */
    static int devToolsPort(Path profile, Process browser) throws Exception {
        Path file = profile.resolve("DevToolsActivePort");
        for (int i = 0; i < 300; i++) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) return Integer.parseInt(lines.get(0).trim());
            }
            if (!browser.isAlive()) break;
            Thread.sleep(100);
        }
        System.err.println("browser-check: Chromium did not open its DevTools port (see chromium.log)");
        System.exit(2);
        return -1;
    }

    /** One viewport: a fresh tab, the form, the upload, the report; what went wrong, if anything. */
    static List<String> check(int port, Viewport v, String base, Path symptoms, Path out) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/new?about:blank"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<?, ?> target = (Map<?, ?>) Json.parse(created);
        List<String> failures = new ArrayList<>();
        try (Cdp cdp = Cdp.connect(http, (String) target.get("webSocketDebuggerUrl"))) {
            cdp.call("Page.enable", Map.of());
            cdp.call("Runtime.enable", Map.of());
            cdp.call("Log.enable", Map.of());
            cdp.call("Network.enable", Map.of());
            cdp.call("Emulation.setDeviceMetricsOverride", Map.of("width", v.width(), "height", v.height(), "deviceScaleFactor", 1,
                    "mobile", v.mobile()));
            cdp.navigate(base + "/");
            failures.addAll(layout(cdp, v, "form page"));
            screenshot(cdp, v, out.resolve("form-" + v.name() + ".png"));

            Map<?, ?> doc = cdp.call("DOM.getDocument", Map.of());
            Object root = ((Map<?, ?>) doc.get("root")).get("nodeId");
            Object input = cdp.call("DOM.querySelector", Map.of("nodeId", root, "selector", "input[name=symptoms_file]")).get("nodeId");
            cdp.call("DOM.setFileInputFiles", Map.of("nodeId", input, "files", List.of(symptoms.toString())));
            Object button = cdp.call("DOM.querySelector", Map.of("nodeId", root, "selector", "form button[type=submit]")).get("nodeId");
            cdp.call("DOM.scrollIntoViewIfNeeded", Map.of("nodeId", button));
            List<?> quad = (List<?>) ((Map<?, ?>) cdp.call("DOM.getBoxModel", Map.of("nodeId", button)).get("model")).get("content");
            double x = (num(quad.get(0)) + num(quad.get(4))) / 2;
            double y = (num(quad.get(1)) + num(quad.get(5))) / 2;
            cdp.events.clear();
            for (String type : new String[] {"mousePressed", "mouseReleased"}) {
                cdp.call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
            }
            cdp.awaitLoad();
            Map<?, ?> status = cdp.evaluate("""
                    (() => { const e = performance.getEntriesByType('navigation')[0];
                      return {status: e ? e.responseStatus : -1, url: location.href}; })()""");
            if (num(status.get("status")) != 200 || !String.valueOf(status.get("url")).endsWith("/report")) {
                failures.add(v.name() + ": the form's post did not answer 200 at /report: " + status);
            }
            Map<?, ?> verdict = cdp.evaluate("""
                    (() => { const a = document.querySelector('.answer');
                      if (!a) return {found: false};
                      const r = a.getBoundingClientRect(); const s = getComputedStyle(a);
                      return {found: true, text: a.innerText.slice(0, 200), left: r.left, right: r.right, width: r.width, height: r.height,
                              visible: s.visibility === 'visible' && s.display !== 'none' && s.opacity !== '0', innerWidth: innerWidth}; })()""");
            if (!Boolean.TRUE.equals(verdict.get("found"))) {
                failures.add(v.name() + ": no verdict box (.answer) on the report page");
            } else if (!Boolean.TRUE.equals(verdict.get("visible")) || num(verdict.get("width")) <= 0 || num(verdict.get("height")) <= 0
                    || num(verdict.get("left")) < 0 || num(verdict.get("right")) > num(verdict.get("innerWidth")) + 0.5
                    || !String.valueOf(verdict.get("text")).contains("diagnosed:")) {
                failures.add(v.name() + ": the verdict is not visible inside the viewport: " + verdict);
            }
            failures.addAll(layout(cdp, v, "report page"));
            screenshot(cdp, v, out.resolve("report-" + v.name() + ".png"));
            for (String message : cdp.messages) failures.add(v.name() + ": browser message: " + message);
        }
        return failures;
    }

    /** No horizontal overflow of the page, and no SVG or table box wider than the viewport. */
    static List<String> layout(Cdp cdp, Viewport v, String page) throws Exception {
        Map<?, ?> m = cdp.evaluate("""
                (() => { const wide = [];
                  for (const e of document.querySelectorAll('svg, .scroll, figure, pre, h1, h2, p, li')) {
                    const r = e.getBoundingClientRect();
                    if (r.right > innerWidth + 0.5 || r.left < -0.5) wide.push(e.tagName.toLowerCase() + '.' + (e.getAttribute('class') || '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
                  }
                  return {scrollWidth: document.scrollingElement.scrollWidth, innerWidth: innerWidth, wide: wide.slice(0, 5),
                          svgs: document.querySelectorAll('svg').length}; })()""");
        List<String> failures = new ArrayList<>();
        // With mobile emulation a page wider than the screen widens the layout viewport (innerWidth) to fit: that is overflow too.
        if (num(m.get("innerWidth")) != v.width()) {
            failures.add(v.name() + ": the " + page + " widened the layout viewport to " + m.get("innerWidth") + " px (screen " + v.width() + " px)");
        }
        if (num(m.get("scrollWidth")) > num(m.get("innerWidth"))) {
            failures.add(v.name() + ": the " + page + " overflows horizontally (scrollWidth " + m.get("scrollWidth") + " > innerWidth "
                    + m.get("innerWidth") + ")");
        }
        if (!((List<?>) m.get("wide")).isEmpty()) failures.add(v.name() + ": on the " + page + " these stick out of the viewport: " + m.get("wide"));
        return failures;
    }

    /** A full-page PNG: the viewport stretched to the page's height for the capture, then restored. */
    static void screenshot(Cdp cdp, Viewport v, Path file) throws Exception {
        Map<?, ?> metrics = cdp.call("Page.getLayoutMetrics", Map.of());
        double height = Math.min(16000, num(((Map<?, ?>) metrics.get("cssContentSize")).get("height")));
        cdp.call("Emulation.setDeviceMetricsOverride", Map.of("width", v.width(), "height", (int) Math.max(v.height(), Math.ceil(height)),
                "deviceScaleFactor", 1, "mobile", v.mobile()));
        Map<?, ?> shot = cdp.call("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        cdp.call("Emulation.setDeviceMetricsOverride", Map.of("width", v.width(), "height", v.height(), "deviceScaleFactor", 1, "mobile", v.mobile()));
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }

    /** One DevTools session over a WebSocket: numbered calls answered by id, events queued, browser messages collected. */
    static final class Cdp implements AutoCloseable, WebSocket.Listener {
        final AtomicInteger ids = new AtomicInteger();
        final Map<Integer, CompletableFuture<Map<?, ?>>> pending = new ConcurrentHashMap<>();
        final LinkedBlockingQueue<Map<?, ?>> events = new LinkedBlockingQueue<>();
        final List<String> messages = new CopyOnWriteArrayList<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Cdp connect(HttpClient http, String url) throws Exception {
            Cdp cdp = new Cdp();
            cdp.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).buildAsync(URI.create(url), cdp).get(20, TimeUnit.SECONDS);
            return cdp;
        }

        Map<?, ?> call(String method, Map<String, ?> params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<Map<?, ?>> answer = new CompletableFuture<>();
            pending.put(id, answer);
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("id", id);
            message.put("method", method);
            message.put("params", params);
            synchronized (this) {
                socket.sendText(Json.write(message), true).get(20, TimeUnit.SECONDS);
            }
            Map<?, ?> reply = answer.get(60, TimeUnit.SECONDS);
            if (reply.containsKey("error")) throw new IllegalStateException(method + " failed: " + Json.write(reply.get("error")));
            return (Map<?, ?>) reply.get("result");
        }

        void navigate(String url) throws Exception {
            events.clear();
            call("Page.navigate", Map.of("url", url));
            awaitLoad();
        }

        /** Waits for the main frame's load event (60 s at most). */
        void awaitLoad() throws Exception {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < end) {
                Map<?, ?> e = events.poll(500, TimeUnit.MILLISECONDS);
                if (e != null && "Page.loadEventFired".equals(e.get("method"))) return;
            }
            throw new IllegalStateException("the page did not finish loading within 60 s");
        }

        Map<?, ?> evaluate(String expression) throws Exception {
            Map<?, ?> r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
            if (r.containsKey("exceptionDetails")) throw new IllegalStateException("evaluation failed: " + Json.write(r.get("exceptionDetails")));
            return (Map<?, ?>) ((Map<?, ?>) r.get("result")).get("value");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                Map<?, ?> message = (Map<?, ?>) Json.parse(partial.toString());
                partial.setLength(0);
                Object id = message.get("id");
                if (id instanceof Number n) {
                    CompletableFuture<Map<?, ?>> f = pending.remove(n.intValue());
                    if (f != null) f.complete(message);
                } else {
                    note(message);
                    events.add(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        /** Anything the page logs is a failure: the pages have no scripts, so a message means a load, parse or policy error. */
        void note(Map<?, ?> event) {
            Object method = event.get("method");
            Map<?, ?> params = (Map<?, ?>) event.get("params");
            if ("Runtime.consoleAPICalled".equals(method)) messages.add("console." + params.get("type") + ": " + Json.write(params.get("args")));
            if ("Runtime.exceptionThrown".equals(method)) messages.add("exception: " + Json.write(params.get("exceptionDetails")));
            if ("Log.entryAdded".equals(method)) {
                Map<?, ?> entry = (Map<?, ?>) params.get("entry");
                messages.add(entry.get("level") + " (" + entry.get("source") + "): " + entry.get("text") + " " + (entry.get("url") == null ? "" : entry.get("url")));
            }
            if ("Network.loadingFailed".equals(method) && !Boolean.TRUE.equals(params.get("canceled"))) {
                messages.add("load failed: " + params.get("errorText") + " " + (params.get("blockedReason") == null ? "" : params.get("blockedReason")));
            }
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    /** Just enough JSON for the protocol: objects, arrays, strings, numbers, booleans, null. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            Object v = p.value();
            p.space();
            if (p.i != text.length()) throw new IllegalArgumentException("trailing JSON at " + p.i);
            return v;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        private Object value() {
            space();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                space();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    space();
                    String k = string();
                    space();
                    i++; // ':'
                    m.put(k, value());
                    space();
                    if (s.charAt(i++) == '}') return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                space();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    space();
                    if (s.charAt(i++) == ']') return l;
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return false;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            return Double.parseDouble(s.substring(start, i));
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++; // opening quote
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        static String write(Object v) {
            if (v == null) return "null";
            if (v instanceof String str) {
                StringBuilder b = new StringBuilder("\"");
                for (char c : str.toCharArray()) {
                    if (c == '"' || c == '\\') b.append('\\').append(c);
                    else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
                return b.append('"').toString();
            }
            if (v instanceof Map<?, ?> m) {
                StringBuilder b = new StringBuilder("{");
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (b.length() > 1) b.append(',');
                    b.append(write(String.valueOf(e.getKey()))).append(':').append(write(e.getValue()));
                }
                return b.append('}').toString();
            }
            if (v instanceof List<?> l) {
                StringBuilder b = new StringBuilder("[");
                for (Object o : l) {
                    if (b.length() > 1) b.append(',');
                    b.append(write(o));
                }
                return b.append(']').toString();
            }
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString(d.longValue());
            return String.valueOf(v);
        }
    }
}
