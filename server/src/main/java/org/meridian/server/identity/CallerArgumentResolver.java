package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets handlers declare a {@link Caller} parameter instead of digging in the security context. */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {
    private final CallerResolver callers;

    CallerArgumentResolver(CallerResolver callers) {
        this.callers = requireNonNull(callers, "callers is null");
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binders) {
        return callers.resolve(requireNonNull(request.getNativeRequest(HttpServletRequest.class)));
    }
}
