package io.boxoffice.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A change to a venue: absent fields stay as they are. */
public record VenuePatch(
        @Nullable @Size(min = 1, max = 200) String name,
        @Nullable @Size(min = 1, max = 500) String address,
        @Nullable @Size(min = 1, max = 100) String city,

        @Nullable @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166 alpha-2 code")
        String countryCode,

        @Nullable @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @Nullable @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @Nullable @Min(1) @Max(1_000_000) Integer capacity,

        @Schema(
                description = "A new IANA time zone. When absent, a venue whose coordinates change gets the"
                        + " zone of its new coordinates.",
                example = "Europe/Vienna")
        @Nullable
        @IanaTimeZone
        String timeZone) {}
