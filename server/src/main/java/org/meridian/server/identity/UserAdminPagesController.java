package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.system.RequestIds;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /admin/users}: node administrators list accounts, create them (handing out a one-time
 * setup link), enable or disable them and grant or revoke node roles. The security chain admits
 * node administrators only; {@link IdentityService} still decides and audits every change.
 */
@Controller
class UserAdminPagesController {
    private static final String PAGE = "redirect:/admin/users";

    private final IdentityService identity;
    private final MeridianProperties.Node node;
    private final long setupLinkHours;

    UserAdminPagesController(IdentityService identity, MeridianProperties properties) {
        this.identity = requireNonNull(identity, "identity is null");
        this.node = properties.node();
        this.setupLinkHours = properties.identity().setupLinkLifetime().toHours();
    }

    /** The new-account form as submitted, kept to fill the form again when it is refused. */
    record UserForm(String username, String email, List<String> nodeRoles) {
        UserForm {
            username = username == null ? "" : username;
            email = email == null ? "" : email.strip();
            nodeRoles = nodeRoles == null ? List.of() : List.copyOf(nodeRoles);
        }

        static UserForm blank() {
            return new UserForm("", "", List.of());
        }

        /** Whether the form ticks the node role with this label. */
        public boolean has(String role) {
            return nodeRoles.contains(role);
        }

        NewUser toNewUser() {
            Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
            for (String label : nodeRoles) {
                roles.add(NodeRole.parseRequested(label));
            }
            return new NewUser(username, email.isEmpty() ? Optional.empty() : Optional.of(email), Optional.empty(), roles);
        }
    }

    /** One account as the table shows it. */
    record UserRow(String username, Optional<String> email, boolean enabled, boolean bootstrap,
            Optional<String> identityProvider, List<String> nodeRoles, List<String> grantableNodeRoles,
            List<String> memberships, Optional<DisplayedTime> lockedUntil) {
        static UserRow of(User user, Optional<Instant> lockedUntil) {
            return new UserRow(user.username(), user.email(), user.enabled(), user.bootstrap(), user.idpIssuer(),
                    user.nodeRoles().stream().sorted().map(NodeRole::label).toList(),
                    Arrays.stream(NodeRole.values()).filter(role -> !user.hasNodeRole(role)).map(NodeRole::label).toList(),
                    user.memberships().stream()
                            .sorted(Comparator.comparing(Membership::organisationId).thenComparing(Membership::role))
                            .map(m -> m.organisationId() + ": " + m.role().label()
                                    + (m.source() == Membership.Source.IDP ? " (identity provider)" : ""))
                            .toList(),
                    lockedUntil.map(DisplayedTime::new));
        }
    }

    @GetMapping("/admin/users")
    String users(Caller caller, Model model) {
        model.addAttribute("userForm", UserForm.blank());
        return usersPage(caller, model);
    }

    @PostMapping("/admin/users")
    String createUser(UserForm userForm, Caller caller, HttpServletRequest request, HttpServletResponse response,
            Model model, RedirectAttributes flash) {
        try {
            String requestId = RequestIds.of(request);
            User user = identity.createUser(caller, caller.actor(), requestId, userForm.toNewUser(), Optional.empty());
            // A separate step, as at the command line: should it fail, the account stands without a
            // link, and `meridian admin setup-link` makes one.
            String secret = identity.createSetupLink(caller.actor(), requestId, user.username());
            // Without a configured public URL, the link leads where this administrator reached the node.
            String base = node.publicUrlOr(ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
            flash.addFlashAttribute("setupLink", new OneTimeSecret(user.username(), SetupLinks.address(base, secret)));
            flash.addFlashAttribute("notice", "Account '" + user.username() + "' created.");
            return PAGE;
        } catch (IdentityProblem problem) {
            return refused(problem, caller, response, model);
        }
    }

    @PostMapping("/admin/users/{username}/enabled")
    String setEnabled(@PathVariable String username, @RequestParam(defaultValue = "") String enabled, Caller caller,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash) {
        try {
            boolean enable = switch (enabled) {
                case "true" -> true;
                case "false" -> false;
                default -> throw IdentityProblem.invalid("enabled", "enabled must be true or false, got '" + enabled + "'");
            };
            identity.setEnabled(caller, RequestIds.of(request), username, enable);
            flash.addFlashAttribute("notice", enable ? "Account '" + username + "' enabled."
                    : "Account '" + username + "' disabled: it can no longer sign in, and its tokens are refused.");
            return PAGE;
        } catch (IdentityProblem problem) {
            return refused(problem, caller, response, model);
        }
    }

    @PostMapping("/admin/users/{username}/node-roles")
    String grantNodeRole(@PathVariable String username, @RequestParam(defaultValue = "") String role, Caller caller,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash) {
        try {
            identity.grantNodeRole(caller, RequestIds.of(request), username, NodeRole.parseRequested(role));
            flash.addFlashAttribute("notice", "Granted " + role + " to '" + username + "'.");
            return PAGE;
        } catch (IdentityProblem problem) {
            return refused(problem, caller, response, model);
        }
    }

    @PostMapping("/admin/users/{username}/node-roles/{role}/revoke")
    String revokeNodeRole(@PathVariable String username, @PathVariable String role, Caller caller,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash) {
        try {
            identity.revokeNodeRole(caller, RequestIds.of(request), username, NodeRole.parseRequested(role));
            flash.addFlashAttribute("notice", "Revoked " + role + " from '" + username + "'.");
            return PAGE;
        } catch (IdentityProblem problem) {
            return refused(problem, caller, response, model);
        }
    }

    /** The list again, answered with the refusal's status and message; a refused new account keeps what was typed. */
    private String refused(IdentityProblem problem, Caller caller, HttpServletResponse response, Model model) {
        Refusal.of(problem).showOn(response, model);
        if (!model.containsAttribute("userForm")) {
            model.addAttribute("userForm", UserForm.blank());
        }
        return Refusal.pageOrProblem(response, model, () -> usersPage(caller, model));
    }

    private String usersPage(Caller caller, Model model) {
        Map<String, Instant> locks = identity.lockedAccounts(caller);
        model.addAttribute("users", identity.listUsers(caller).stream()
                .map(user -> UserRow.of(user, Optional.ofNullable(locks.get(user.id())))).toList());
        model.addAttribute("setupLinkHours", setupLinkHours);
        return "admin-users";
    }
}
