package live.redcloud.camel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The claim-and-record protocol without HTTP, with each store call failing in turn. Red Cloud is played by a loop that
 * redelivers an event until it gets a 2xx; the route succeeds. Whatever call fails, the event is routed exactly once
 * and finally answered 2xx. docs/webhooks.md has this as a table.
 */
class EventGateTest {

    /** A store that throws at its n-th call of one method (counted from 1), once. */
    static final class FailingOnce implements IdempotentRepository {
        private final IdempotentRepository store = MemoryIdempotentRepository.memoryIdempotentRepository(100);
        private final String method;
        private final int failAt;
        private final AtomicInteger calls = new AtomicInteger();

        FailingOnce(String method, int failAt) {
            this.method = method;
            this.failAt = failAt;
        }

        private void maybeFail(String called) {
            if (called.equals(method) && calls.incrementAndGet() == failAt) {
                throw new IllegalStateException("store down at " + method + " #" + failAt);
            }
        }

        @Override
        public boolean add(String key) {
            maybeFail("add");
            return store.add(key);
        }

        @Override
        public boolean contains(String key) {
            maybeFail("contains");
            return store.contains(key);
        }

        @Override
        public boolean remove(String key) {
            maybeFail("remove");
            return store.remove(key);
        }

        @Override
        public boolean confirm(String key) {
            maybeFail("confirm");
            return store.confirm(key);
        }

        @Override
        public void clear() {
            store.clear();
        }

        @Override
        public void start() {}

        @Override
        public void stop() {}
    }

    static Stream<Arguments> storeCalls() {
        return Stream.of(
                Arguments.of("routed", "contains", 1, List.of("500", "accepted")),
                Arguments.of("routed", "contains", 2, List.of("500", "accepted")),
                Arguments.of("claims", "add", 1, List.of("500", "accepted")),
                // the record after a routed event: accepted, and never routed again
                Arguments.of("routed", "add", 1, List.of("accepted")),
                Arguments.of("routed", "confirm", 1, List.of("accepted")),
                // the release after a record: accepted; the claim is given back at the next event
                Arguments.of("claims", "remove", 1, List.of("accepted")));
    }

    @ParameterizedTest(name = "{0}.{1} #{2} fails")
    @MethodSource("storeCalls")
    void whateverStoreCallFailsTheEventIsRoutedOnceAndAcknowledged(
            String store, String method, int failAt, List<String> answers) {
        IdempotentRepository routed = store.equals("routed")
                ? new FailingOnce(method, failAt)
                : MemoryIdempotentRepository.memoryIdempotentRepository(100);
        IdempotentRepository claims = store.equals("claims")
                ? new FailingOnce(method, failAt)
                : MemoryIdempotentRepository.memoryIdempotentRepository(100);
        EventGate gate = new EventGate(routed, claims);
        AtomicInteger routings = new AtomicInteger();

        List<String> seen = redeliverUntilAcknowledged(gate, "delivery:msg_1:3", routings);
        // Red Cloud delivers duplicates too: one more after the 2xx
        seen.add(deliver(gate, "delivery:msg_1:3", routings));

        assertThat(seen.subList(0, seen.size() - 1)).isEqualTo(answers);
        assertThat(seen.get(seen.size() - 1)).isEqualTo("duplicate");
        assertThat(routings).hasValue(1);
    }

    /** An event store of both roles, in memory, that throws at the first call of one method. */
    static final class FailingEventStore implements EventStore {
        private final Set<String> routed = ConcurrentHashMap.newKeySet();
        private final Set<String> claimed = ConcurrentHashMap.newKeySet();
        private final String method;
        private boolean failed;

        FailingEventStore(String method) {
            this.method = method;
        }

        private void maybeFail(String called) {
            if (called.equals(method) && !failed) {
                failed = true;
                throw new IllegalStateException("store down at " + method);
            }
        }

        @Override
        public Claim claim(String key) {
            maybeFail("claim");
            if (routed.contains(key)) {
                return Claim.ROUTED;
            }
            return claimed.add(key) ? Claim.CLAIMED : Claim.BUSY;
        }

        @Override
        public void routed(String key) {
            maybeFail("routed");
            routed.add(key);
            claimed.remove(key);
        }

        @Override
        public void release(String key) {
            maybeFail("release");
            claimed.remove(key);
        }
    }

    @ParameterizedTest(name = "eventStore.{0} fails")
    @CsvSource({"claim, 500 accepted", "routed, accepted"})
    void whateverEventStoreCallFailsTheEventIsRoutedOnceAndAcknowledged(String method, String answers) {
        EventGate gate = new EventGate(new FailingEventStore(method));
        AtomicInteger routings = new AtomicInteger();

        List<String> seen = redeliverUntilAcknowledged(gate, "delivery:msg_4:3", routings);
        seen.add(deliver(gate, "delivery:msg_4:3", routings));

        assertThat(String.join(" ", seen)).isEqualTo(answers + " duplicate");
        assertThat(routings).hasValue(1);
        gate.retryPending();
        assertThat(gate.pending()).isZero();
    }

    @Test
    void anEventStoreReleaseThatFailedDoesNotBlockTheRedelivery() {
        EventGate gate = new EventGate(new FailingEventStore("release"));

        gate.enter("delivery:msg_5:1").entry().failed();
        assertThat(gate.pending()).isEqualTo(1);

        EventGate.Admission again = gate.enter("delivery:msg_5:1");
        assertThat(again.refusal()).isNull();
        again.entry().succeeded();
        assertThat(gate.pending()).isZero();
    }

