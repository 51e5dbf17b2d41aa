package io.boxoffice.waitingroom;

import io.boxoffice.catalog.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One node's copy of a room, at most a tick old: the event's on-sale settings, the room's counters
 * and every round so far. Polls and admissions are answered from it alone.
 */
record RoomView(
        Event event, Room room, Round[] rounds, @Nullable Draw draw, String commitment) {

    /** A view of {@code room} with these rounds. */
    static RoomView of(Event event, Room room, Round[] rounds) {
        return new RoomView(event, room, rounds, room.draw(), Draw.commitment(room.seed()));
    }

    /** This view with the room's newer state and the rounds it did not have yet. */
    RoomView refreshed(Event newEvent, Room newRoom, List<Round> newRounds) {
        Round[] all = rounds;
        if (!newRounds.isEmpty()) {
            List<Round> longer = new ArrayList<>(Arrays.asList(rounds));
            longer.addAll(newRounds);
            all = longer.toArray(Round[]::new);
        }
        boolean sameDraw = java.util.Objects.equals(newRoom.presale(), room.presale())
                && Arrays.equals(newRoom.seed(), room.seed());
        return sameDraw ? new RoomView(newEvent, newRoom, all, draw, commitment) : RoomView.of(newEvent, newRoom, all);
    }

    /** The place of {@code arrival}, or -1 before the draw. */
    int position(int arrival) {
        return room.position(arrival, draw);
    }

    /** The last round this view holds, or 0. */
    int lastRound() {
        return rounds.length == 0 ? 0 : rounds[rounds.length - 1].round();
    }

    /** Whether the event sells through this room now. */
    boolean admitting(Instant now) {
        return event.behindWaitingRoom() && event.startsAt().isAfter(now) && room.state() != Room.State.CLOSED;
    }

    /** The round that passed place {@code position}, or null if this view has not seen it pass. */
    @Nullable
    Round roundOf(int position) {
        int low = 0;
        int high = rounds.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Round round = rounds[middle];
            if (position < round.first()) {
                high = middle - 1;
            } else if (position >= round.last()) {
                low = middle + 1;
            } else {
                return round;
            }
        }
        return null;
    }

    /** When the admission of whoever was admitted in {@code round} ends. */
    Instant admissionEnds(Round round) {
        return round.at().plusSeconds(60L * checkoutMinutes());
    }

    int checkoutMinutes() {
        return event.onSale() == null ? 1 : event.onSale().checkoutMinutes();
    }

    double admissionsPerSecond() {
        return event.onSale() == null ? 1 : event.onSale().admissionsPerMinute() / 60.0;
    }

    /**
     * Whether the holder of arrival number {@code arrival} lost that place: it was passed while
     * they were away, or they were admitted and the admission ran out.
     */
    boolean lapsed(int arrival, Instant now) {
        int position = position(arrival);
        if (position < 0 || position >= room.serving()) {
            return false;
        }
        Round round = roundOf(position);
        return round != null && (round.skipped(position) || !now.isBefore(admissionEnds(round)));
    }
}
