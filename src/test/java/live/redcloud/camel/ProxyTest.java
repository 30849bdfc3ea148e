package live.redcloud.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import live.redcloud.camel.model.RedCloudProxyAuthenticationException;
import live.redcloud.camel.model.SendMessageResponse;
import live.redcloud.camel.model.WhoAmI;
import live.redcloud.camel.support.FakeRedCloud;
import live.redcloud.camel.support.ForwardProxy;
import live.redcloud.camel.support.RedCloudTestSupport;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.apache.camel.Exchange;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound proxy, through a real forward proxy on a socket ({@link ForwardProxy}): token request and CORE calls
 * through it, Basic proxy credentials (sent preemptively), HTTPS through a CONNECT tunnel to a server with a
 * self-signed certificate, nonProxyHosts, and the JVM's proxy properties with useSystemProxy.
 */
class ProxyTest extends RedCloudTestSupport {

    private static final String PROXY_USER = "proxy_user_Xq2";
    private static final String PROXY_PASSWORD = "proxy_pw_Lk93v";
    private static final String WHOAMI_PATH = "/api/core/whoami";

    private ForwardProxy proxy;
    private MockWebServer httpsServer;

    @AfterEach
    void closeProxyAndServers() {
        if (proxy != null) {
            proxy.close();
        }
        if (httpsServer != null) {
            httpsServer.close();
        }
    }

    @Test
    void tokenRequestAndCoreCallsGoThroughTheProxy() throws Exception {
        proxy = ForwardProxy.start();
        String options = "proxyHost=127.0.0.1&proxyPort=" + proxy.port();

        WhoAmI who = template.requestBody("redcloud:whoami?" + options, null, WhoAmI.class);
        SendMessageResponse sent = template.requestBodyAndHeader(
                "redcloud:send?to=%2B15551234567&" + options,
                "hi",
                RedCloudConstants.TO,
                "+15551234567",
                SendMessageResponse.class);

        assertThat(who.getApiClientId()).isEqualTo(FakeRedCloud.CLIENT_ID);
        assertThat(sent.getResults()).isNotEmpty();
        assertThat(proxy.requestsTo(FakeRedCloud.TOKEN_PATH)).isEqualTo(1);
        assertThat(proxy.requestsTo(WHOAMI_PATH)).isEqualTo(1);
        assertThat(proxy.requestsTo(FakeRedCloud.SEND_PATH)).isEqualTo(1);
        assertThat(proxy.plainRequests()).isEqualTo(3);
        assertThat(proxy.connects()).isZero();
        assertThat(paths(redCloud.allRequests()))
                .containsExactly(FakeRedCloud.TOKEN_PATH, WHOAMI_PATH, FakeRedCloud.SEND_PATH);
    }

    @Test
    void proxyCredentialsAreRequiredAndSentPreemptively() throws Exception {
        proxy = ForwardProxy.requiringCredentials(PROXY_USER, PROXY_PASSWORD);
        String options = "proxyHost=127.0.0.1&proxyPort=" + proxy.port();

        long start = System.nanoTime();
        Exchange refused = template.request("redcloud:whoami?" + options, e -> {});
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(refused.getException())
                .isInstanceOf(RedCloudProxyAuthenticationException.class)
                .hasMessageContaining("127.0.0.1:" + proxy.port())
                .hasMessageContaining("407")
                .hasMessageContaining("set proxyAuthUsername and proxyAuthPassword");
        assertThat(redCloud.allRequests()).isEmpty();
        // a 407 is final: neither retried by the component nor answered again with the same (absent) credentials
        assertThat(proxy.refused()).isEqualTo(1);

        Exchange wrong = template.request(
                "redcloud:whoami?" + options + "&proxyAuthUsername=" + PROXY_USER
                        + "&proxyAuthPassword=RAW(not-the-password)",
                e -> {});
        assertThat(wrong.getException())
                .isInstanceOf(RedCloudProxyAuthenticationException.class)
                .hasMessageContaining("did not accept")
                .hasMessageNotContaining("not-the-password");
        assertThat(proxy.refused()).isEqualTo(2);

        String withCredentials =
                options + "&proxyAuthUsername=" + PROXY_USER + "&proxyAuthPassword=RAW(" + PROXY_PASSWORD + ")";
        WhoAmI who = template.requestBody("redcloud:whoami?" + withCredentials, null, WhoAmI.class);
        template.requestBody("redcloud:send?to=%2B15551234567&" + withCredentials, "hi");

        assertThat(who.getApiClientId()).isEqualTo(FakeRedCloud.CLIENT_ID);
        assertThat(proxy.refused())
                .as("no 407 round trip once credentials are set")
                .isEqualTo(2);
        assertThat(proxy.plainRequests()).isEqualTo(3);
        assertThat(paths(redCloud.allRequests()))
                .containsExactly(FakeRedCloud.TOKEN_PATH, WHOAMI_PATH, FakeRedCloud.SEND_PATH);
        // the proxy's credentials are for the proxy only
        for (RecordedRequest request : redCloud.allRequests()) {
            assertThat(request.getHeaders().get("Proxy-Authorization")).isNull();
        }
    }

