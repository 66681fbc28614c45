package io.switchboard.ivr.verb;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every verb a flow may use, by keyword, in the order the documentation presents them. */
public final class Verbs {
    private static final Map<String, VerbType> ALL = new LinkedHashMap<>();

    static {
        for (VerbType t : new VerbType[] {Say.TYPE, Play.TYPE, Gather.TYPE, Menu.TYPE, SetVars.TYPE, If.TYPE,
            Switch.TYPE, Http.TYPE, Lookup.TYPE, Enqueue.TYPE, Dial.TYPE, Record.TYPE, Goto.TYPE, Subflow.TYPE,
            Return.TYPE, Tag.TYPE, Hangup.TYPE}) {
            ALL.put(t.name(), t);
        }
    }

    private Verbs() {
    }

    /** Keyword → verb type. */
    public static Map<String, VerbType> all() {
        return ALL;
    }
}
