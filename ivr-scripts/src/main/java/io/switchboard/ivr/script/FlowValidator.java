package io.switchboard.ivr.script;

import io.switchboard.ivr.source.Problems;
import io.switchboard.ivr.source.Suggest;
import io.switchboard.ivr.verb.StepRef;
import io.switchboard.ivr.verb.Subflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks how a parsed flow's steps connect: every step named exists, every step can be reached from
 * {@code start} (or {@code on_error}), no loop runs forever without waiting for the caller, and every
 * subflow exists.
 */
public final class FlowValidator {
    private FlowValidator() {
    }

    /** Checks the steps of {@code flow}. */
    public static void check(Flow flow, Problems problems) {
        check(flow, Set.of(), problems);
    }

    /**
     * Checks the steps of {@code flow}, some of which were too {@code broken} to build: references to them
     * are not reported, and reachability and loops are checked once they are fixed.
     */
    public static void check(Flow flow, Set<String> broken, Problems problems) {
        boolean refsOk = references(flow, broken, problems);
        if (refsOk && broken.isEmpty()) {
            reachability(flow, problems);
            loops(flow, problems);
        }
    }

    /** Checks that every flow {@code flow} runs as a subflow is among {@code known}. */
    public static void checkSubflows(Flow flow, Set<String> known, Problems problems) {
        for (Step s : flow.steps().values()) {
            if (s.verb() instanceof Subflow sub && sub.flow() != null) {
                if (sub.flow().equals(flow.name())) {
                    problems.error(sub.at(), "flow '" + flow.name() + "' cannot run itself as a subflow: use goto");
                } else if (!known.contains(sub.flow())) {
                    problems.error(sub.at(), "there is no flow called '" + sub.flow() + "'"
                            + Suggest.didYouMean(sub.flow(), known));
                }
            }
        }
    }

    private static boolean references(Flow flow, Set<String> broken, Problems problems) {
        boolean ok = true;
        List<StepRef> refs = new ArrayList<>();
        if (flow.start() != null) {
            refs.add(flow.start());
        }
        if (flow.onError() != null) {
            refs.add(flow.onError());
        }
        for (Step s : flow.steps().values()) {
            refs.addAll(s.verb().targets());
            if (s.next() != null) {
                refs.add(s.next());
            }
        }
        for (StepRef r : refs) {
            if (flow.step(r.step()) == null && !broken.contains(r.step())) {
                problems.error(r.at(), "there is no step called '" + r.step() + "'"
                        + Suggest.didYouMean(r.step(), flow.steps().keySet()));
                ok = false;
            }
        }
        return ok && flow.start() != null;
    }

    /** The steps {@code s} can go to. */
    static List<Step> successors(Flow flow, Step s) {
        List<Step> out = new ArrayList<>();
        for (StepRef r : s.verb().targets()) {
            out.add(flow.step(r.step()));
        }
        if (s.verb().continues()) {
            Step after = flow.successor(s);
            if (after != null) {
                out.add(after);
            }
        }
        return out;
    }

    private static void reachability(Flow flow, Problems problems) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<Step> todo = new ArrayDeque<>();
        todo.add(flow.step(flow.start().step()));
        if (flow.onError() != null) {
            todo.add(flow.step(flow.onError().step()));
        }
        while (!todo.isEmpty()) {
            Step s = todo.poll();
            if (reached.add(s.name())) {
                todo.addAll(successors(flow, s));
            }
        }
        for (Step s : flow.steps().values()) {
            if (!reached.contains(s.name())) {
                problems.error(s.at(), "step '" + s.name() + "' is never reached: no step leads to it "
                        + "(point a 'next', an option or a goto at it, or remove it)");
            }
        }
    }

    private static void loops(Flow flow, Problems problems) {
        for (Set<Step> cycle : new Cycles(flow).find()) {
            Step first = cycle.iterator().next();
            String path = Cycles.path(flow, cycle, first);
            boolean exit = cycle.stream().anyMatch(s -> successors(flow, s).stream().anyMatch(n -> !cycle.contains(n))
                    || (s.verb().continues() && flow.successor(s) == null));
            if (exit) {
                problems.warning(first.at(), "these steps may repeat without waiting for the caller: " + path
                        + "; make sure the loop ends (the call is stopped after too many steps)");
            } else {
                problems.error(first.at(), "these steps repeat forever without waiting for the caller: " + path
                        + "; add a menu or gather to the loop, or end it");
            }
        }
    }
}
