package io.boxoffice.platform.cache;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared tier: one Redis for every node, through Lettuce, behind a circuit breaker. Every call
 * is bounded by {@code redis-timeout}; a failed or refused call reads as a miss, so Redis being
 * down makes requests slower, never failed. Writes of loaded values are guarded in a script by the
 * key's invalidation floor and the cache's generation, so a slow load can never put back a value
 * older than an invalidation. Invalidations are applied and published in one script.
 */
final class RedisTier implements AutoCloseable {

    static final String CHANNEL = "boxoffice:cache";

    private static final Logger log = LoggerFactory.getLogger(RedisTier.class);

    /** KEYS: value, floor, generation. ARGV: position, payload, ttl ms. */
    private static final String PUT = """
            local floor = redis.call('GET', KEYS[2])
            if floor and floor > ARGV[1] then return 0 end
            local generation = redis.call('GET', KEYS[3])
            if generation and generation > ARGV[1] then return 0 end
            local current = redis.call('GETRANGE', KEYS[1], 0, 15)
            if current ~= '' and current > ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1""";

    /** KEYS: value, floor. ARGV: position, floor ttl ms, channel, message. */
    private static final String INVALIDATE = """
            local floor = redis.call('GET', KEYS[2])
            if not floor or floor < ARGV[1] then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2]) end
            redis.call('DEL', KEYS[1])
            redis.call('PUBLISH', ARGV[3], ARGV[4])
            return 1""";

    /** KEYS: generation. ARGV: position, channel, message. */
    private static final String NEW_GENERATION = """
            local generation = redis.call('GET', KEYS[1])
            if not generation or generation < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1]) end
            redis.call('PUBLISH', ARGV[2], ARGV[3])
            return 1""";

    private final RedisClient client;
    private final ClientResources resources;
    private final CircuitBreaker breaker;
    private final Duration timeout;
    private volatile @Nullable StatefulRedisConnection<String, byte[]> connection;
    private volatile @Nullable StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile boolean lost;
    private volatile boolean closed;

    RedisTier(String url, CacheSettings settings, MeterRegistry meters) {
        this.timeout = settings.redisTimeout();
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.constant(Duration.ofMillis(500)))
                .build();
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
        this.breaker = breakers.circuitBreaker("redis");
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }

    /**
     * Connects (retrying in the background while Redis is unreachable) and subscribes to the
     * invalidation channel. {@code onMessage} gets each message; {@code onReturn} runs whenever
     * Redis comes back after it was lost, since invalidations may have been missed meanwhile.
     */
    void start(Consumer<String> onMessage, Runnable onReturn) {
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition() == CircuitBreaker.StateTransition.HALF_OPEN_TO_CLOSED) {
                log.atInfo().log("Redis is back: the cache tiers resume");
                onReturn.run();
            } else if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN
                    && event.getStateTransition().getFromState() == CircuitBreaker.State.CLOSED) {
                log.atWarn().log("Redis is failing: serving from the near caches and the database until it returns");
            }
        });
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                if (!closed) {
                    lost = true;
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                if (lost) {
                    lost = false;
                    onReturn.run();
                }
            }
        });
        if (!connectOnce(onMessage)) {
            Thread.ofVirtual().name("redis-connect").start(() -> connect(onMessage));
        }
    }

    private void connect(Consumer<String> onMessage) {
        while (!closed && !connectOnce(onMessage)) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    /** One attempt to open the command and subscriber connections; true once both are open. */
    private synchronized boolean connectOnce(Consumer<String> onMessage) {
        if (connection != null && subscriber != null) {
            return true;
        }
        try {
            if (connection == null) {
                connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            }
            StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub(StringCodec.UTF8);
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    onMessage.accept(message);
                }
            });
            pubSub.sync().subscribe(CHANNEL);
            subscriber = pubSub;
            log.atInfo().log("Redis cache tier connected");
            return true;
        } catch (RuntimeException e) {
            log.atWarn().log("Redis unreachable ({}); retrying", e.getMessage());
            return false;
        }
    }

    /** Whether calls go to Redis at all: connected, and the breaker lets them through. */
    boolean usable() {
        return connection != null && breaker.getState() != CircuitBreaker.State.OPEN;
    }

    /** Whether Redis answers a PING now (through the breaker: an open breaker answers no). */
    boolean ping() {
        return "PONG".equals(call(redis -> redis.ping()));
    }

    /** The breaker's state: CLOSED, OPEN or HALF_OPEN. */
    String breakerState() {
        return breaker.getState().name();
    }

    byte @Nullable [] get(String key) {
        return call(redis -> redis.get(key));
    }

    @Nullable
    String text(String key) {
        byte[] value = get(key);
        return value == null ? null : new String(value, StandardCharsets.US_ASCII);
    }

    enum Lease {
        ACQUIRED,
        HELD_ELSEWHERE,
        UNAVAILABLE
    }

    Lease lease(String key, Duration time) {
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current == null) {
            return Lease.UNAVAILABLE;
        }
        try {
            String answer = breaker.executeSupplier(() -> current.sync()
                    .set(key, new byte[] {'1'}, SetArgs.Builder.nx().px(time)));
            return answer != null ? Lease.ACQUIRED : Lease.HELD_ELSEWHERE;
        } catch (RuntimeException e) {
            return Lease.UNAVAILABLE;
        }
    }

    boolean exists(String key) {
        Long count = call(redis -> redis.exists(key));
        return count != null && count > 0;
    }

    void release(String key) {
        call(redis -> redis.del(key));
    }

    /** Stores a loaded value unless an invalidation or a newer value got there first; true if stored. */
    boolean put(String valueKey, String floorKey, String generationKey, String position, byte[] payload, Duration ttl) {
        Long stored = call(redis -> redis.eval(
                PUT,
                ScriptOutputType.INTEGER,
                new String[] {valueKey, floorKey, generationKey},
                ascii(position),
                payload,
                ascii(Long.toString(ttl.toMillis()))));
        return stored != null && stored == 1;
    }

    /** Raises the key's floor, deletes its value and tells every node; false if Redis could not be told. */
    boolean invalidate(String valueKey, String floorKey, Duration floorTtl, Invalidation message) {
        Long done = call(redis -> redis.eval(
                INVALIDATE,
                ScriptOutputType.INTEGER,
                new String[] {valueKey, floorKey},
                ascii(message.position().token()),
                ascii(Long.toString(floorTtl.toMillis())),
                ascii(CHANNEL),
                ascii(message.encode())));
        return done != null;
    }

    /** Moves the cache to the generation at the message's position and tells every node. */
    boolean newGeneration(String generationKey, Invalidation message) {
        Long done = call(redis -> redis.eval(
                NEW_GENERATION,
                ScriptOutputType.INTEGER,
                new String[] {generationKey},
                ascii(message.position().token()),
                ascii(CHANNEL),
                ascii(message.encode())));
        return done != null;
    }

    private <T> @Nullable T call(Function<RedisCommands<String, byte[]>, T> command) {
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current == null) {
            return null;
        }
        try {
            return breaker.executeSupplier(() -> command.apply(current.sync()));
        } catch (CallNotPermittedException e) {
            return null;
        } catch (RuntimeException e) {
            log.atDebug().log("Redis call failed: {}", e.getMessage());
            return null;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisPubSubConnection<String, String> pubSub = subscriber;
        if (pubSub != null) {
            pubSub.close();
        }
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown();
    }
}
