package io.perfect21.p21mon.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {
    @Test
    void aPlainServerUrlIsShownAsItIs() {
        assertThat(Secrets.maskUrl("http://alertmanager:9093/")).isEqualTo("http://alertmanager:9093/");
        assertThat(Secrets.maskUrl("https://hooks.example.com:8443/alerts/p21mon?team=ops"))
                .isEqualTo("https://hooks.example.com:8443/alerts/p21mon?team=ops");
    }

    @Test
    void userInfoIsMaskedAndHostAndPortKept() {
        assertThat(Secrets.maskUrl("https://admin:s3cr3t@prom.example.com:9090/api"))
                .isEqualTo("https://********@prom.example.com:9090/api");
    }

    @Test
    void theTokenOfAKnownHookIsMasked() {
        assertThat(Secrets.maskUrl("https://hooks.slack.com/services/T0001/B0002/XXXXSECRET"))
                .isEqualTo("https://hooks.slack.com/services/********");
        assertThat(Secrets.maskUrl("https://discord.com/api/webhooks/123/abcdef"))
                .isEqualTo("https://discord.com/api/webhooks/********");
        assertThat(Secrets.maskUrl("https://api.telegram.org/bot123456:AAE/sendMessage"))
                .isEqualTo("https://api.telegram.org/bot********/sendMessage");
    }

    @Test
    void tokenLikePathSegmentsAndSecretQueryValuesAreMasked() {
        assertThat(Secrets.maskUrl("http://hooks.internal:8080/hook/3f9a1c2e7b4d4e0a9c1b?token=abc&team=ops&api_key=k"))
                .isEqualTo("http://hooks.internal:8080/hook/********?token=********&team=ops&api_key=********");
    }

    @Test
    void textThatIsNotAUrlIsMaskedWhole() {
        assertThat(Secrets.maskUrl("hunter2")).isEqualTo("********");
    }

    @Test
    void everyUrlInFreeTextIsMasked() {
        assertThat(Secrets.redactUrls("POST https://u:p@am.example.com:9093/api/v2/alerts failed: 500"))
                .isEqualTo("POST https://********@am.example.com:9093/api/v2/alerts failed: 500");
    }
}
