package io.posmortem.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@code serve} accepts before reading a body: Host, Origin, content type, reload token. */
class RequestPolicyTest {

    final RequestPolicy loopbackOnly = new RequestPolicy(Set.of());
    final RequestPolicy withName = new RequestPolicy(Set.of("Triage.Example.org"));

    @Test
    void hostMustNameThisMachineOrAnAllowedName() {
        for (String ok : new String[] {"localhost", "localhost:8080", "LOCALHOST.", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:8080"}) {
            assertTrue(loopbackOnly.hostAllowed(ok), ok);
        }
        for (String bad : new String[] {"evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.2", "[::2]", "", " ", "0.0.0.0"}) {
            assertFalse(loopbackOnly.hostAllowed(bad), bad);
        }
        assertFalse(loopbackOnly.hostAllowed(null));
        assertFalse(loopbackOnly.hostAllowed("triage.example.org"));
        assertTrue(withName.hostAllowed("triage.example.org:443"));
        assertTrue(withName.hostAllowed("TRIAGE.example.org"));
    }

    @Test
    void originIsFineWhenAbsentAndMustNameAnAllowedHostWhenPresent() {
        assertTrue(loopbackOnly.originAllowed(null));
        assertTrue(loopbackOnly.originAllowed("http://localhost:3000"));
        assertTrue(loopbackOnly.originAllowed("https://127.0.0.1"));
        assertTrue(loopbackOnly.originAllowed("http://[::1]:8080"));
        for (String bad : new String[] {"null", "", "http://evil.example", "http://localhost.evil.example", "file://localhost", "chrome-extension://abc",
                "http://127.0.0.1@evil.example", "not a uri"}) {
            assertFalse(loopbackOnly.originAllowed(bad), bad);
        }
        assertTrue(withName.originAllowed("https://triage.example.org"));
    }

    @Test
    void onlyYamlAndJsonBodiesAreAccepted() {
        for (String ok : new String[] {"application/yaml", "application/x-yaml", "text/yaml", "application/json", "Application/JSON; charset=utf-8"}) {
            assertTrue(RequestPolicy.symptomType(ok), ok);
        }
        // The CORS-simple types a browser sends cross-site without asking first, and others.
        for (String bad : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/xml",
                "application/jsonx", "text/yaml2"}) {
            assertFalse(RequestPolicy.symptomType(bad), bad);
        }
        assertFalse(RequestPolicy.symptomType(null));
    }

    @Test
    void hostPartOfAHostHeader() {
        assertEquals("localhost", RequestPolicy.hostOf("localhost:80"));
        assertEquals("[::1]", RequestPolicy.hostOf("[::1]:80"));
        assertEquals("[::1]", RequestPolicy.hostOf("[::1]"));
        assertEquals("example.org", RequestPolicy.hostOf("example.org"));
        assertEquals("[::1]", RequestPolicy.normalHost("::1"));
    }

    @Test
    void reloadTokenMustMatchExactly() {
        byte[] expected = RequestPolicy.digest("s3cret-token-0123456789");
        assertTrue(RequestPolicy.tokenMatches("Bearer s3cret-token-0123456789", expected));
        assertTrue(RequestPolicy.tokenMatches("bearer s3cret-token-0123456789 ", expected));
        assertFalse(RequestPolicy.tokenMatches("Bearer s3cret-token-012345678", expected));
        assertFalse(RequestPolicy.tokenMatches("Bearer s3cret-token-01234567890", expected));
        assertFalse(RequestPolicy.tokenMatches("s3cret-token-0123456789", expected));
        assertFalse(RequestPolicy.tokenMatches("Basic s3cret-token-0123456789", expected));
        assertFalse(RequestPolicy.tokenMatches(null, expected));
        assertFalse(RequestPolicy.tokenMatches("Bearer ", expected));
    }
}
