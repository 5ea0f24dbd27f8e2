package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.system.ProblemException;
import org.meridian.server.system.RequestIds;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page (the form posts to Spring Security's login filter) and the one-time password setup page. */
@Controller
class SignInPageController {
    private final IdentityService identity;
    private final SignInProviders providers;
    private final int minPasswordLength;

    SignInPageController(IdentityService identity, SignInProviders providers, MeridianProperties properties) {
        this.identity = requireNonNull(identity, "identity is null");
        this.providers = requireNonNull(providers, "providers is null");
        this.minPasswordLength = properties.identity().minPasswordLength();
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
            @RequestParam(required = false) String passwordSet, @RequestParam(required = false) String sso,
            Model model) {
        model.addAttribute("failed", error != null);
        // Only the closed set of reasons is shown, never text from the query string.
        model.addAttribute("singleSignOnFailure", sso == null ? null
                : SingleSignOnFailure.parse(sso).orElse(SingleSignOnFailure.INVALID_RESPONSE).message());
        model.addAttribute("signedOut", logout != null);
        model.addAttribute("passwordSet", passwordSet != null);
        model.addAttribute("providers", providers.all());
        return "login";
    }

    @GetMapping("/setup")
    String setup(@RequestParam(defaultValue = "") String secret, HttpServletResponse response, Model model) {
        boolean valid = identity.setupLinkIsValid(secret);
        if (!valid) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("message", "This setup link is unknown, used or expired. Ask an administrator for a new one.");
        }
        model.addAttribute("valid", valid);
        model.addAttribute("secret", secret);
        model.addAttribute("minLength", minPasswordLength);
        return "setup";
    }

    @PostMapping("/setup")
    String completeSetup(@RequestParam(defaultValue = "") String secret, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            identity.completeSetup(secret, password, RequestIds.of(request));
            return "redirect:/login?passwordSet";
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("message", e.getMessage());
            model.addAttribute("valid", identity.setupLinkIsValid(secret));
            model.addAttribute("secret", secret);
            model.addAttribute("minLength", minPasswordLength);
            return "setup";
        }
    }

    /** The sign-in buttons for configured identity providers. */
    record Provider(String name, String href) {
    }

    /** Where the page learns which identity providers to offer; empty while single sign-on is off. */
    interface SignInProviders {
        List<Provider> all();
    }
}
