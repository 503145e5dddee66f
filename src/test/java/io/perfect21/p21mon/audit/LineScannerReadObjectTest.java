package io.perfect21.p21mon.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit package reads JSON objects with its own tokenizer: the same values as Jackson, the same refusals. */
class LineScannerReadObjectTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static Map<String, Object> read(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return new LineScanner().readObject(b, 0, b.length);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jackson(String json) throws Exception {
        return (Map<String, Object>) widen(JACKSON.readValue(json, Map.class));
    }

    /** Jackson gives Integer where it fits; the audit reader gives Long, as the codec always did. */
    private static Object widen(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, widen(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(widen(x)));
            return out;
        }
        return v;
    }

    @Test
    void readsWhatJacksonReads() throws Exception {
        for (String json : List.of(
                "{}",
                " { \"a\" : 1 , \"b\" : [ ] , \"c\" : { } } ",
                "{\"s\":\"plain\",\"e\":\"q\\\"b\\\\s\\/n\\nt\\tr\\rb\\bf\\f\",\"u\":\"\\u00e9\\ud83d\\ude00 é 😀\"}",
                "{\"n\":[0,-1,9223372036854775807,-9223372036854775808,9223372036854775808,1234567890123456789012]}",
                "{\"f\":[1.5,-0.25,1e3,2E-2,0.0,-0]}",
                "{\"t\":true,\"f\":false,\"z\":null,\"deep\":{\"a\":[{\"b\":[[1],[2,{\"c\":null}]]}]}}",
                "{\"dup\":1,\"dup\":2}")) {
            assertThat(read(json)).as(json).isEqualTo(jackson(json));
        }
        assertThat(read("{\"n\":9223372036854775808}").get("n")).isInstanceOf(BigInteger.class);
        assertThat(read("{\"n\":123}").get("n")).isInstanceOf(Long.class);
    }

    @Test
    void randomObjectsRoundTripAsJacksonWritesThem() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            Map<String, Object> value = object(random, 0);
            String json = JACKSON.writeValueAsString(value);
            assertThat(read(json)).as(json).isEqualTo(jackson(json));
        }
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        for (String json : List.of("", "[1]", "{\"a\":01}", "{\"a\":1,}", "{\"a\":\"x}", "{\"a\":1} x", "{a:1}",
                "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\u0001\"}", "{\"a\":1.}", "{\"a\":-}")) {
            LineScanner scanner = new LineScanner();
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            assertThat(scanner.readObject(b, 0, b.length)).as(json).isNull();
            assertThat(scanner.error).as(json).isNotBlank();
        }
    }

    private static Map<String, Object> object(Random r, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            m.put(text(r), value(r, depth + 1));
        }
        return m;
    }

    private static Object value(Random r, int depth) {
        switch (r.nextInt(depth > 3 ? 5 : 7)) {
            case 0: return text(r);
            case 1: return r.nextLong();
            case 2: return r.nextDouble() * 1e6 - 5e5;
            case 3: return r.nextBoolean();
            case 4: return null;
            case 5: return object(r, depth);
            default: {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    l.add(value(r, depth + 1));
                }
                return l;
            }
        }
    }

    private static String text(Random r) {
        int[] alphabet = "ab \"\\/\n\t\u0001é中😀".codePoints().toArray();
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            sb.appendCodePoint(alphabet[r.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }
}
