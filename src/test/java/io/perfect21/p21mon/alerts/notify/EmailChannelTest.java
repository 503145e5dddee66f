package io.perfect21.p21mon.alerts.notify;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.perfect21.p21mon.alerts.Alert;
import io.perfect21.p21mon.alerts.Notification;
import io.perfect21.p21mon.alerts.Notifier;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Email through GreenMail (in-process SMTP and SMTPS servers with a user): the message arrives with its subject, a
 * plain-text and an HTML part, and the alert's labels; authentication is required and checked; STARTTLS required
 * against a server that does not offer it is refused, not silently sent in clear text. (GreenMail 2.1 has no STARTTLS
 * command, so TLS with authentication is shown over SMTPS.)
 */
class EmailChannelTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(setups())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", "s3cret"));

    @TempDir
    Path state;

    /** SMTP and SMTPS on free ports; a start-up timeout a busy machine's TLS set-up fits in (GreenMail's is 2 s). */
    static ServerSetup[] setups() {
        ServerSetup[] setups = {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()};
        for (ServerSetup s : setups) {
            s.setServerStartupTimeout(30_000);
        }
        return setups;
    }

    static Notification notification() {
        Alert a = new Alert(Notifier.labels("alertname", "DiskFull", "severity", "critical", "instance", "web1"),
                Notifier.labels("summary", "disk / at 97%", "description", "resize <now> & then"),
                "firing", Instant.parse("2026-11-26T10:00:00Z"), null, null);
        return new Notification("p21mon-test", "{}:{alertname=\"DiskFull\"}", Map.of("alertname", "DiskFull"),
                List.of(a), null);
    }

    EmailChannel channel(int port, String password, boolean starttls, boolean ssl) {
        return new EmailChannel("mail", new EmailChannel.Settings("127.0.0.1", port, "alerts", password,
                "p21mon@example.com", List.of("oncall@example.com"), starttls, ssl, true), Duration.ofSeconds(5));
    }

    @Test
    void theMessageArrivesWithSubjectBothPartsAndLabels() throws Exception {
        Notification n = notification();
        channel(MAIL.getSmtp().getPort(), "s3cret", false, false).send(n);
        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage m = MAIL.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("[FIRING:1] DiskFull - disk / at 97%");
        assertThat(m.getMessageID()).isEqualTo("<" + n.id() + "@p21mon>");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain");
        assertThat((String) text.getContent()).contains("FIRING DiskFull", "instance=web1", "severity=critical",
                "summary: disk / at 97%");
        assertThat(html.getContentType()).startsWith("text/html");
        assertThat((String) html.getContent()).contains("<td>instance</td><td>web1</td>", "resize &lt;now&gt; &amp; then");
    }

    @Test
    void tlsWithAuthenticationOverSmtps() throws Exception {
        channel(MAIL.getSmtps().getPort(), "s3cret", true, true).send(notification());
        assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
    }

    @Test
    void requiredStarttlsIsNeverDowngradedToCleartext() {
        assertThatThrownBy(() -> channel(MAIL.getSmtp().getPort(), "s3cret", true, false).send(notification()))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("STARTTLS")
                .hasMessageContaining("smtp://127.0.0.1:" + MAIL.getSmtp().getPort());
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aWrongPasswordIsAClearErrorAndTheNotificationIsSpooled() {
        Notifier notifier = new Notifier(state, "test", List.of(channel(MAIL.getSmtp().getPort(), "wrong", false, false)),
                Duration.ofHours(1), Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
        Notifier.Outcome o = notifier.deliver(List.of(notification()));
        assertThat(o.spooled()).isEqualTo(1);
        assertThat(o.errors()).singleElement().asString().contains("authentication failed for user 'alerts'")
                .doesNotContain("wrong");
        assertThat(notifier.spooled()).hasSize(1);
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }
}
