package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.meridian.server.system.RequestIds;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/organisations}: node administrators see and create every organisation; an
 * organisation's admins see theirs. On an organisation's page its admins (and node
 * administrators) grant and revoke roles. The security chain admits anyone who administers some
 * organisation; {@link IdentityService} decides for each one, and audits.
 */
@Controller
class OrganisationPagesController {
    /** Expanded from the request's path variables (or redirect attributes) and encoded by Spring. */
    private static final String ORGANISATION_PAGE = "redirect:/admin/organisations/{organisation}";

    private final IdentityService identity;

    OrganisationPagesController(IdentityService identity) {
        this.identity = requireNonNull(identity, "identity is null");
    }

    /** The new-organisation form as submitted, kept to fill the form again when it is refused. */
    record OrganisationForm(String id, String name) {
        OrganisationForm {
            id = id == null ? "" : id.strip();
            name = name == null ? "" : name;
        }

        static OrganisationForm blank() {
            return new OrganisationForm("", "");
        }
    }

    /** The grant form as submitted. */
    record MemberForm(String username, String role) {
        MemberForm {
            username = username == null ? "" : username.strip();
            role = role == null ? "" : role;
        }

        static MemberForm blank() {
            return new MemberForm("", OrgRole.MEMBER.label());
        }

        OrgRole parsedRole() {
            return OrgRole.parseRequested(role);
        }
    }

    record OrganisationRow(String id, String name, DisplayedTime created) {
        static OrganisationRow of(Organisation organisation) {
            return new OrganisationRow(organisation.id(), organisation.name(), new DisplayedTime(organisation.createdAt()));
        }
    }

    /** A role held in this organisation; those from identity-provider groups are changed there, not here. */
    record RoleHeld(String role, boolean fromIdentityProvider) {
    }

    record MemberRow(String username, Optional<String> displayName, boolean enabled, List<RoleHeld> roles) {
        static MemberRow of(User user, String organisationId) {
            return new MemberRow(user.username(), user.displayName(), user.enabled(), user.memberships().stream()
                    .filter(membership -> membership.organisationId().equals(organisationId))
                    .sorted(Comparator.comparing(Membership::role).thenComparing(Membership::source))
                    .map(membership -> new RoleHeld(membership.role().label(),
                            membership.source() == Membership.Source.IDP))
                    .toList());
        }
    }

    @GetMapping("/admin/organisations")
    String organisations(Caller caller, Model model) {
        model.addAttribute("organisationForm", OrganisationForm.blank());
        return organisationsPage(caller, model);
    }

    @PostMapping("/admin/organisations")
    String createOrganisation(OrganisationForm organisationForm, Caller caller, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes flash) {
        try {
            Organisation organisation = identity.createOrganisation(caller, RequestIds.of(request), organisationForm.id(),
                    organisationForm.name());
            flash.addAttribute("organisation", organisation.id());
            flash.addFlashAttribute("notice", "Organisation '" + organisation.id() + "' created.");
            return ORGANISATION_PAGE;
        } catch (IdentityProblem problem) {
            Refusal.of(problem).showOn(response, model);
            return Refusal.pageOrProblem(response, model, () -> organisationsPage(caller, model));
        }
    }

    @GetMapping("/admin/organisations/{organisation}")
    String organisation(@PathVariable String organisation, Caller caller, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        model.addAttribute("memberForm", MemberForm.blank());
        return Refusal.pageOrProblem(response, model, () -> organisationPage(organisation, caller, request, model));
    }

    @PostMapping("/admin/organisations/{organisation}/members")
    String grantRole(@PathVariable String organisation, MemberForm memberForm, Caller caller,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash) {
        try {
            OrgRole role = memberForm.parsedRole();
            identity.grantRole(caller, RequestIds.of(request), memberForm.username(), organisation, role);
            flash.addFlashAttribute("notice", "Granted " + role.label() + " to '" + memberForm.username() + "'.");
            return ORGANISATION_PAGE;
        } catch (IdentityProblem problem) {
            return refused(problem, organisation, caller, request, response, model);
        }
    }

    @PostMapping("/admin/organisations/{organisation}/members/{username}/{role}/revoke")
    String revokeRole(@PathVariable String organisation, @PathVariable String username, @PathVariable String role,
            Caller caller, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes flash) {
        try {
            identity.revokeRole(caller, RequestIds.of(request), username, organisation, OrgRole.parseRequested(role));
            flash.addFlashAttribute("notice", "Revoked " + role + " from '" + username + "'.");
            return ORGANISATION_PAGE;
        } catch (IdentityProblem problem) {
            model.addAttribute("memberForm", MemberForm.blank());
            return refused(problem, organisation, caller, request, response, model);
        }
    }

    /** The organisation's page again with the refusal; the problem page if the caller may not see it at all. */
    private String refused(IdentityProblem problem, String organisation, Caller caller, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        if (problem.status() == HttpStatus.FORBIDDEN) {
            // Not this organisation's admin: the page would be refused (and audited) a second time.
            return Refusal.problemPage(problem, response, model);
        }
        Refusal.of(problem).showOn(response, model);
        return Refusal.pageOrProblem(response, model, () -> organisationPage(organisation, caller, request, model));
    }

    private String organisationsPage(Caller caller, Model model) {
        model.addAttribute("organisations",
                identity.organisationsAdministeredBy(caller).stream().map(OrganisationRow::of).toList());
        // Only shown to those the service lets create one; it decides again when the form is sent.
        model.addAttribute("canCreateOrganisations", caller.hasNodeRole(NodeRole.NODE_ADMIN));
        return "admin-organisations";
    }

    private String organisationPage(String organisationId, Caller caller, HttpServletRequest request, Model model) {
        List<User> members = identity.organisationMembers(caller, RequestIds.of(request), organisationId);
        model.addAttribute("organisation", identity.findOrganisation(organisationId).map(OrganisationRow::of).orElseThrow());
        model.addAttribute("members", members.stream().map(user -> MemberRow.of(user, organisationId)).toList());
        model.addAttribute("roleChoices", Arrays.stream(OrgRole.values()).map(OrgRole::label).toList());
        return "admin-organisation";
    }
}