    @Test
    void httpsGoesThroughAConnectTunnelWithTheTlsEndToEnd() throws Exception {
        proxy = ForwardProxy.requiringCredentials(PROXY_USER, PROXY_PASSWORD);
        HeldCertificate certificate = new HeldCertificate.Builder()
                .commonName("127.0.0.1")
                .addSubjectAlternativeName("127.0.0.1")
                .build();
        HandshakeCertificates serverCertificates =
                new HandshakeCertificates.Builder().heldCertificate(certificate).build();
        FakeRedCloud secureRedCloud = new FakeRedCloud();
        httpsServer = new MockWebServer();
        httpsServer.setDispatcher(secureRedCloud);
        httpsServer.useHttps(serverCertificates.sslSocketFactory());
        httpsServer.start();
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setTrustManager(new HandshakeCertificates.Builder()
                .addTrustedCertificate(certificate.certificate())
                .build()
                .trustManager());
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        context.getRegistry().bind("selfSigned", tls);
        String base = "baseUrl=https://127.0.0.1:" + httpsServer.getPort() + "&sslContextParameters=#selfSigned"
                + "&proxyHost=127.0.0.1&proxyPort=" + proxy.port();

        // without credentials the proxy refuses the CONNECT: a typed error, the server sees nothing
        Exchange refused = template.request("redcloud:whoami?" + base, e -> {});
        assertThat(refused.getException())
                .isInstanceOf(RedCloudProxyAuthenticationException.class)
                .hasMessageContaining("407");
        assertThat(secureRedCloud.allRequests()).isEmpty();

        String withCredentials =
                base + "&proxyAuthUsername=" + PROXY_USER + "&proxyAuthPassword=RAW(" + PROXY_PASSWORD + ")";
        SendMessageResponse sent = template.requestBodyAndHeader(
                "redcloud:send?" + withCredentials,
                "hi",
                RedCloudConstants.TO,
                "+15551234567",
                SendMessageResponse.class);

        assertThat(sent.getResults()).isNotEmpty();
        assertThat(proxy.connectTargets()).isNotEmpty().allMatch(("127.0.0.1:" + httpsServer.getPort())::equals);
        assertThat(proxy.plainRequests())
                .as("nothing in clear text through the proxy")
                .isZero();
        assertThat(proxy.refused())
                .as("the CONNECT carried the credentials at once")
                .isEqualTo(1);
        assertThat(paths(secureRedCloud.allRequests()))
                .containsExactly(FakeRedCloud.TOKEN_PATH, FakeRedCloud.SEND_PATH);
        assertThat(secureRedCloud.allRequests().get(1).getHandshake())
                .as("TLS to the server")
                .isNotNull();
    }

    @Test
    void nonProxyHostsAreReachedDirectly() throws Exception {
        proxy = ForwardProxy.start();
        String options = "proxyHost=127.0.0.1&proxyPort=" + proxy.port() + "&nonProxyHosts=RAW(localhost|127.*)";

        template.requestBody("redcloud:whoami?" + options, null, WhoAmI.class);
        template.requestBody("redcloud:send?to=%2B15551234567&" + options, "hi");

        assertThat(proxy.plainRequests() + proxy.connects() + proxy.refused()).isZero();
        assertThat(paths(redCloud.allRequests()))
                .containsExactly(FakeRedCloud.TOKEN_PATH, WHOAMI_PATH, FakeRedCloud.SEND_PATH);
    }

    @Test
    void useSystemProxyFollowsTheJvmProxyProperties() throws Exception {
        proxy = ForwardProxy.start();
        Map<String, String> saved = new HashMap<>();
        for (String name : List.of("http.proxyHost", "http.proxyPort", "http.nonProxyHosts")) {
            saved.put(name, System.getProperty(name));
        }
        try {
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", String.valueOf(proxy.port()));
            // the JVM adds localhost|127.* (where the fake runs) to any non-empty list; empty means none
            System.setProperty("http.nonProxyHosts", "");

            template.requestBody("redcloud:whoami?useSystemProxy=true", null, WhoAmI.class);
            assertThat(proxy.requestsTo(FakeRedCloud.TOKEN_PATH)).isEqualTo(1);
            assertThat(proxy.requestsTo(WHOAMI_PATH)).isEqualTo(1);

            // without the switch the JVM's properties are ignored, as before
            template.requestBody("redcloud:send?to=%2B15551234567", "hi");
            assertThat(proxy.requestsTo(FakeRedCloud.SEND_PATH)).isZero();
            assertThat(paths(redCloud.allRequests()))
                    .containsExactly(FakeRedCloud.TOKEN_PATH, WHOAMI_PATH, FakeRedCloud.SEND_PATH);
        } finally {
            saved.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }

    private static List<String> paths(List<RecordedRequest> requests) {
        return requests.stream().map(r -> r.getUrl().encodedPath()).toList();
    }
}
