package org.msde4j.embed;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs libtorch work with a fixed number of intra-op threads, on an operating-system thread of its own.
 *
 * <p>libtorch keeps part of its CPU state per thread. In its OpenMP build, {@code at::set_num_threads}
 * sets the OpenMP and MKL thread counts of the <em>calling</em> thread (and a process-wide default);
 * a thread reads that default only the first time it runs a parallel kernel; autograd's grad mode is
 * thread-local too. Work run on a caller's thread would start from whatever earlier work on that
 * thread left behind. A fresh thread starts from the process defaults every time, the count is set
 * before the first operation and holds for the whole work, and the process-wide default is put back
 * afterwards, so threads that start libtorch work later see what they would have seen without it.
 * The caller's own thread is never touched.
 */
final class LibtorchThreads {

    /** Work that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    private LibtorchThreads() {
    }

    /**
     * Runs {@code work} on a new thread named {@code name} with {@code threads} intra-op threads and
     * waits for it; its exceptions reach the caller unchanged.
     */
    static <T> T run(String name, int threads, Work<T> work) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("libtorch needs at least 1 intra-op thread, got " + threads + ".");
        }
        Engine.getEngine("PyTorch");
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            int before = JniUtils.getNumThreads();
            JniUtils.setNumThreads(threads);
            try {
                result.set(work.run());
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                JniUtils.setNumThreads(before);
            }
        }, name);
        worker.start();
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        if (e != null) {
            throw new IllegalStateException(name + " failed: " + e, e);
        }
        return result.get();
    }
}
