package io.perfect21.p21mon.alerts.notify;

import io.perfect21.p21mon.alerts.Alert;
import io.perfect21.p21mon.alerts.Notification;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Email over SMTP (Jakarta Mail through Angus Mail): one message per notification, {@code multipart/alternative} with
 * a plain-text and an HTML part listing each alert's status, labels and annotations. STARTTLS is required when
 * {@code starttls} is on (the default: a server that does not offer it is an error, never a silent plain-text
 * fallback); {@code ssl} (or port 465) speaks TLS from the first byte. Connect, read and write each end within the
 * channel's timeout. The message's {@code Message-ID} is built from the notification's id, so a re-sent notification
 * keeps it.
 */
public final class EmailChannel implements NotificationChannel {
    /** What an email channel needs; {@code password} is the resolved secret (from {@code password_file} too). */
    public record Settings(String host, int port, String username, String password, String from, List<String> to,
                           boolean starttls, boolean ssl, boolean insecureSkipVerify) {
        @Override
        public String toString() {
            return "Settings[" + host + ":" + port + ", user " + username + "]";
        }
    }

    private final String name;
    private final Settings settings;
    private final Session session;

    public EmailChannel(String name, Settings settings, Duration timeout) {
        this.name = name;
        this.settings = settings;
        Properties p = new Properties();
        String ms = Long.toString(Math.max(1, timeout.toMillis()));
        String prefix = settings.ssl() ? "mail.smtps." : "mail.smtp.";
        p.put("mail.transport.protocol", settings.ssl() ? "smtps" : "smtp");
        p.put(prefix + "host", settings.host());
        p.put(prefix + "port", Integer.toString(settings.port()));
        p.put(prefix + "connectiontimeout", ms);
        p.put(prefix + "timeout", ms);
        p.put(prefix + "writetimeout", ms);
        p.put(prefix + "auth", Boolean.toString(settings.username() != null && !settings.username().isBlank()));
        if (!settings.ssl() && settings.starttls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (settings.insecureSkipVerify()) {
            p.put(prefix + "ssl.trust", "*");
            p.put(prefix + "ssl.checkserveridentity", "false");
        } else {
            p.put(prefix + "ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(p);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "email";
    }

    private String where() {
        return name + " smtp" + (settings.ssl() ? "s" : "") + "://" + settings.host() + ":" + settings.port();
    }

    @Override
    public void send(Notification n) throws IOException {
        try {
            MimeMessage message = message(n);
            try (Transport t = session.getTransport()) {
                boolean auth = settings.username() != null && !settings.username().isBlank();
                t.connect(settings.host(), settings.port(), auth ? settings.username() : null,
                        auth ? settings.password() : null);
                t.sendMessage(message, message.getAllRecipients());
            }
        } catch (AuthenticationFailedException e) {
            throw new DeliveryException(where() + ": authentication failed for user '" + settings.username()
                    + "' (check the password or password_file)", false, e);
        } catch (MessagingException e) {
            throw new DeliveryException(where() + ": " + reason(e), true, e);
        }
    }

    private static String reason(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return "timed out";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        String msg = String.valueOf(e.getMessage()).strip();
        int nl = msg.indexOf('\n');
        return nl >= 0 ? msg.substring(0, nl) : msg;
    }

    @Override
    public Payload render(Notification n) throws IOException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message(n).writeTo(out);
            return new Payload(name, "email", "SMTP " + settings.host() + ":" + settings.port() + " to "
                    + String.join(", ", settings.to()), "message/rfc822", out.toString(StandardCharsets.UTF_8));
        } catch (MessagingException e) {
            throw new IOException(where() + ": cannot build the message: " + e.getMessage(), e);
        }
    }

    /** The MIME message: subject, from, to, text and HTML parts. */
    MimeMessage message(Notification n) throws MessagingException {
        String id = "<" + n.id() + "@p21mon>";
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
        try {
            m.setFrom(new InternetAddress(settings.from(), true));
            for (String to : settings.to()) {
                m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
        } catch (AddressException e) {
            throw new MessagingException("bad address '" + e.getRef() + "': " + e.getMessage(), e);
        }
        m.setSubject(n.title() + summarySuffix(n), "UTF-8");
        m.setSentDate(new Date());
        m.setHeader("X-P21mon-Notification-Id", n.id());
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(text(n), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(n), "UTF-8", "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    private static String summarySuffix(Notification n) {
        if (n.alerts().size() != 1) {
            return "";
        }
        String summary = n.alerts().get(0).annotations().get("summary");
        return summary == null || summary.isBlank() ? "" : " - " + summary;
    }

    static String text(Notification n) {
        StringBuilder sb = new StringBuilder(n.title()).append("\n");
        for (Alert a : n.alerts()) {
            sb.append("\n").append(a.status().toUpperCase(java.util.Locale.ROOT)).append(" ").append(a.name()).append("\n");
            a.annotations().forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append("\n"));
            sb.append("  labels:\n");
            a.labels().forEach((k, v) -> sb.append("    ").append(k).append("=").append(v).append("\n"));
            sb.append("  starts at: ").append(a.startsAt()).append("\n");
            if (!a.firing()) {
                sb.append("  ended at: ").append(a.endsAt()).append("\n");
            }
        }
        sb.append("\n-- \np21mon, receiver ").append(n.receiver()).append(", notification ").append(n.id()).append("\n");
        return sb.toString();
    }

    static String html(Notification n) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif\">\n<h2>")
                .append(esc(n.title())).append("</h2>\n");
        for (Alert a : n.alerts()) {
            sb.append("<h3 style=\"color:").append(a.firing() ? "#b00020" : "#2e7d32").append("\">")
                    .append(esc(a.status().toUpperCase(java.util.Locale.ROOT))).append(" ").append(esc(a.name()))
                    .append("</h3>\n<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n");
            row(sb, "annotations", a.annotations());
            row(sb, "labels", a.labels());
            sb.append("<tr><th align=\"left\">starts at</th><td>").append(a.startsAt()).append("</td></tr>\n");
            if (!a.firing()) {
                sb.append("<tr><th align=\"left\">ended at</th><td>").append(a.endsAt()).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("<p style=\"color:#777\">p21mon, receiver ").append(esc(n.receiver())).append("</p>\n</body></html>\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String heading, Map<String, String> values) {
        if (values.isEmpty()) {
            return;
        }
        sb.append("<tr><th align=\"left\" colspan=\"2\">").append(heading).append("</th></tr>\n");
        values.forEach((k, v) -> sb.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v))
                .append("</td></tr>\n"));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
