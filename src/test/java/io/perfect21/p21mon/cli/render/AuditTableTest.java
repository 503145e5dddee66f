package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.audit.AuditEvent;
import io.perfect21.p21mon.audit.AuditEventType;
import io.perfect21.p21mon.audit.AuditLevel;
import io.perfect21.p21mon.audit.AuditRecord;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTableTest {
    private static String table(long seq, String resource) {
        AuditEvent e = AuditEvent.of(AuditEventType.USER_ACTION, AuditLevel.INFO, "alice", "export").withResource(resource);
        StringWriter s = new StringWriter();
        Renderers.render(new AuditRecord(seq, e, AuditRecord.GENESIS, "h".repeat(64)), "table", new PrintWriter(s),
                Style.PLAIN);
        return s.toString();
    }

    @Test
    void aSeqIsNeverCutWhereALongCellIs() {
        String[] lines = table(12_345_678_901_234L, "/" + "r".repeat(40)).split("\n");
        assertThat(lines[1]).contains(" 12345678901234  ").contains("/" + "r".repeat(22) + "…");
        String[] ten = table(1_234_567_890L, "/x").split("\n");
        // up to ten digits the columns stay aligned with the header
        assertThat(ten[1].indexOf("user_action")).isEqualTo(ten[0].indexOf("TYPE"));
    }
}
