package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.meridian.server.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/**
 * A form the identity service refused, as a page shows it: answered with the refusal's status,
 * its message above the form and the blamed field marked. Pages show refusals themselves rather
 * than leaving them to the problem+json advice, so a person reads why next to what they typed.
 *
 * @param field the form field to blame, when one is
 */
record Refusal(HttpStatus status, String message, Optional<String> field) {
    Refusal {
        requireNonNull(status, "status is null");
        requireNonNull(message, "message is null");
        requireNonNull(field, "field is null");
    }

    static Refusal of(ProblemException problem) {
        return new Refusal(problem.status(), problem.getMessage(),
                problem.members().get("field") instanceof String name ? Optional.of(name) : Optional.empty());
    }

    /** Whether the refusal is about the named field; the template marks that input invalid. */
    public boolean blames(String name) {
        return field.filter(name::equals).isPresent();
    }

    /** Sets the response status and puts the refusal where the page's message region finds it. */
    void showOn(HttpServletResponse response, Model model) {
        response.setStatus(status.value());
        model.addAttribute("refusal", this);
    }

    /**
     * Renders a page, or the problem page with the refusal's status when the page itself cannot be
     * shown to this caller (an organisation that does not exist, or is not theirs).
     */
    static String pageOrProblem(HttpServletResponse response, Model model, PageView page) {
        try {
            return page.render();
        } catch (IdentityProblem problem) {
            return problemPage(problem, response, model);
        }
    }

    /** The problem page alone: its title, message and status, for a refusal no form page can show. */
    static String problemPage(ProblemException problem, HttpServletResponse response, Model model) {
        response.setStatus(problem.status().value());
        model.addAttribute("title", problem.title());
        model.addAttribute("message", problem.getMessage());
        return "problem";
    }

    /** Fills the model for a page and names its template. */
    @FunctionalInterface
    interface PageView {
        String render();
    }
}
