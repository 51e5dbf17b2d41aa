package io.boxoffice.accounts;

import io.boxoffice.platform.security.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What sign-up asks for. The role may be ATTENDEE or ORGANIZER; nobody signs up as ADMIN. */
public record NewAccount(
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @Size(min = 8, max = 128) String password,
        @NotBlank @Size(max = 100) String displayName,
        @NotNull Role role) {

    public NewAccount {
        email = email == null ? null : email.strip();
    }
}
