package io.switchboard.routing.acd;

import io.switchboard.core.lane.Lane;

/** One agent being rung for one task, with its ring-timeout timer. Ring-all makes several per task. */
final class Offer {
    final Task task;
    final Agent agent;
    Lane.TimerHandle timer = Lane.TimerHandle.NONE;

    Offer(Task task, Agent agent) {
        this.task = task;
        this.agent = agent;
    }
}
