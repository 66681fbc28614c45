package io.switchboard.bench.routing;

/**
 * Heap per waiting task: the heap after a full GC with 10 000 agents (logged out, so nothing is
 * answered) and no tasks, then with 50 000 waiting tasks. Prints {@code memory_per_task=<bytes> B}.
 * The delta covers everything a task costs the engine: the task and its request, its place in the
 * line, in the queue's age index and in the task table, and the line structures themselves.
 */
public final class RoutingMemory {
    private RoutingMemory() {
    }

    public static void main(String[] args) {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int skills = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        RoutingScenario center = new RoutingScenario(agents, skills, false);
        long before = usedHeap();
        center.addTasks(tasks);
        long after = usedHeap();
        if (center.waiting() != tasks) {
            throw new IllegalStateException("expected " + tasks + " waiting tasks, got " + center.waiting());
        }
        System.out.printf("heap: %d agents, %d queues: %.1f MB; with %d waiting tasks: %.1f MB%n", agents, skills,
                before / 1e6, tasks, after / 1e6);
        System.out.println("memory_per_task=" + (after - before) / tasks + " B");
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
