package io.boxoffice.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import us.dustinj.timezonemap.TimeZone;
import us.dustinj.timezonemap.TimeZoneMap;

/**
 * IANA time zones: the one a point on Earth lies in, and the names a venue may be given.
 *
 * <p>The lookup reads timezone-boundary-builder's polygons (oceans included) one 1° × 1° tile at a
 * time and keeps the last {@value #TILES} tiles: loading a tile costs a few hundred milliseconds
 * of CPU, a lookup in a loaded tile microseconds, and the whole world would hold 160 MB.
 */
@Component
public class TimeZones {

    private static final int TILES = 256;

    /** The IANA names a venue's time zone may have: regions and {@code Etc/} zones, not offsets. */
    private static final Set<String> NAMES = new TreeSet<>(ZoneId.getAvailableZoneIds());

    private final Cache<Tile, TimeZoneMap> tiles =
            Caffeine.newBuilder().maximumSize(TILES).build();

    /** Whether {@code name} is an IANA time zone this server knows, such as {@code Europe/Vienna}. */
    public static boolean known(@Nullable String name) {
        return name != null && NAMES.contains(name);
    }

    /** Every name {@link #known} accepts, in alphabetical order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(NAMES);
    }

    /** The time zone at this point; out at sea, the nautical zone of its longitude. */
    public ZoneId at(double latitude, double longitude) {
        Tile tile = Tile.of(latitude, longitude);
        TimeZoneMap map = tiles.get(tile, Tile::load);
        TimeZone found;
        synchronized (map) {
            found = map.getOverlappingTimeZone(latitude, longitude);
        }
        if (found != null && known(found.getZoneId())) {
            return ZoneId.of(found.getZoneId());
        }
        return nautical(longitude);
    }

    /** {@code Etc/GMT±n}, the zone of 15° of longitude centred on {@code n × 15°} (signs as POSIX has them). */
    static ZoneId nautical(double longitude) {
        int hours = (int) Math.round(longitude / 15);
        return ZoneId.of(hours == 0 ? "Etc/GMT" : "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours));
    }

    /** A 1° square of the map, south-west corner first. */
    private record Tile(int latitude, int longitude) {

        static Tile of(double latitude, double longitude) {
            return new Tile((int) Math.min(Math.floor(latitude), 89), (int) Math.min(Math.floor(longitude), 179));
        }

        TimeZoneMap load() {
            return TimeZoneMap.forRegion(latitude, longitude, latitude + 1, longitude + 1);
        }
    }
}
