package io.boxoffice.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A new venue as an organizer describes it. */
public record VenueDraft(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 500) String address,
        @NotBlank @Size(max = 100) String city,

        @NotNull @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166 alpha-2 code")
        String countryCode,

        @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @NotNull @Min(1) @Max(1_000_000) Integer capacity,

        @Schema(
                description = "The IANA time zone the venue's events are shown in; derived from the"
                        + " coordinates when absent.",
                example = "Europe/Vienna")
        @Nullable
        @IanaTimeZone
        String timeZone) {

    /** A venue with its time zone derived from its coordinates. */
    public VenueDraft(
            String name,
            String address,
            String city,
            String countryCode,
            Double latitude,
            Double longitude,
            Integer capacity) {
        this(name, address, city, countryCode, latitude, longitude, capacity, null);
    }
}
