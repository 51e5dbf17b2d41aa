package io.boxoffice.waitingroom;

import io.boxoffice.catalog.Event;
import io.boxoffice.platform.domain.DomainException;
import io.boxoffice.platform.security.Caller;
import io.boxoffice.waitingroom.QueueStatus.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The waiting room module's facade: join a room and poll a place. A poll with a queue token is
 * answered from this node's copy of the room and the token alone; only a first arrival, or a
 * return after a place lapsed, writes (through {@link Joins}).
 */
@Service
public class WaitingRooms {

    private static final long JOIN_TIMEOUT_SECONDS = 30;
    private static final int OPENING_SPREAD_SECONDS = 5;

    private final RoomViews views;
    private final Joins joins;
    private final Tokens tokens;
    private final WaitingRoomSettings settings;
    private final Clock clock;
    private final QueueMetrics metrics;

    WaitingRooms(
            RoomViews views,
            Joins joins,
            Tokens tokens,
            WaitingRoomSettings settings,
            Clock clock,
            QueueMetrics metrics) {
        this.views = views;
        this.joins = joins;
        this.tokens = tokens;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** No event with that id is visible. */
    static final class RoomUnknown extends DomainException {
        RoomUnknown() {
            super(Kind.NOT_FOUND, "not-found", "No such event.");
        }
    }

    /**
     * The caller's place in the event's room: with no token (or after the place lapsed) a place
     * is taken, one per account; with one, it is read from the token and this node's copy.
     */
    QueueStatus poll(Caller caller, UUID eventId, @Nullable String queueToken, String address) {
        RoomView view =
                views.get(eventId).filter(found -> found.event().visibleToAll()).orElseThrow(RoomUnknown::new);
        metrics.polled();
        Instant now = clock.instant();
        Tokens.QueueToken token = null;
        if (queueToken != null) {
            try {
                token = tokens.queue(queueToken, eventId, caller.accountId());
            } catch (TokenRefused refused) {
                metrics.refused(refused, false);
                throw refused;
            }
        }
        if (!view.admitting(now)) {
            return closed(view, State.CLOSED, token);
        }
        boolean lapsed = token != null && view.lapsed(token.arrival(), now);
        if (token == null || lapsed) {
            if (view.room().state() == Room.State.SOLD_OUT) {
                return closed(view, State.SOLD_OUT, token);
            }
            int arrival = await(joins.join(view.event(), caller.accountId(), address));
            view = views.get(eventId).orElseThrow(RoomUnknown::new);
            token = new Tokens.QueueToken(eventId, caller.accountId(), arrival, -1, now);
            lapsed = lapsed || view.lapsed(arrival, now);
        }
        views.seen(eventId, token.arrival());
        return answer(view, token, lapsed, now);
    }

    private QueueStatus answer(RoomView view, Tokens.QueueToken token, boolean lapsed, Instant now) {
        Room room = view.room();
        // a token signed after the draw carries the place: no need to draw it again
        int position = token.position() >= 0 ? token.position() : view.position(token.arrival());
        Tokens.QueueToken placed = position == token.position()
                ? token
                : new Tokens.QueueToken(
                        token.eventId(), token.accountId(), token.arrival(), position, token.issuedAt());
        String queueToken = tokens.sign(placed);
        Instant opensAt = view.event().onSale().at();
        String commitment = view.commitment();
        String seed = room.presale() == null ? null : java.util.HexFormat.of().formatHex(room.seed());
        Boolean lapsedFlag = lapsed ? Boolean.TRUE : null;
        if (room.state() == Room.State.SOLD_OUT) {
            return new QueueStatus(
                    State.SOLD_OUT,
                    queueToken,
                    position < 0 ? null : position,
                    null,
                    null,
                    null,
                    null,
                    opensAt,
                    commitment,
                    seed,
                    lapsedFlag,
                    settings.pollMax().toSeconds());
        }
        if (position >= 0 && position < room.serving()) {
            Round round = view.roundOf(position);
            if (round != null && !round.skipped(position) && now.isBefore(view.admissionEnds(round))) {
                Instant expires = view.admissionEnds(round);
                String admission = tokens.sign(new Tokens.AdmissionToken(token.eventId(), token.accountId(), expires));
                return new QueueStatus(
                        State.ADMITTED,
                        queueToken,
                        position,
                        0,
                        0L,
                        admission,
                        expires,
                        opensAt,
                        commitment,
                        seed,
                        lapsedFlag,
                        retry(Duration.between(now, expires)));
            }
        }
        if (position < 0) {
            Duration untilOpen = Duration.between(now, opensAt);
            long wait = Math.max(0, untilOpen.toSeconds());
            return new QueueStatus(
                    State.WAITING,
                    queueToken,
                    null,
                    null,
                    wait,
                    null,
                    null,
                    opensAt,
                    commitment,
                    null,
                    lapsedFlag,
                    retry(untilOpen));
        }
        int ahead = Math.max(0, position - room.serving());
        long wait = (long) Math.ceil(ahead / view.admissionsPerSecond());
        return new QueueStatus(
                State.WAITING,
                queueToken,
                position,
                ahead,
                wait,
                null,
                null,
                opensAt,
                commitment,
                seed,
                lapsedFlag,
                retry(Duration.ofSeconds(wait / 4)));
    }

    private QueueStatus closed(RoomView view, State state, Tokens.QueueToken token) {
        Instant opensAt =
                view.event().onSale() == null ? null : view.event().onSale().at();
        return new QueueStatus(
                state,
                token == null ? null : tokens.sign(token),
                null,
                null,
                null,
                null,
                null,
                opensAt,
                null,
                null,
                null,
                settings.pollMax().toSeconds());
    }

    /** A poll interval within the settings' bounds. */
    private long retry(Duration wanted) {
        Duration bounded = wanted.compareTo(settings.pollMin()) < 0
                ? settings.pollMin()
                : wanted.compareTo(settings.pollMax()) > 0 ? settings.pollMax() : wanted;
        return bounded.toSeconds();
    }

    /** The event of a room, as this node knows it (for the waiting page). */
    Event event(UUID eventId) {
        return views.get(eventId)
                .filter(found -> found.event().visibleToAll())
                .orElseThrow(RoomUnknown::new)
                .event();
    }

    private static int await(java.util.concurrent.CompletableFuture<Integer> arrival) {
        try {
            return arrival.get(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining a waiting room", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no place within " + JOIN_TIMEOUT_SECONDS + " s", e);
        }
    }
}
