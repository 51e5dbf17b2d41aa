package io.boxoffice.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import io.boxoffice.support.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Two more nodes, as separate processes on this test's database, run a room: exactly one of them
 * advances it at a time; killed with SIGKILL, the other takes over within the lease, every place
 * is still there on the survivor and on the killed node started again. This test's own node never
 * admits ({@code admits=false}), so the two processes are the only candidates.
 */
@TestPropertySource(properties = "boxoffice.waiting-room.admits=false")
class WaitingRoomFailoverTests extends ApiTest {

    private static final Pattern TICKS = Pattern.compile("(?m)^boxoffice_queue_ticks_total\\S* ([0-9.E]+)$");

    @Autowired
    private JdbcClient jdbc;

    @Test
    void oneNodeAdvancesAtATimeAndAKilledNodeLosesNoPlace() throws Exception {
        Path logs = Files.createTempDirectory("waiting-room-nodes");
        String[] arguments = arguments();
        NodeProcess first = NodeProcess.start(logs.resolve("first.log"), arguments);
        NodeProcess second = NodeProcess.start(logs.resolve("second.log"), arguments);
        try {
            first.awaitReady(Duration.ofSeconds(180));
            second.awaitReady(Duration.ofSeconds(180));
            Api.Account organizer = api.signUp("ORGANIZER");
            JsonNode event = api.publishedEvent(
                    organizer.token(),
                    api.venueId(organizer.token(), "Failover"),
                    List.of(Fixtures.ticketType("Standing", 3000, 1000)));
            String eventId = event.get("id").asString();
            Api.Response patched = api.patch(
                    "/api/v1/events/" + eventId,
                    organizer.token(),
                    Map.of(
                            "onSale",
                            Map.of(
                                    "at",
                                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                                    "waitingRoom",
                                    true,
                                    "admissionsPerMinute",
                                    20))); // 40 places last two minutes: rounds to watch until the end
            assertThat(patched.status()).as(patched.text()).isEqualTo(200);
            List<Api.Account> buyers = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Api.Account buyer = api.signUp("ATTENDEE");
                JsonNode place = poll(first.api(), eventId, buyer, null);
                buyers.add(buyer);
                tokens.add(place.get("queueToken").asString());
                positions.add(place.get("position").asInt());
            }
            assertThat(positions)
                    .containsExactlyElementsOf(
                            java.util.stream.IntStream.range(0, 40).boxed().toList());

            await().atMost(Duration.ofSeconds(45)).until(() -> rounds(eventId).size() >= 3);
            double firstTicks = ticks(first);
            double secondTicks = ticks(second);
            assertThat(firstTicks == 0 || secondTicks == 0)
                    .as("ticks: %s and %s", firstTicks, secondTicks)
                    .isTrue();
            boolean firstLeads = firstTicks > 0;
            NodeProcess leader = firstLeads ? first : second;
            NodeProcess survivor = firstLeads ? second : first;
            String leaderName = rounds(eventId).getFirst();
            assertThat(rounds(eventId)).containsOnly(leaderName);

            leader.kill();
            int before = rounds(eventId).size();
            await().atMost(Duration.ofSeconds(45)).until(() -> rounds(eventId).size() >= before + 3);
            List<String> nodes = rounds(eventId);
            String survivorName = nodes.getLast();
            assertThat(survivorName).isNotEqualTo(leaderName);
            // one run of the old leader, then only the survivor: never both in turn
            assertThat(nodes.subList(0, nodes.indexOf(survivorName))).containsOnly(leaderName);
            assertThat(nodes.subList(nodes.indexOf(survivorName), nodes.size())).containsOnly(survivorName);
            assertThat(ticks(survivor)).isPositive();
            for (int i = 0; i < buyers.size(); i++) {
                assertThat(poll(survivor.api(), eventId, buyers.get(i), tokens.get(i))
                                .get("position")
                                .asInt())
                        .isEqualTo(positions.get(i));
            }

            NodeProcess restarted =
                    NodeProcess.start(logs.resolve("restarted.log"), arguments).awaitReady(Duration.ofSeconds(180));
            try {
                for (int i = 0; i < buyers.size(); i++) {
                    assertThat(poll(restarted.api(), eventId, buyers.get(i), tokens.get(i))
                                    .get("position")
                                    .asInt())
                            .isEqualTo(positions.get(i));
                }
                assertThat(jdbc.sql("select count(*) from waiting_room_place where event_id = cast(:e as uuid)")
                                .param("e", eventId)
                                .query(Integer.class)
                                .single())
                        .isEqualTo(40);
            } finally {
                restarted.kill();
            }
        } finally {
            first.kill();
            second.kill();
        }
    }

    private String[] arguments() {
        List<String> arguments = new ArrayList<>(sameDatabase());
        arguments.add("--boxoffice.demo-data=false");
        // the buyers poll once to join and once at the end: on a slow machine the rest of the test
        // can outlast the default, and a place skipped as abandoned would read as a lost one
        arguments.add("--boxoffice.waiting-room.abandon-after=30m");
        return arguments.toArray(String[]::new);
    }

    private static JsonNode poll(Api node, String eventId, Api.Account buyer, String token) {
        Api.Response answer = token == null
                ? node.get("/api/v1/events/" + eventId + "/queue", buyer.token())
                : node.get("/api/v1/events/" + eventId + "/queue", buyer.token(), "Queue-Token", token);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    /** The node of every round of the room, in order. */
    private List<String> rounds(String eventId) {
        return jdbc.sql("select node from waiting_room_round where event_id = cast(:e as uuid) order by round")
                .param("e", eventId)
                .query(String.class)
                .list();
    }

    private static double ticks(NodeProcess node) {
        Matcher matcher =
                TICKS.matcher(node.management().get("/actuator/prometheus").text());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
