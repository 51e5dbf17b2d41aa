package io.boxoffice.accounts;

import io.boxoffice.platform.security.Role;
import io.boxoffice.platform.security.SessionCookies;
import io.boxoffice.platform.web.WebPage;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in, sign-up and sign-out for the web front. Signing in puts the same token the API issues
 * into the session cookie; a form with a mistake comes back with the person's input and a message.
 */
@Controller
@WebPage
class SignInPages {

    private final AccountManagement accounts;
    private final Validator validator;

    SignInPages(AccountManagement accounts, Validator validator) {
        this.accounts = accounts;
        this.validator = validator;
    }

    @GetMapping("/signin")
    String signInForm(@RequestParam(required = false) @Nullable String next, Model model) {
        model.addAttribute("next", localPath(next));
        return "signin";
    }

    @PostMapping("/signin")
    String signIn(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) @Nullable String next,
            Model model,
            HttpServletResponse response) {
        try {
            startSession(accounts.issueToken(email, password), response);
            return "redirect:" + localPath(next);
        } catch (BadCredentials wrong) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("error", "Wrong email or password.");
            model.addAttribute("email", email);
            model.addAttribute("next", localPath(next));
            return "signin";
        }
    }

    @GetMapping("/signup")
    String signUpForm() {
        return "signup";
    }

    @PostMapping("/signup")
    String signUp(
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "ATTENDEE") String role,
            Model model,
            HttpServletResponse response) {
        Role wanted = "ORGANIZER".equals(role) ? Role.ORGANIZER : Role.ATTENDEE;
        NewAccount request = new NewAccount(email, password, displayName, wanted);
        String problem = validator.validate(request).stream()
                .min(Comparator.comparing(
                        violation -> violation.getPropertyPath().toString()))
                .map(SignInPages::describe)
                .orElse(null);
        if (problem == null) {
            try {
                accounts.register(request);
                startSession(accounts.issueToken(request.email(), password), response);
                return "redirect:/";
            } catch (EmailTaken taken) {
                problem = "That email already has an account. Sign in instead.";
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("error", problem);
        model.addAttribute("displayName", displayName);
        model.addAttribute("email", email);
        return "signup";
    }

    @PostMapping("/signout")
    String signOut(HttpServletResponse response) {
        SessionCookies.clear(response);
        return "redirect:/";
    }

    private static void startSession(AccessToken token, HttpServletResponse response) {
        SessionCookies.issue(response, token.accessToken(), Duration.ofSeconds(token.expiresIn()));
    }

    private static String describe(ConstraintViolation<NewAccount> violation) {
        return switch (violation.getPropertyPath().toString()) {
            case "displayName" -> "Please tell us your name (up to 100 characters).";
            case "email" -> "Please enter a valid email address.";
            case "password" -> "Choose a password of 8 to 128 characters.";
            default -> "Please check the form.";
        };
    }

    /** Where to go after signing in: a path on this site, never another site. */
    static String localPath(@Nullable String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return "/";
        }
        return next;
    }
}
