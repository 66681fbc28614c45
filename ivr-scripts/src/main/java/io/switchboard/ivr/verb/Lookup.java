package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Template;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code lookup: customer}: find the caller's customer record (name, VIP, language, last interactions) by
 * their number or channel id, into a variable. Not found: the variable is empty and the flow goes to
 * {@code notFound} (or on). The customer module answers once it exists; until then nobody is found.
 */
public record Lookup(Template key, String into, StepRef notFound, StepRef onFailure) implements Verb {

    static final VerbType TYPE = new VerbType("lookup", Set.of("key", "into", "notFound", "onFailure"), "customer",
            true, Lookup::parse);

    static Lookup parse(StepReader r) {
        String what = r.string("lookup", null);
        if (!"customer".equals(what)) {
            if (r.has("lookup")) {
                r.error(r.value("lookup"), "lookup can find a customer only: write lookup: customer");
            } else {
                r.missing("lookup", "what to look up: lookup: customer");
            }
        }
        Template key = r.template("key");
        if (key == null && !r.has("key")) {
            key = r.exprs().template(io.switchboard.ivr.source.ScalarSite.synthetic(r.problems().file(), "${caller}"),
                    r.problems());
        }
        return new Lookup(key, r.variable("into", "customer"), r.stepRef("notFound"), r.stepRef("onFailure"));
    }

    @Override
    public String name() {
        return "lookup";
    }

    @Override
    public List<StepRef> targets() {
        return Stream.of(notFound, onFailure).filter(Objects::nonNull).toList();
    }

    @Override
    public Execution execute(VerbContext ctx) throws FlowException {
        String k = key.render(ctx.scope());
        var found = ctx.customers().find(ctx.info().channel(), k);
        ctx.await(found, (record, failure) -> {
            if (failure != null) {
                String reason = "customer lookup failed: " + failure.getMessage();
                if (onFailure == null) {
                    ctx.fail(reason);
                } else {
                    ctx.set("error", reason);
                    ctx.goTo(onFailure);
                }
            } else if (record.isPresent()) {
                ctx.set(into, record.get());
                ctx.note("customer " + k + " found → " + into);
                ctx.next();
            } else {
                ctx.set(into, null);
                ctx.note("customer " + k + " not found");
                ctx.goTo(notFound);
            }
        });
        return () -> found.cancel(true);
    }
}
