package io.perfect21.p21mon.health;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerfdataTest {
    @Test
    void formatsAsTheGuidelinesSay() {
        assertThat(new Perfdata("time", 12.5, "ms", "100", "500", 0.0, null).format()).isEqualTo("'time'=12.5ms;100;500;0");
        assertThat(Perfdata.of("it's", 3, "").format()).isEqualTo("'it''s'=3");
        assertThat(new Perfdata("u", null, "s", "", "", null, null).format()).isEqualTo("'u'=U");
    }

    @Test
    void parsesQuotedLabelsUnitsAndEmptyFields() {
        List<Perfdata> p = Perfdata.parseAll("'disk /'=40%;80;90;0;100 load1=0.5;;;0 'a b''c'=U time=1.5e2ms");
        assertThat(p).hasSize(4);
        assertThat(p.get(0)).isEqualTo(new Perfdata("disk /", 40.0, "%", "80", "90", 0.0, 100.0));
        assertThat(p.get(1)).isEqualTo(new Perfdata("load1", 0.5, "", "", "", 0.0, null));
        assertThat(p.get(2).label()).isEqualTo("a b'c");
        assertThat(p.get(2).value()).isNull();
        assertThat(p.get(3).value()).isEqualTo(150.0);
        assertThat(p.get(3).uom()).isEqualTo("ms");
    }

    @Test
    void roundTrips() {
        Perfdata d = new Perfdata("x y", -1.25, "B", "@10:20", "~:5", null, 9.0);
        assertThat(Perfdata.parseAll(d.format())).containsExactly(d);
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> Perfdata.parseAll("hello world")).hasMessageContaining("malformed perfdata");
        assertThatThrownBy(() -> Perfdata.parseAll("a=abc")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Perfdata.parseAll("a=1;x:y")).hasMessageContaining("not a threshold range");
    }

    @Test
    void pluginOutputSplitsTextLongOutputAndPerfdata() {
        PluginOutput o = PluginOutput.parse("DISK OK - free space | /=2643MB;5948;5958;0;5968\n/ 15272 MB (77%);\n"
                + "/boot 68 MB (69%); | /boot=68MB;88;93;0;98\n/home=69357MB;253404;253409;0;253414\n");
        assertThat(o.text()).isEqualTo("DISK OK - free space");
        assertThat(o.longOutput()).isEqualTo("/ 15272 MB (77%);\n/boot 68 MB (69%); ");
        assertThat(o.perfdata()).extracting(Perfdata::label).containsExactly("/", "/boot", "/home");
        assertThatThrownBy(() -> PluginOutput.parse("")).hasMessageContaining("printed nothing");
        assertThatThrownBy(() -> PluginOutput.parse("OK \u0001\u0002")).hasMessageContaining("binary");
    }
}
