package org.meridian.scenario.evaluation;

/**
 * Watches one evaluation from outside: told as work items finish, asked whether to stop. A
 * server shows the progress of a long run and lets its owner cancel it; the command line uses
 * {@link #NONE}.
 *
 * <p>Both methods are called from the evaluation's worker threads, possibly concurrently, between
 * work items (never inside one), so they must be thread-safe and quick. A cancelled evaluation
 * finishes the items already started and then fails with {@link EvaluationCancelledException};
 * cancelling never changes the numbers of an evaluation that completes.
 */
public interface EvaluationMonitor {
    /** Watches nothing and never cancels. */
    EvaluationMonitor NONE = new EvaluationMonitor() {
        @Override
        public void progress(int completed, int total) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /**
     * Called after each work item.
     *
     * @param completed items finished so far, 1 to {@code total}; calls from different threads may
     *     arrive out of order
     * @param total the items of the whole evaluation (scenarios × chunks)
     */
    void progress(int completed, int total);

    /** Polled before each work item is claimed; once true, no further item starts. */
    boolean cancelled();
}
