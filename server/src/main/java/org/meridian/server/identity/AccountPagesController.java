package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.system.RequestIds;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /account}: who the signed-in user is, their organisations and roles, and their API
 * tokens, which they create (the secret shown once) and revoke here. Every change goes through
 * {@link IdentityService}, which decides and audits; a refused form comes back with its status
 * and message.
 */
@Controller
class AccountPagesController {
    static final int DEFAULT_TOKEN_DAYS = 90;

    private final IdentityService identity;
    private final Clock clock;
    private final long maxTokenDays;

    AccountPagesController(IdentityService identity, Clock clock, MeridianProperties properties) {
        this.identity = requireNonNull(identity, "identity is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxTokenDays = properties.identity().maxTokenLifetime().toDays();
    }

    /**
     * The new-token form as submitted, kept to fill the form again when it is refused. A field the
     * form did not send at all takes its default, as in the JSON API.
     */
    record TokenForm(String name, List<String> scopes, String expiresInDays) {
        TokenForm {
            name = name == null ? "" : name;
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
            expiresInDays = expiresInDays == null ? Integer.toString(DEFAULT_TOKEN_DAYS) : expiresInDays.strip();
        }

        static TokenForm blank() {
            return new TokenForm("", List.of(TokenScope.READ.label()), null);
        }

        /** Whether the form ticks the scope with this label. */
        public boolean has(String scope) {
            return scopes.contains(scope);
        }

        Set<TokenScope> scopeSet() {
            return TokenScope.parseRequested(scopes);
        }

        Duration lifetime() {
            try {
                // An int, as in the JSON API: any count of days beyond it is refused by the service anyway.
                return Duration.ofDays(Integer.parseInt(expiresInDays));
            } catch (NumberFormatException e) {
                throw IdentityProblem.invalid("expiresInDays",
                        "expiry must be a whole number of days, got '" + expiresInDays + "'");
            }
        }
    }

    record MembershipRow(String organisation, String role, boolean fromIdentityProvider) {
        static MembershipRow of(Membership membership) {
            return new MembershipRow(membership.organisationId(), membership.role().label(),
                    membership.source() == Membership.Source.IDP);
        }
    }

    record TokenRow(String id, String name, List<String> scopes, DisplayedTime created, DisplayedTime expires,
            Optional<DisplayedTime> lastUsed, Optional<DisplayedTime> revoked, boolean expired) {
        static TokenRow of(ApiToken token, Instant now) {
            return new TokenRow(token.id(), token.name(), token.scopes().stream().sorted().map(TokenScope::label).toList(),
                    new DisplayedTime(token.createdAt()), new DisplayedTime(token.expiresAt()),
                    token.lastUsedAt().map(DisplayedTime::new), token.revokedAt().map(DisplayedTime::new),
                    !now.isBefore(token.expiresAt()));
        }

        public boolean usable() {
            return revoked.isEmpty() && !expired;
        }
    }

    @GetMapping("/account")
    String account(Caller caller, Model model) {
        model.addAttribute("tokenForm", TokenForm.blank());
        return accountPage(caller, model);
    }

    @PostMapping("/account/tokens")
    String createToken(TokenForm tokenForm, Caller caller, HttpServletRequest request, HttpServletResponse response,
            Model model, RedirectAttributes flash) {
        try {
            CreatedToken created = identity.createToken(caller, RequestIds.of(request), tokenForm.name(),
                    tokenForm.scopeSet(), tokenForm.lifetime());
            flash.addFlashAttribute("createdToken", new OneTimeSecret(created.token().name(), created.secret()));
            flash.addFlashAttribute("notice", "Token '" + created.token().name() + "' created.");
            return "redirect:/account";
        } catch (IdentityProblem problem) {
            Refusal.of(problem).showOn(response, model);
            return accountPage(caller, model);
        }
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@PathVariable String id, Caller caller, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes flash) {
        try {
            Optional<String> name = identity.listTokens(caller).stream().filter(token -> token.id().equals(id))
                    .map(ApiToken::name).findFirst();
            identity.revokeToken(caller, RequestIds.of(request), id);
            flash.addFlashAttribute("notice", "Token " + name.map(n -> "'" + n + "' ").orElse("")
                    + "revoked; requests that send it are refused from now on.");
            return "redirect:/account";
        } catch (IdentityProblem problem) {
            Refusal.of(problem).showOn(response, model);
            model.addAttribute("tokenForm", TokenForm.blank());
            return accountPage(caller, model);
        }
    }

    private String accountPage(Caller caller, Model model) {
        User user = caller.user().orElseThrow();
        Instant now = clock.instant();
        model.addAttribute("account", user);
        model.addAttribute("nodeRoles", user.nodeRoles().stream().sorted().map(NodeRole::label).toList());
        model.addAttribute("memberships", user.memberships().stream().map(MembershipRow::of)
                .sorted(Comparator.comparing(MembershipRow::organisation).thenComparing(MembershipRow::role)).toList());
        model.addAttribute("tokens", identity.listTokens(caller).stream()
                .sorted(Comparator.comparing(ApiToken::createdAt).reversed()).map(token -> TokenRow.of(token, now)).toList());
        model.addAttribute("maxTokenDays", maxTokenDays);
        model.addAttribute("signInMethod", user.idpIssuer().map(issuer -> "Single sign-on (" + issuer + ")")
                .orElse("Password"));
        return "account";
    }

}
