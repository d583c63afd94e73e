package io.pitaya.it.pipeline;

import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.api.pipeline.AfterContext;
import io.pitaya.api.pipeline.AfterHandler;
import io.pitaya.api.pipeline.BeforeContext;
import io.pitaya.api.pipeline.BeforeHandler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/** The test deployment's hooks, as an application would write them: CDI beans ordered by {@code @Priority}. */
public final class Hooks {

    private Hooks() {
    }

    static boolean mine(io.pitaya.api.pipeline.HandlerContext ctx) {
        return ctx.service().equals("pipe");
    }

    /** Runs first (lowest priority value): refuses {@code pipe.secret} unless the session is an admin. */
    @ApplicationScoped
    @Priority(10)
    public static class Auth implements BeforeHandler {
        @Override
        public void beforeHandler(BeforeContext ctx) {
            if (mine(ctx) && ctx.method().equals("secret") && !ctx.session().getBoolean("admin")) {
                throw new PitayaException("AUTH-403", "admins only", Map.of("route", ctx.route()));
            }
        }
    }

    /** Second: appends its mark to the echo argument and writes to the request-scoped log. */
    @ApplicationScoped
    @Priority(100)
    public static class MarkA implements BeforeHandler {
        @Inject
        CallLog log;

        @Inject
        Session session;

        @Override
        public void beforeHandler(BeforeContext ctx) {
            if (!mine(ctx)) {
                return;
            }
            log.add("b100 saw session " + session.id());
            if (ctx.argument() instanceof PipeService.Text text) {
                ctx.setArgument(new PipeService.Text(text.msg() + "+b100"));
            }
        }
    }

    /** Third (priority 200 after 100): sees what {@link MarkA} made of the argument. */
    @ApplicationScoped
    @Priority(200)
    public static class MarkB implements BeforeHandler {
        @Inject
        CallLog log;

        @Override
        public void beforeHandler(BeforeContext ctx) {
            if (!mine(ctx)) {
                return;
            }
            log.add("b200");
            if (ctx.argument() instanceof PipeService.Text text) {
                ctx.setArgument(new PipeService.Text(text.msg() + "+b200"));
            }
        }
    }

    /** First after hook: wraps the echo result and records its place. */
    @ApplicationScoped
    @Priority(100)
    public static class WrapResult implements AfterHandler {
        @Override
        public void afterHandler(AfterContext ctx) {
            if (mine(ctx) && ctx.method().equals("echo") && !ctx.failed()) {
                Map<String, Object> wrapped = new LinkedHashMap<>();
                wrapped.put("result", ctx.result());
                wrapped.put("after", "a100");
                ctx.setResult(wrapped);
            }
        }
    }

    /** Second after hook: sees the first one's result, and sees and replaces the handler's error. */
    @ApplicationScoped
    @Priority(200)
    public static class SeeErrors implements AfterHandler {
        @Override
        @SuppressWarnings("unchecked")
        public void afterHandler(AfterContext ctx) {
            if (!mine(ctx)) {
                return;
            }
            if (ctx.error() instanceof PitayaException e && ctx.method().equals("fail")) {
                ctx.setError(new PitayaException("RH-002", "after hook saw " + e.code() + ": " + e.getMessage()));
            } else if (ctx.result() instanceof Map<?, ?> map && map.containsKey("after")) {
                Map<String, Object> next = new LinkedHashMap<>((Map<String, Object>) map);
                next.put("after", map.get("after") + ",a200");
                ctx.setResult(next);
            }
        }
    }
}
