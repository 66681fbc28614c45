package io.switchboard.ivr.script;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the loops of a flow made only of steps that do not wait for the caller (Tarjan's strongly
 * connected components over those steps): each is a loop the engine could run through without pause.
 */
final class Cycles {
    private final Flow flow;
    private final Map<Step, Integer> index = new HashMap<>();
    private final Map<Step, Integer> low = new HashMap<>();
    private final Deque<Step> stack = new ArrayDeque<>();
    private final Set<Step> onStack = new LinkedHashSet<>();
    private final List<Set<Step>> found = new ArrayList<>();
    private int counter;

    Cycles(Flow flow) {
        this.flow = flow;
    }

    /** Each loop as its steps in file order. */
    List<Set<Step>> find() {
        for (Step s : flow.steps().values()) {
            if (!s.verb().waitsForCaller() && !index.containsKey(s)) {
                connect(s);
            }
        }
        found.sort(Comparator.comparingInt(c -> c.iterator().next().index()));
        return found;
    }

    private List<Step> edges(Step s) {
        return FlowValidator.successors(flow, s).stream().filter(n -> !n.verb().waitsForCaller()).toList();
    }

    private void connect(Step v) {
        index.put(v, counter);
        low.put(v, counter);
        counter++;
        stack.push(v);
        onStack.add(v);
        for (Step w : edges(v)) {
            if (!index.containsKey(w)) {
                connect(w);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<Step> component = new TreeSet<>(Comparator.comparingInt(Step::index));
            Step w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (w != v);
            if (component.size() > 1 || edges(v).contains(v)) {
                found.add(new LinkedHashSet<>(component));
            }
        }
    }

    /** "a → b → a": the shortest way around the loop from {@code first}. */
    static String path(Flow flow, Set<Step> cycle, Step first) {
        Map<Step, Step> from = new LinkedHashMap<>();
        Deque<Step> todo = new ArrayDeque<>();
        todo.add(first);
        Step end = null;
        while (!todo.isEmpty() && end == null) {
            Step s = todo.poll();
            for (Step n : FlowValidator.successors(flow, s)) {
                if (n == first) {
                    end = s;
                    break;
                }
                if (cycle.contains(n) && !from.containsKey(n)) {
                    from.put(n, s);
                    todo.add(n);
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Step s = end; s != null && s != first; s = from.get(s)) {
            names.add(0, s.name());
        }
        names.add(0, first.name());
        names.add(first.name());
        return String.join(" → ", names);
    }
}
