package live.redcloud.camel.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real HTTP/1.1 forward proxy on 127.0.0.1 for tests: requests with absolute URIs are forwarded to the origin
 * (one origin connection per request, answered with {@code Connection: close}), {@code CONNECT host:port} opens a
 * tunnel that pipes bytes both ways. Optionally requires Basic credentials and answers {@code 407} with
 * {@code Proxy-Authenticate: Basic realm="test"} when they are missing or wrong. Counts what it saw. Thread per
 * connection, at most {@link #MAX_CONNECTIONS} at once, every socket with a read timeout; {@link #close()} closes the
 * listening socket and every open connection.
 */
public final class ForwardProxy implements AutoCloseable {

    public static final int MAX_CONNECTIONS = 64;
    private static final int TIMEOUT_MILLIS = 30_000;

    private final ServerSocket server;
    private final String requiredAuthorization;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger plain = new AtomicInteger();
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, AtomicInteger> byPath = new ConcurrentHashMap<>();
    private final List<String> connectTargets = new CopyOnWriteArrayList<>();
    private final List<String> proxyAuthorizations = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ForwardProxy(String username, String password) throws IOException {
        this.requiredAuthorization = username == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "forward-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy without authentication. */
    public static ForwardProxy start() throws IOException {
        return new ForwardProxy(null, null);
    }

    /** A proxy that requires these Basic credentials on every request and CONNECT. */
    public static ForwardProxy requiringCredentials(String username, String password) throws IOException {
        return new ForwardProxy(username, password);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Forwarded requests with an absolute URI (not counting the ones refused with 407). */
    public int plainRequests() {
        return plain.get();
    }

    /** CONNECT requests that opened a tunnel (not counting the ones refused with 407). */
    public int connects() {
        return connects.get();
    }

    /** Requests and CONNECTs answered 407. */
    public int refused() {
        return refused.get();
    }

    /** Forwarded requests to this path (any origin). */
    public int requestsTo(String path) {
        AtomicInteger count = byPath.get(path);
        return count == null ? 0 : count.get();
    }

    /** host:port of every tunnel opened. */
    public List<String> connectTargets() {
        return List.copyOf(connectTargets);
    }

    /** Every Proxy-Authorization header received (or "none"), in order. */
    public List<String> proxyAuthorizations() {
        return List.copyOf(proxyAuthorizations);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (open.size() >= MAX_CONNECTIONS) {
                closeQuietly(client);
                continue;
            }
            open.add(client);
            Thread handler = new Thread(
                    () -> {
                        try {
                            handle(client);
                        } catch (IOException | RuntimeException e) {
                            // the peer went away or the proxy is closing: nothing to report in a test proxy
                        } finally {
                            closeQuietly(client);
                            open.remove(client);
                        }
                    },
                    "forward-proxy-" + client.getPort());
            handler.setDaemon(true);
            handler.start();
        }
    }

    private void handle(Socket client) throws IOException {
        client.setSoTimeout(TIMEOUT_MILLIS);
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        List<String> head = readHead(in);
        if (head == null || head.isEmpty()) {
            return;
        }
        String[] requestLine = head.get(0).split(" ");
        if (requestLine.length != 3) {
            write(out, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return;
        }
        String method = requestLine[0];
        String target = requestLine[1];
        String authorization = header(head, "Proxy-Authorization");
        proxyAuthorizations.add(authorization == null ? "none" : authorization);
        byte[] body = "CONNECT".equals(method) ? new byte[0] : readBody(in, head);
        if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
            refused.incrementAndGet();
            byte[] page =
                    "<html><body>407 Proxy Authentication Required</body></html>".getBytes(StandardCharsets.US_ASCII);
            write(
                    out,
                    "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                            + "Content-Type: text/html\r\nContent-Length: " + page.length
                            + "\r\nConnection: close\r\n\r\n");
            out.write(page);
            out.flush();
            return;
        }
        if ("CONNECT".equals(method)) {
            tunnel(client, target);
        } else {
            forward(out, method, URI.create(target), head, body);
        }
    }

    private void tunnel(Socket client, String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        Socket origin = new Socket();
        open.add(origin);
        try {
            origin.connect(
                    new InetSocketAddress(
                            hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                    TIMEOUT_MILLIS);
            origin.setSoTimeout(TIMEOUT_MILLIS);
            connects.incrementAndGet();
            connectTargets.add(hostPort);
            write(client.getOutputStream(), "HTTP/1.1 200 Connection established\r\n\r\n");
            Thread back = new Thread(() -> pipe(origin, client), "forward-proxy-tunnel-" + client.getPort());
            back.setDaemon(true);
            back.start();
            pipe(client, origin);
            try {
                back.join(TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            closeQuietly(origin);
            open.remove(origin);
        }
    }

    /** Copies until either side closes, then closes both, so the other direction ends too. */
    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // closed or timed out: end the tunnel
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void forward(OutputStream out, String method, URI uri, List<String> head, byte[] body) throws IOException {
        plain.incrementAndGet();
        byPath.computeIfAbsent(uri.getRawPath(), p -> new AtomicInteger()).incrementAndGet();
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        try (Socket origin = new Socket()) {
            open.add(origin);
            origin.connect(new InetSocketAddress(uri.getHost(), port), TIMEOUT_MILLIS);
            origin.setSoTimeout(TIMEOUT_MILLIS);
            StringBuilder request = new StringBuilder(method)
                    .append(' ')
                    .append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    .append(" HTTP/1.1\r\n");
            for (String line : head.subList(1, head.size())) {
                String name =
                        line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
                if (!name.equals("proxy-authorization")
                        && !name.equals("proxy-connection")
                        && !name.equals("connection")) {
                    request.append(line).append("\r\n");
                }
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream toOrigin = origin.getOutputStream();
            write(toOrigin, request.toString());
            toOrigin.write(body);
            toOrigin.flush();

            InputStream fromOrigin = origin.getInputStream();
            List<String> responseHead = readHead(fromOrigin);
            if (responseHead == null) {
                return;
            }
            StringBuilder response = new StringBuilder();
            for (String line : responseHead) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    response.append(line).append("\r\n");
                }
            }
            // the client connection ends with this answer: no reuse, so every request is counted here on its own
            response.append("Connection: close\r\n\r\n");
            write(out, response.toString());
            String length = header(responseHead, "Content-Length");
            if (length != null) {
                out.write(fromOrigin.readNBytes(Integer.parseInt(length.trim())));
            } else {
                fromOrigin.transferTo(out);
            }
            out.flush();
        } finally {
            open.removeIf(Socket::isClosed);
        }
    }

    private static byte[] readBody(InputStream in, List<String> head) throws IOException {
        String length = header(head, "Content-Length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length.trim()));
        }
        if ("chunked".equalsIgnoreCase(header(head, "Transfer-Encoding"))) {
            throw new IOException("chunked request bodies are not supported by this test proxy");
        }
        return new byte[0];
    }

    /** The request or status line and the header lines, without the blank line; null at end of stream. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b == -1) {
                return lines.isEmpty() && line.size() == 0 ? null : lines;
            }
            if (++total > 64 * 1024) {
                throw new IOException("header section too large");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private static String header(List<String> head, String name) {
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(ForwardProxy::closeQuietly);
        open.clear();
    }
}
