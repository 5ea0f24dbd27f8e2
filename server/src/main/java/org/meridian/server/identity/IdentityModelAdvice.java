package org.meridian.server.identity;

import org.meridian.server.ops.MeridianProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header shows about the caller: who is signed in and which links they may follow. */
@ControllerAdvice(annotations = Controller.class)
class IdentityModelAdvice {
    private final String nodeName;

    IdentityModelAdvice(MeridianProperties properties) {
        this.nodeName = properties.node().hostname();
    }

    @ModelAttribute
    void caller(Caller caller, Model model) {
        model.addAttribute("signedInAs", caller.isAnonymous() ? null : caller.name());
        model.addAttribute("canAudit", caller.hasNodeRole(NodeRole.AUDITOR) || caller.hasNodeRole(NodeRole.NODE_ADMIN));
        model.addAttribute("canManageUsers", caller.hasNodeRole(NodeRole.NODE_ADMIN));
        model.addAttribute("canAdminister", caller.administersAnyOrganisation());
        if (!model.containsAttribute("node")) {
            model.addAttribute("node", nodeName);
        }
    }
}
