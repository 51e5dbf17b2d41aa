package io.boxoffice.accounts;

import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.security.Callers;
import io.boxoffice.platform.security.SessionCookies;
import io.boxoffice.platform.web.WebPage;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The signed-in person's account: who they are, their data to download (the API's export, as a
 * file), and deleting the account, which asks for the password again so that a borrowed or
 * forgotten signed-in phone cannot erase it.
 */
@Controller
@WebPage
class AccountPages {

    private final AccountManagement accounts;

    AccountPages(AccountManagement accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/me")
    String account(Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        model.addAttribute("account", accounts.get(Callers.required().accountId()));
        return "account";
    }

    @GetMapping("/me/export")
    ResponseEntity<Map<String, Object>> export() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore().cachePrivate())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("boxoffice-my-data.json")
                                .build()
                                .toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(accounts.export(Callers.required().accountId()));
    }

    @PostMapping("/me/delete")
    String delete(@RequestParam(defaultValue = "") String password, Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        Caller caller = Callers.required();
        Account account = accounts.get(caller.accountId());
        try {
            accounts.issueToken(account.email(), password);
        } catch (BadCredentials wrong) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("account", account);
            model.addAttribute("error", "That is not your password. Your account was not deleted.");
            return "account";
        }
        accounts.erase(caller.accountId());
        SessionCookies.clear(response);
        return "redirect:/signin?deleted";
    }
}
