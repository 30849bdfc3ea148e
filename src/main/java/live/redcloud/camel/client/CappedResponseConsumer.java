package live.redcloud.camel.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.ByteArrayBuffer;

/**
 * Reads an answer into memory as it streams in, up to {@code maxResponseSize} bytes. A declared length over the cap,
 * or one byte more than it, and the consumer fails the exchange with {@link ResponseTooLargeException}: HttpClient then
 * closes the connection instead of reusing it, so no answer, however large, can exhaust the heap on an I/O thread.
 * Only {@link IOException}s leave this class: anything else thrown here would reach HttpClient's I/O reactor.
 */
final class CappedResponseConsumer implements AsyncResponseConsumer<HttpResult> {

    private final long max;
    private HttpResponse response;
    private ByteArrayBuffer buffer;
    private FutureCallback<HttpResult> resultCallback;

    CappedResponseConsumer(long maxResponseSize) {
        this.max = maxResponseSize;
    }

    @Override
    public void consumeResponse(
            HttpResponse response, EntityDetails entity, HttpContext context, FutureCallback<HttpResult> resultCallback)
            throws IOException {
        this.response = response;
        this.resultCallback = resultCallback;
        if (entity == null) {
            resultCallback.completed(result(new byte[0]));
            return;
        }
        long declared = entity.getContentLength();
        if (declared > max) {
            throw new ResponseTooLargeException(response.getCode(), max);
        }
        buffer = new ByteArrayBuffer((int) Math.min(max, declared > 0 ? declared : 1024));
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx answers carry no body
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        if (buffer.length() + (long) src.remaining() > max) {
            throw new ResponseTooLargeException(response.getCode(), max);
        }
        buffer.append(src);
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        resultCallback.completed(result(buffer.toByteArray()));
    }

    @Override
    public void failed(Exception cause) {
        // HttpClient reports the failure to the callback given to execute; only the buffer is ours to drop
        releaseResources();
    }

    @Override
    public void releaseResources() {
        buffer = null;
    }

    private HttpResult result(byte[] body) {
        return new HttpResult(
                response.getCode(),
                value(response.getFirstHeader("Content-Type")),
                value(response.getFirstHeader("Retry-After")),
                value(response.getFirstHeader("X-Request-Id")),
                body);
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }
}
