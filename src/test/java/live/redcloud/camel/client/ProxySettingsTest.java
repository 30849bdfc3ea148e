package live.redcloud.camel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {

    @Test
    void nonProxyHostsUseTheJvmSyntax() {
        ProxySettings settings = new ProxySettings(
                "proxy.example.com",
                3128,
                null,
                null,
                "localhost | *.internal.example.com|10.*|[::1]|api.*.test",
                false);

        assertThat(settings.bypasses("localhost")).isTrue();
        assertThat(settings.bypasses("LOCALHOST")).isTrue();
        assertThat(settings.bypasses("rc.internal.example.com")).isTrue();
        assertThat(settings.bypasses("internal.example.com"))
                .as("*. needs a label before it")
                .isFalse();
        assertThat(settings.bypasses("10.1.2.3")).isTrue();
        assertThat(settings.bypasses("110.1.2.3")).isFalse();
        assertThat(settings.bypasses("::1")).isTrue();
        assertThat(settings.bypasses("[::1]")).isTrue();
        assertThat(settings.bypasses("api.eu.test")).isTrue();
        assertThat(settings.bypasses("api.redcloud.example")).isFalse();
        assertThat(settings.bypasses("localhostx")).as("whole names only").isFalse();
        assertThat(new ProxySettings("p", 1, null, null, "a.b", false).bypasses("axb"))
                .as("dots are literal")
                .isFalse();
        assertThat(new ProxySettings("p", 1, null, null, null, false).bypasses("localhost"))
                .isFalse();
    }

    @Test
    void misconfigurationsNameTheOptions() {
        assertThatThrownBy(() -> new ProxySettings("proxy", 0, null, null, null, false))
                .hasMessageContaining("proxyPort");
        assertThatThrownBy(() -> new ProxySettings(null, 3128, null, null, null, false))
                .hasMessageContaining("proxyHost");
        assertThatThrownBy(() -> new ProxySettings("proxy", 3128, "user", null, null, false))
                .hasMessageContaining("proxyAuthUsername and proxyAuthPassword");
        assertThatThrownBy(() -> new ProxySettings(null, 0, "user", "pw", null, false))
                .hasMessageContaining("useSystemProxy");
        assertThat(new ProxySettings(null, 0, "user", "pw", null, true).isEnabled())
                .isTrue();
        assertThat(new ProxySettings(" ", 0, "", "", " ", false)).isEqualTo(ProxySettings.NONE);
    }

    @Test
    void credentialsAreNeverPrintedButSeparatePools() {
        ProxySettings proxy = new ProxySettings("proxy", 3128, "user_Qw1", "pw_Zx9", null, false);
        HttpTransportSettings settings = new HttpTransportSettings(Duration.ofSeconds(1), 4, null, proxy);

        assertThat(proxy.toString())
                .contains("proxy:3128")
                .doesNotContain("user_Qw1")
                .doesNotContain("pw_Zx9");
        assertThat(settings.toString())
                .contains("proxy:3128")
                .doesNotContain("user_Qw1")
                .doesNotContain("pw_Zx9");
        assertThat(settings)
                .isEqualTo(new HttpTransportSettings(
                        Duration.ofSeconds(1),
                        4,
                        null,
                        new ProxySettings("proxy", 3128, "user_Qw1", "pw_Zx9", null, false)));
        assertThat(settings)
                .isNotEqualTo(new HttpTransportSettings(
                        Duration.ofSeconds(1),
                        4,
                        null,
                        new ProxySettings("proxy", 3128, "user_Qw1", "other", null, false)));
        assertThat(settings)
                .isNotEqualTo(new HttpTransportSettings(Duration.ofSeconds(1), 4, null, ProxySettings.NONE));
        assertThat(ProxySettings.NONE.toString()).isEqualTo("no proxy");
    }
}
