package io.gaia.bff.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;

import io.gaia.bff.config.SessionConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Sessions in Redis, shared by every replica: a logout or revocation on one replica holds on all at
 * once because nothing is cached locally; the caps hold across replicas because every change that
 * touches them is one Lua script, which Redis runs atomically.
 *
 * <p>Layout (every key under {@value #PREFIX}, nothing else is ever touched):
 * <ul>
 * <li>{@code gaia-bff:session:<h>}: a hash per session, where {@code h} is the SHA-256 (hex) of the
 * session id, never the id itself. Fields: {@code key_id}, the timestamps ({@code created},
 * {@code active}, {@code idle_end}, {@code end}, ISO-8601), and {@code api_key} and {@code id}: the
 * Gaia key and the session id sealed with AES-256-GCM ({@link SessionCipher}, SESSION_ENCRYPTION_KEY),
 * the associated data being {@code h} and the field name. A dump of Redis therefore holds no usable key
 * or session id.</li>
 * <li>{@code gaia-bff:sessions}: a sorted set of every stored {@code h}, scored by when the session
 * ends (epoch ms, the earlier of idle and absolute end; moved by activity). Live sessions are those
 * scored after now: the total cap counts them, the reaper removes the others.</li>
 * <li>{@code gaia-bff:key:<keyId>}: a sorted set of the key's {@code h}, scored by creation time, for
 * the per-key cap (oldest first) and revocation by key.</li>
 * <li>{@code gaia-bff:rate:<bucket>}: fixed-window counters (INCR, then PEXPIRE NX).</li>
 * </ul>
 *
 * <p>Expiry: the application decides, from the stored timestamps and its own clock, whether a session
 * is over, exactly as with the memory store; expired sessions stay (and answer SESSION_EXPIRED) until
 * the reaper of any replica purges them. Redis TTLs are the backstop that frees them even when no
 * replica runs: each session hash expires (PEXPIREAT) {@link #EXPIRED_GRACE} after the session ends,
 * each key set the grace after its newest session's absolute end.
 *
 * <p>Every call is bounded by SESSION_STORE_TIMEOUT_SECONDS; a Redis that fails, refuses or does not
 * answer in time fails the call with {@link SessionStoreUnavailableException}, whose message never
 * carries Redis's own text (it could quote keys).
 */
@ApplicationScoped
@Typed(RedisSessionStore.class)
public class RedisSessionStore implements SessionStore {

    static final String PREFIX = "gaia-bff:";
    static final String SESSION_PREFIX = PREFIX + "session:";
    static final String KEY_PREFIX = PREFIX + "key:";
    static final String INDEX = PREFIX + "sessions";
    static final String RATE_PREFIX = PREFIX + "rate:";

    /**
     * How long Redis keeps a session after it ended. Well above the reaper interval (60 s), so expired
     * sessions keep answering SESSION_EXPIRED until the reaper removes them, as with the memory store,
     * and above any plausible clock skew between replicas and Redis.
     */
    static final Duration EXPIRED_GRACE = Duration.ofMinutes(5);

    /** Sessions purged or deleted per script run, so a large purge never blocks Redis for long. */
    private static final int BATCH = 500;

    private static final Logger LOG = Logger.getLogger(RedisSessionStore.class);

    /**
     * Stores a session unless a cap forbids it; evicts the key's oldest live sessions first when the
     * policy says so. Returns {'PER_KEY'}, {'TOTAL'} or {'STORED', h1, fields1, h2, fields2, ...} with
     * the evicted sessions' stored fields.
     */
    private static final Script CREATE = new Script("""
            -- KEYS: session hash, key set, index. ARGV: 1 now (ms), 2 maxTotal, 3 maxPerKey, 4 evict (1/0),
            -- 5 h, 6 keyId, 7-10 created, active, idleEnd, end (ISO-8601), 11 end (ms, index score),
            -- 12 created (ms, key set score), 13 session hash expires at, 14 key set expires at (ms),
            -- 15 sealed id, 16 sealed key, 17 session key prefix
            local now = tonumber(ARGV[1])
            local live = {}
            for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
              local ends = redis.call('ZSCORE', KEYS[3], member)
              if not ends then
                redis.call('ZREM', KEYS[2], member)
              elseif tonumber(ends) > now then
                live[#live + 1] = member
              end
            end
            local evict = {}
            local maxPerKey = tonumber(ARGV[3])
            if #live >= maxPerKey then
              if ARGV[4] ~= '1' then
                return {'PER_KEY'}
              end
              for i = 1, #live - maxPerKey + 1 do
                evict[#evict + 1] = live[i]
              end
            end
            local total = redis.call('ZCOUNT', KEYS[3], '(' .. ARGV[1], '+inf')
            if total - #evict >= tonumber(ARGV[2]) then
              return {'TOTAL'}
            end
            local reply = {'STORED'}
            for _, member in ipairs(evict) do
              local key = ARGV[17] .. member
              reply[#reply + 1] = member
              reply[#reply + 1] = redis.call('HGETALL', key)
              redis.call('DEL', key)
              redis.call('ZREM', KEYS[2], member)
              redis.call('ZREM', KEYS[3], member)
            end
            redis.call('HSET', KEYS[1], 'key_id', ARGV[6], 'created', ARGV[7], 'active', ARGV[8],
              'idle_end', ARGV[9], 'end', ARGV[10], 'id', ARGV[15], 'api_key', ARGV[16])
            redis.call('PEXPIREAT', KEYS[1], ARGV[13])
            redis.call('ZADD', KEYS[2], ARGV[12], ARGV[5])
            if redis.call('PEXPIRETIME', KEYS[2]) < tonumber(ARGV[14]) then
              redis.call('PEXPIREAT', KEYS[2], ARGV[14])
            end
            redis.call('ZADD', KEYS[3], ARGV[11], ARGV[5])
            return reply
            """);

    /** Records activity on a session that still exists (a logged-out one is not brought back). */
    private static final Script TOUCH = new Script("""
            -- KEYS: session hash, index. ARGV: h, active, idleEnd, score, sessionExpireAt
            if redis.call('EXISTS', KEYS[1]) == 0 then
              return 0
            end
            redis.call('HSET', KEYS[1], 'active', ARGV[2], 'idle_end', ARGV[3])
            redis.call('PEXPIREAT', KEYS[1], ARGV[5])
            redis.call('ZADD', KEYS[2], 'XX', ARGV[4], ARGV[1])
            return 1
            """);

    private static final Script DELETE = new Script("""
            -- KEYS: session hash, index. ARGV: h, keyPrefix
            local keyId = redis.call('HGET', KEYS[1], 'key_id')
            local deleted = redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            if keyId then
              redis.call('ZREM', ARGV[2] .. keyId, ARGV[1])
            end
            return deleted
            """);

    private static final Script DELETE_BY_KEY = new Script("""
            -- KEYS: key set, index. ARGV: sessionPrefix
            local count = 0
            for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              count = count + redis.call('DEL', ARGV[1] .. member)
              redis.call('ZREM', KEYS[2], member)
            end
            redis.call('DEL', KEYS[1])
            return count
            """);

    /** Deletes up to a batch of sessions; returns {sessions taken from the index, hashes deleted}. */
    private static final Script DELETE_BATCH = new Script("""
            -- KEYS: index. ARGV: batch, sessionPrefix, keyPrefix
            local members = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
            local count = 0
            for _, member in ipairs(members) do
              local key = ARGV[2] .. member
              local keyId = redis.call('HGET', key, 'key_id')
              count = count + redis.call('DEL', key)
              if keyId then
                redis.call('DEL', ARGV[3] .. keyId)
              end
              redis.call('ZREM', KEYS[1], member)
            end
            return {#members, count}
            """);

    /** Purges up to a batch of sessions that ended at or before now; returns how many. */
    private static final Script PURGE_BATCH = new Script("""
            -- KEYS: index. ARGV: now, batch, sessionPrefix, keyPrefix
            local members = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            for _, member in ipairs(members) do
              local key = ARGV[3] .. member
              local keyId = redis.call('HGET', key, 'key_id')
              redis.call('DEL', key)
              if keyId then
                redis.call('ZREM', ARGV[4] .. keyId, member)
              end
              redis.call('ZREM', KEYS[1], member)
            end
            return #members
            """);

    /** A fixed window: the first hit starts it (PEXPIRE NX), later hits only count. */
    private static final Script HIT = new Script("""
            -- KEYS: counter. ARGV: window ms
            local count = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1], 'NX')
            return {count, redis.call('PTTL', KEYS[1])}
            """);

    private final ReactiveRedisDataSource redis;
    private final SessionCipher cipher;
    private final Duration timeout;

    /** The client is looked up, not injected: with the memory store it is inactive and must not be created. */
    public RedisSessionStore(Instance<ReactiveRedisDataSource> redis, SessionConfig config) {
        this.redis = redis.get();
        this.cipher = SessionCipher.fromBase64(config.encryptionKey());
        this.timeout = config.storeTimeoutDuration();
    }

    @Override
    public Uni<Created> create(Session session, Caps caps, Instant now) {
        String h = storageId(session.id());
        long endsAt = ceilMillis(session.expiresAt());
        List<String> args = List.of(
                String.valueOf(now.toEpochMilli()),
                String.valueOf(caps.maxTotal()),
                String.valueOf(caps.maxPerKey()),
                caps.evictOldestOfKey() ? "1" : "0",
                h,
                session.keyId(),
                session.createdAt().toString(),
                session.lastActiveAt().toString(),
                session.idleExpiresAt().toString(),
                session.absoluteExpiresAt().toString(),
                String.valueOf(endsAt),
                String.valueOf(session.createdAt().toEpochMilli()),
                String.valueOf(endsAt + EXPIRED_GRACE.toMillis()),
                String.valueOf(ceilMillis(session.absoluteExpiresAt()) + EXPIRED_GRACE.toMillis()),
                cipher.seal(session.id(), associatedData(h, "id")),
                cipher.seal(session.apiKey(), associatedData(h, "api_key")),
                SESSION_PREFIX);
        return bounded(run(CREATE, List.of(SESSION_PREFIX + h, KEY_PREFIX + session.keyId(), INDEX), args))
                .map(reply -> {
                    String outcome = reply.get(0).toString();
                    if ("PER_KEY".equals(outcome)) {
                        return Created.refused(Created.Refusal.PER_KEY);
                    }
                    if ("TOTAL".equals(outcome)) {
                        return Created.refused(Created.Refusal.TOTAL);
                    }
                    List<Session> evicted = new ArrayList<>();
                    for (int i = 1; i + 1 < reply.size(); i += 2) {
                        String evictedH = reply.get(i).toString();
                        fromFields(evictedH, fields(reply.get(i + 1)), null).ifPresent(evicted::add);
                    }
                    return Created.stored(evicted);
                });
    }

    @Override
    public Uni<Optional<Session>> find(String id) {
        String h = storageId(id);
        return bounded(redis.execute("HGETALL", SESSION_PREFIX + h)).map(reply -> fromFields(h, fields(reply), id));
    }

    @Override
    public Uni<Void> touch(Session session) {
        String h = storageId(session.id());
        long endsAt = ceilMillis(session.expiresAt());
        return bounded(run(TOUCH, List.of(SESSION_PREFIX + h, INDEX), List.of(h, session.lastActiveAt().toString(),
                session.idleExpiresAt().toString(), String.valueOf(endsAt), String.valueOf(endsAt + EXPIRED_GRACE.toMillis()))))
                .replaceWithVoid();
    }

    @Override
    public Uni<Boolean> delete(String id) {
        String h = storageId(id);
        return bounded(run(DELETE, List.of(SESSION_PREFIX + h, INDEX), List.of(h, KEY_PREFIX)))
                .map(reply -> reply.toLong() > 0);
    }

    @Override
    public Uni<Integer> deleteByKey(String keyId) {
        return bounded(run(DELETE_BY_KEY, List.of(KEY_PREFIX + keyId, INDEX), List.of(SESSION_PREFIX)))
                .map(Response::toInteger);
    }

    @Override
    public Uni<Integer> deleteAll() {
        return deleteAllFrom(0);
    }

    private Uni<Integer> deleteAllFrom(int deletedSoFar) {
        return bounded(run(DELETE_BATCH, List.of(INDEX), List.of(String.valueOf(BATCH), SESSION_PREFIX, KEY_PREFIX)))
                .flatMap(reply -> {
                    int deleted = deletedSoFar + reply.get(1).toInteger();
                    return reply.get(0).toInteger() < BATCH ? Uni.createFrom().item(deleted) : deleteAllFrom(deleted);
                });
    }

    @Override
    public Uni<Integer> purgeExpired(Instant now) {
        return purgeFrom(now.toEpochMilli(), 0);
    }

    private Uni<Integer> purgeFrom(long nowMillis, int purgedSoFar) {
        return bounded(run(PURGE_BATCH, List.of(INDEX),
                List.of(String.valueOf(nowMillis), String.valueOf(BATCH), SESSION_PREFIX, KEY_PREFIX)))
                .flatMap(reply -> {
                    int purged = reply.toInteger();
                    return purged < BATCH ? Uni.createFrom().item(purgedSoFar + purged) : purgeFrom(nowMillis, purgedSoFar + purged);
                });
    }

    @Override
    public Uni<Long> count() {
        return bounded(redis.execute("ZCARD", INDEX)).map(Response::toLong);
    }

    @Override
    public Uni<Void> ping() {
        return bounded(redis.execute("PING")).replaceWithVoid();
    }

    @Override
    public Uni<WindowCount> hit(String bucket, Duration window) {
        long windowMillis = Math.max(1, window.toMillis());
        return bounded(run(HIT, List.of(RATE_PREFIX + bucket), List.of(String.valueOf(windowMillis))))
                .map(reply -> new WindowCount(reply.get(0).toLong(), Duration.ofMillis(Math.max(0, reply.get(1).toLong()))));
    }

    /** The name a session has in Redis: the SHA-256 of its id, so Redis never holds a usable id. */
    static String storageId(String sessionId) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** What a sealed field is bound to: its session (by storage id) and its purpose. */
    static String associatedData(String storageId, String field) {
        return storageId + "|" + field;
    }

    /**
     * The session stored under {@code h}; empty when there is none, or when it cannot be opened (sealed
     * under another SESSION_ENCRYPTION_KEY, or altered): such a session can never be used.
     */
    private Optional<Session> fromFields(String h, Map<String, String> fields, String knownId) {
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> apiKey = open(fields.get("api_key"), h, "api_key");
        Optional<String> id = knownId != null ? Optional.of(knownId) : open(fields.get("id"), h, "id");
        if (apiKey.isEmpty() || id.isEmpty()) {
            LOG.warnf("A stored session cannot be decrypted (key %s); was %s changed, or does it differ between replicas?",
                    fields.getOrDefault("key_id", "?"), SessionCipher.SETTING);
            return Optional.empty();
        }
        try {
            return Optional.of(new Session(id.get(), apiKey.get(), fields.get("key_id"),
                    Instant.parse(fields.get("created")), Instant.parse(fields.get("active")),
                    Instant.parse(fields.get("idle_end")), Instant.parse(fields.get("end"))));
        } catch (NullPointerException | DateTimeParseException e) {
            LOG.warnf("A stored session is incomplete (key %s); it is treated as unknown", fields.getOrDefault("key_id", "?"));
            return Optional.empty();
        }
    }

    private Optional<String> open(String sealed, String h, String field) {
        return sealed == null ? Optional.empty() : cipher.open(sealed, associatedData(h, field));
    }

    /** A hash reply (a RESP3 map, or a RESP2 / Lua flat array of field, value, ...) as a map. */
    private static Map<String, String> fields(Response reply) {
        Map<String, String> fields = new HashMap<>();
        if (reply == null) {
            return fields;
        }
        if (reply.isMap()) {
            for (String field : reply.getKeys()) {
                fields.put(field, reply.get(field).toString());
            }
            return fields;
        }
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            fields.put(reply.get(i).toString(), reply.get(i + 1).toString());
        }
        return fields;
    }

    private static long ceilMillis(Instant instant) {
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    /** Runs a script by its SHA-1, sending its source only when Redis does not have it yet. */
    private Uni<Response> run(Script script, List<String> keys, List<String> args) {
        List<String> tail = new ArrayList<>(keys.size() + args.size() + 1);
        tail.add(String.valueOf(keys.size()));
        tail.addAll(keys);
        tail.addAll(args);
        List<String> bySha = new ArrayList<>(tail);
        bySha.add(0, script.sha());
        List<String> bySource = new ArrayList<>(tail);
        bySource.add(0, script.source());
        return redis.execute("EVALSHA", bySha.toArray(String[]::new))
                .onFailure(RedisSessionStore::isNoScript)
                .recoverWithUni(() -> redis.execute("EVAL", bySource.toArray(String[]::new)));
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    /** Bounds a Redis call in time and turns every failure into one that says nothing about keys. */
    private <T> Uni<T> bounded(Uni<T> call) {
        return call.ifNoItem().after(timeout).failWith(TimeoutException::new)
                .onFailure(failure -> !(failure instanceof SessionStoreUnavailableException))
                .transform(this::unavailable);
    }

    private SessionStoreUnavailableException unavailable(Throwable failure) {
        String why;
        if (failure instanceof TimeoutException) {
            why = "Redis did not answer within " + timeout.toMillis() + " ms";
        } else if (isErrorReply(failure)) {
            // Only the error's code (ERR, WRONGTYPE, NOAUTH...): its text may quote keys or arguments.
            why = "Redis answered " + firstWord(failure.getMessage());
        } else {
            why = "Redis cannot be reached (" + failure.getClass().getSimpleName() + ")";
        }
        return new SessionStoreUnavailableException(why, null);
    }

    private static boolean isErrorReply(Throwable failure) {
        return failure.getClass().getName().startsWith("io.vertx.redis.client") && failure.getMessage() != null;
    }

    private static String firstWord(String message) {
        String word = message.strip().split("\\s", 2)[0];
        return word.matches("[A-Z]{2,20}") ? word : "an error";
    }

    /** A Lua script and its SHA-1, the name Redis caches it under. */
    private record Script(String source, String sha) {

        Script(String source) {
            this(source, sha1(source));
        }

        private static String sha1(String source) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is part of every JVM", e);
            }
        }
    }
}