    @Test
    void aClaimThatCouldNotBeReleasedDoesNotBlockItsOwnRedelivery() {
        // the route fails, then the release of its claim fails: the redelivery of that very event must be routed
        FailingOnce claims = new FailingOnce("remove", 1);
        EventGate gate = new EventGate(MemoryIdempotentRepository.memoryIdempotentRepository(100), claims);

        EventGate.Entry first = gate.enter("delivery:msg_2:1").entry();
        first.failed();
        assertThat(gate.pending()).isEqualTo(1);

        EventGate.Admission again = gate.enter("delivery:msg_2:1");
        assertThat(again.refusal()).isNull();
        again.entry().succeeded();
        assertThat(gate.pending()).isZero();
        assertThat(gate.enter("delivery:msg_2:1").refusal()).isEqualTo(EventGate.Refusal.DUPLICATE);
    }

    @Test
    void aClaimThatCouldNotBeReleasedIsGivenBackByTheTimerForOtherInstances() {
        FailingOnce claims = new FailingOnce("remove", 1);
        EventGate here = new EventGate(MemoryIdempotentRepository.memoryIdempotentRepository(100), claims);
        here.enter("delivery:msg_3:1").entry().failed();
        // another instance sharing the claim store sees the claim alive
        assertThat(claims.contains("delivery:msg_3:1")).isTrue();

        here.retryPending();

        assertThat(claims.contains("delivery:msg_3:1")).isFalse();
        assertThat(here.pending()).isZero();
    }

    /** Claims shared by all instances; the first release fails, the timer's release waits until the test lets it go. */
    static final class SlowTimerRelease implements EventStore {
        final Set<String> claimed = ConcurrentHashMap.newKeySet();
        final CountDownLatch inTimerRelease = new CountDownLatch(1);
        final CountDownLatch letGo = new CountDownLatch(1);
        private final AtomicInteger releases = new AtomicInteger();

        @Override
        public Claim claim(String key) {
            return claimed.add(key) ? Claim.CLAIMED : Claim.BUSY;
        }

        @Override
        public void routed(String key) {
            claimed.remove(key);
        }

        @Override
        public void release(String key) {
            if (releases.incrementAndGet() == 1) {
                throw new IllegalStateException("store down at release");
            }
            if (Thread.currentThread().getName().equals("timer")) {
                inTimerRelease.countDown();
                try {
                    letGo.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            claimed.remove(key);
        }
    }

    @Test
    void aLateTimerReleaseNeverDeletesTheClaimOfTheRedeliveryThatEnteredMeanwhile() throws Exception {
        SlowTimerRelease shared = new SlowTimerRelease();
        EventGate here = new EventGate(shared);
        String key = "delivery:msg_6:1";
        here.enter(key).entry().failed();
        assertThat(here.pending()).isEqualTo(1);
        Thread timer = new Thread(here::retryPending, "timer");
        timer.start();
        assertThat(shared.inTimerRelease.await(10, TimeUnit.SECONDS)).isTrue();

        EventGate.Admission redelivery = here.enter(key);
        shared.letGo.countDown();
        timer.join(10_000);
        if (redelivery.refusal() == EventGate.Refusal.BUSY) {
            // the redelivery came while the timer gave the claim back: Red Cloud comes again
            redelivery = here.enter(key);
        }

        assertThat(redelivery.refusal()).isNull();
        assertThat(shared.claim(key))
                .as("while the redelivery is routed here, another instance finds it claimed")
                .isEqualTo(EventStore.Claim.BUSY);
        redelivery.entry().succeeded();
        assertThat(here.pending()).isZero();
    }

    @Test
    void aRecordThatFailedKeepsTheClaimUntilItIsWritten() {
        FailingOnce routed = new FailingOnce("add", 1);
        IdempotentRepository claims = MemoryIdempotentRepository.memoryIdempotentRepository(100);
        EventGate gate = new EventGate(routed, claims);

        gate.enter("delivery:msg_4:1").entry().succeeded();

        assertThat(gate.recordFailures()).isEqualTo(1);
        // no other instance may route it meanwhile: its claim is still taken
        assertThat(claims.contains("delivery:msg_4:1")).isTrue();
        gate.retryPending();
        assertThat(routed.contains("delivery:msg_4:1")).isTrue();
        assertThat(claims.contains("delivery:msg_4:1")).isFalse();
    }

    @Test
    void theSameStoreInBothRolesIsRefused() {
        IdempotentRepository one = MemoryIdempotentRepository.memoryIdempotentRepository(100);

        assertThat(EventGate.conflict(one, one, r -> null)).contains("same object");
        assertThat(EventGate.conflict(one, MemoryIdempotentRepository.memoryIdempotentRepository(1), r -> "t/p"))
                .contains("one store (t/p)");
        assertThat(EventGate.conflict(one, null, r -> "t/p")).isNull();
    }

    private static List<String> redeliverUntilAcknowledged(EventGate gate, String key, AtomicInteger routings) {
        List<String> answers = new ArrayList<>();
        for (int attempt = 0; attempt < 5; attempt++) {
            String answer = deliver(gate, key, routings);
            answers.add(answer);
            if (!answer.equals("500") && !answer.equals("503")) {
                break;
            }
        }
        return answers;
    }

    /** What WebhookProcessor answers for one delivery of a route that succeeds. */
    private static String deliver(EventGate gate, String key, AtomicInteger routings) {
        EventGate.Admission admission;
        try {
            admission = gate.enter(key);
        } catch (RuntimeException storeDown) {
            return "500";
        }
        if (admission.refusal() == EventGate.Refusal.DUPLICATE) {
            return "duplicate";
        }
        if (admission.refusal() == EventGate.Refusal.BUSY) {
            return "503";
        }
        routings.incrementAndGet();
        admission.entry().succeeded();
        return "accepted";
    }
}
