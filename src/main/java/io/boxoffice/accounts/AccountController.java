package io.boxoffice.accounts;

import io.boxoffice.platform.security.Callers;
import io.boxoffice.platform.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP edge of the accounts module: sign-up, tokens, and the caller's own account. */
@RestController
@RequestMapping("/api/v1")
class AccountController {

    /** Sign-in credentials. */
    record TokenRequest(@NotNull String email, @NotNull String password) {}

    private final AccountManagement accounts;

    AccountController(AccountManagement accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/accounts")
    ResponseEntity<Account> register(@Valid @RequestBody NewAccount request) {
        Account account = accounts.register(request);
        return ResponseEntity.created(URI.create("/api/v1/me")).body(account);
    }

    @PostMapping("/auth/token")
    AccessToken token(@Valid @RequestBody TokenRequest request) {
        return accounts.issueToken(request.email(), request.password());
    }

    /** The roles an administrator gives an account. */
    record RolesRequest(@NotNull Set<Role> roles) {}

    @PutMapping("/admin/accounts/{id}/roles")
    Account setRoles(@PathVariable UUID id, @Valid @RequestBody RolesRequest request) {
        return accounts.setRoles(Callers.required(), id, request.roles());
    }

    @GetMapping("/me")
    Account me() {
        return accounts.get(Callers.required().accountId());
    }

    @GetMapping("/me/export")
    Map<String, Object> export() {
        return accounts.export(Callers.required().accountId());
    }

    @DeleteMapping("/me")
    ResponseEntity<Void> erase() {
        accounts.erase(Callers.required().accountId());
        return ResponseEntity.noContent().build();
    }
}
