package io.perfect21.p21mon.audit;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JcsTest {

    @Test
    void numbersFollowEcmaScriptAsRfc8785Shows() {
        assertThat(Jcs.number(0.0)).isEqualTo("0");
        assertThat(Jcs.number(-0.0)).isEqualTo("0");
        assertThat(Jcs.number(1e21)).isEqualTo("1e+21");
        assertThat(Jcs.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(Jcs.number(1e-7)).isEqualTo("1e-7");
        assertThat(Jcs.number(1e-6)).isEqualTo("0.000001");
        assertThat(Jcs.number(4.5)).isEqualTo("4.5");
        assertThat(Jcs.number(0.002)).isEqualTo("0.002");
        assertThat(Jcs.number(333333333.3333333)).isEqualTo("333333333.3333333");
        assertThat(Jcs.number(5e-324)).isEqualTo("5e-324");
        assertThat(Jcs.number(1.7976931348623157e308)).isEqualTo("1.7976931348623157e+308");
        assertThat(Jcs.number(-1.7976931348623157e308)).isEqualTo("-1.7976931348623157e+308");
        assertThat(Jcs.number(9007199254740994.0)).isEqualTo("9007199254740994");
        assertThat(Jcs.number(295147905179352830000.0)).isEqualTo("295147905179352830000");
        assertThat(Jcs.number(Long.valueOf(42))).isEqualTo("42");
        assertThat(Jcs.number(Long.valueOf(Long.MAX_VALUE))).isEqualTo("9223372036854776000");
    }

    @Test
    void stringsUseMinimalEscapingAndKeysSortByUtf16() {
        ByteBuf b = new ByteBuf(16);
        Jcs.string(b, "\u20ac$\u000f\nA'B\"\\\\\"/");
        assertThat(b.toString()).isEqualTo("\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"");

        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of("\u20ac", "\r", "\ufb33", "1", "\ud83d\ude00", "\u0080", "\u00f6")) {
            m.put(k, k.length());
        }
        ByteBuf o = new ByteBuf(16);
        Jcs.object(o, m);
        assertThat(o.toString()).isEqualTo("{\"\\r\":1,\"1\":1,\"\u0080\":1,\"ö\":1,\"€\":1,\"😀\":2,\"דּ\":1}");
    }

    @Test
    void pythonFloatReprForTheReferenceChecksum() {
        assertThat(ReferenceChecksum.pyFloat(1e-05)).isEqualTo("1e-05");
        assertThat(ReferenceChecksum.pyFloat(0.0001)).isEqualTo("0.0001");
        assertThat(ReferenceChecksum.pyFloat(1e16)).isEqualTo("1e+16");
        assertThat(ReferenceChecksum.pyFloat(1234567890123456.0)).isEqualTo("1234567890123456.0");
        assertThat(ReferenceChecksum.pyFloat(12.345)).isEqualTo("12.345");
        assertThat(ReferenceChecksum.pyFloat(2.5)).isEqualTo("2.5");
        assertThat(ReferenceChecksum.pyFloat(100.0)).isEqualTo("100.0");
    }
}
