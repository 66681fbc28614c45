package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Text;
import io.switchboard.ivr.source.Suggest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * {@code menu}: a prompt and a list of options, each a key and/or words to say, leading to a step — the
 * short way to write a gather and a switch. On text channels typing the key or one of the words works.
 */
public record Menu(Ask ask, List<Option> options, String into) implements Verb {

    static final VerbType TYPE = new VerbType("menu", Set.of("options", "input", "language", "voice", "bargeIn",
            "timeout", "speechTimeout", "retries", "noInputPrompt", "noMatchPrompt", "noInput", "noMatch", "into"),
            null, false, Menu::parse);
    private static final Set<String> OPTION_FIELDS = Set.of("key", "phrases", "next");

    /** One choice: a key (0-9, *, #) and/or phrases, and the step it leads to. */
    public record Option(String key, List<String> phrases, StepRef next) {
    }

    static Menu parse(StepReader r) {
        Text prompt = r.text("menu");
        if (!r.has("menu")) {
            r.missing("menu", "the prompt that lists the choices, e.g. menu: \"For sales press 1\"");
        }
        List<Option> options = new ArrayList<>();
        Node list = r.value("options");
        if (list == null) {
            r.missing("options", "the choices, each with a key or phrases and a next step");
        } else if (!(list instanceof SequenceNode seq)) {
            r.error(list, "'options' must be a list: start each option with '- key: ...'");
        } else {
            Map<String, Node> keys = new HashMap<>();
            for (Node item : seq.getValue()) {
                Option o = option(r, item, keys);
                if (o != null) {
                    options.add(o);
                }
            }
        }
        boolean anyPhrases = options.stream().anyMatch(o -> !o.phrases().isEmpty());
        boolean dtmf = true;
        boolean speech = anyPhrases;
        if (r.has("input")) {
            List<String> kinds = r.strings("input");
            dtmf = kinds.contains("dtmf");
            speech = kinds.contains("speech");
            if (kinds.stream().anyMatch(k -> !k.equals("dtmf") && !k.equals("speech"))) {
                r.error(r.value("input"), "'input' takes dtmf, speech or [dtmf, speech]");
            }
        }
        List<String> phrases = options.stream().flatMap(o -> o.phrases().stream()).toList();
        Ask ask = Ask.read(r, prompt, dtmf, speech, phrases, 1, 1, null);
        return new Menu(ask, List.copyOf(options), r.variable("into", null));
    }

    private static Option option(StepReader r, Node item, Map<String, Node> keys) {
        if (!(item instanceof MappingNode m)) {
            r.error(item, "each option needs a key or phrases and a next step, like: - { key: 1, next: sales }");
            return null;
        }
        String key = null;
        boolean keyWritten = false;
        List<String> phrases = new ArrayList<>();
        StepRef next = null;
        for (NodeTuple t : m.getValue()) {
            String field = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            Node v = t.getValueNode();
            switch (field) {
                case "key" -> {
                    keyWritten = true;
                    ScalarNode s = r.scalar(v, "key", "one key");
                    if (s != null && !s.getValue().matches("[0-9*#]")) {
                        r.error(v, "an option's key must be one key: 0-9, * or #");
                    } else if (s != null && keys.putIfAbsent(s.getValue(), v) != null) {
                        r.error(v, "key " + s.getValue() + " is used by two options of this menu");
                    } else if (s != null) {
                        key = s.getValue();
                    }
                }
                case "phrases" -> {
                    if (v instanceof SequenceNode seq) {
                        seq.getValue().forEach(p -> {
                            ScalarNode s = r.scalar(p, "phrases", "a word or words");
                            if (s != null) {
                                phrases.add(s.getValue());
                            }
                        });
                    } else {
                        ScalarNode s = r.scalar(v, "phrases", "a list of words");
                        if (s != null) {
                            phrases.add(s.getValue());
                        }
                    }
                }
                case "next" -> next = r.stepRefOf(v, "next");
                default -> r.error(t.getKeyNode(), "unknown field '" + field + "' in a menu option"
                        + Suggest.didYouMean(field, OPTION_FIELDS) + "; an option has key, phrases and next");
            }
        }
        if (next == null) {
            r.error(item, "this option needs 'next': the step to go to when it is chosen");
        }
        if (!keyWritten && phrases.isEmpty()) {
            r.error(item, "this option needs a key or phrases");
        }
        return next == null ? null : new Option(key, List.copyOf(phrases), next);
    }

    @Override
    public String name() {
        return "menu";
    }

    @Override
    public List<StepRef> targets() {
        return Stream.concat(options.stream().map(Option::next), ask.targets().stream()).toList();
    }

    @Override
    public boolean continues() {
        return false;
    }

    @Override
    public boolean waitsForCaller() {
        return true;
    }

    @Override
    public Execution execute(VerbContext ctx) throws FlowException {
        return new Collector(ctx, ask, (type, heard, confidence) -> {
            Option chosen = choose(type, heard);
            if (chosen == null) {
                ctx.note("'" + heard + "' is not an option");
                return false;
            }
            String value = chosen.key() != null ? chosen.key() : chosen.phrases().get(0);
            ctx.set("input", Map.of("type", type, "value", heard, "confidence", confidence));
            if (into != null) {
                ctx.set(into, value);
            }
            ctx.note("option " + value + " → " + chosen.next().step());
            ctx.goTo(chosen.next());
            return true;
        }).start();
    }

    private Option choose(String type, String heard) {
        for (Option o : options) {
            if (o.key() != null && o.key().equals(heard)) {
                return o;
            }
        }
        if (type.equals("dtmf")) {
            return null;
        }
        for (Option o : options) {
            if (Phrases.match(heard, o.phrases()) != null) {
                return o;
            }
        }
        return null;
    }
}
