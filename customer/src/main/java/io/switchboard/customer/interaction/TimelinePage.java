package io.switchboard.customer.interaction;

import java.util.List;
import java.util.Optional;

/** One page of a customer's timeline, newest first, and the cursor of the next (older) page if there is one. */
public record TimelinePage(List<Interaction> items, Optional<TimelineCursor> next) {
    public TimelinePage {
        items = List.copyOf(items);
    }
}
