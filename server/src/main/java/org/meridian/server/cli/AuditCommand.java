package org.meridian.server.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.meridian.server.audit.AuditEncoding;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.ChainHead;
import org.meridian.server.audit.Verification;
import org.meridian.server.system.Failures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meridian audit}: check the audit log's hash chain, or export it for safekeeping. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Verify or export the append-only, hash-chained audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
final class AuditCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "an audit command is required");
    }

    static <T> T withLog(OfflineOptions data, java.util.function.Function<AuditLog, T> work) {
        try (OfflineCatalog catalog = data.openExisting()) {
            return work.apply(new AuditLog(catalog.dataSource(), Clock.systemUTC()));
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute every event's hash and check the chain end to end.",
                    "Exits 0 when intact; otherwise 1, naming the first bad sequence.",
                    "With --anchor SEQ:HASH (from an earlier export), also checks that event SEQ still has that hash, "
                            + "which catches a rewrite of the whole chain."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        OfflineOptions data;

        @Option(names = "--anchor", paramLabel = "SEQ:HASH", description = "A chain head recorded elsewhere earlier.")
        String anchor;

        @Override
        public Integer call() {
            Instant started = Instant.now();
            return withLog(data, log -> {
                Verification verification = log.verify();
                long millis = Duration.between(started, Instant.now()).toMillis();
                if (!verification.isIntact()) {
                    throw new IllegalStateException("audit log broken at event " + verification.firstBad().getAsLong()
                            + ": " + verification.problem() + " (" + verification.checked() + " events read)");
                }
                if (anchor != null) {
                    checkAnchor(log, anchor);
                }
                ChainHead head = verification.head();
                System.out.printf(Locale.ROOT, "audit log intact: %,d events, head %d:%s (%d ms)%n",
                        verification.checked(), head.sequence(), head.hash(), millis);
                return 0;
            });
        }

        private static void checkAnchor(AuditLog log, String anchor) {
            String[] parts = anchor.split(":", 2);
            long sequence;
            try {
                sequence = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--anchor must be SEQ:HASH, got '" + anchor + "'");
            }
            if (parts.length != 2) {
                throw new IllegalArgumentException("--anchor must be SEQ:HASH, got '" + anchor + "'");
            }
            String stored = log.hashAt(sequence).orElseThrow(() -> new IllegalStateException(
                    "audit log broken: anchored event " + sequence + " no longer exists"));
            if (!stored.equals(parts[1])) {
                throw new IllegalStateException("audit log broken: event " + sequence
                        + " no longer has the anchored hash (the chain was rewritten)");
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write every event as JSON lines, then the chain head to keep elsewhere as an anchor.",
                    "Each event carries both hashes; the last line is {\"chain_head\": {\"sequence\": N, \"hash\": H}}."})
    static final class Export implements Callable<Integer> {
        @Mixin
        OfflineOptions data;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: standard output).")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (out == null) {
                Writer writer = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                ChainHead head = export(writer);
                writer.flush();
                System.err.println("exported " + head.sequence() + " events, head " + head.sequence() + ":" + head.hash());
                return 0;
            }
            if (Files.isDirectory(out)) {
                // Else the failure would name the file written aside, which the operator never gave.
                throw new IllegalArgumentException("--out: " + out + " is a directory; name a file in it");
            }
            // Written aside and moved into place, so a failed export never leaves half a file.
            Path partial = out.resolveSibling(out.getFileName() + ".partial");
            ChainHead head;
            try {
                try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                    head = export(writer);
                }
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.deleteIfExists(partial);
                throw new IllegalArgumentException("--out: cannot write " + out + ": " + Failures.rootMessage(e), e);
            } catch (RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            System.err.println("exported " + head.sequence() + " events to " + out + ", head " + head.sequence() + ":"
                    + head.hash());
            return 0;
        }

        private ChainHead export(Writer writer) {
            AuditEncoding encoding = new AuditEncoding();
            return withLog(data, log -> {
                ChainHead head = log.head();
                log.forEachUpTo(head.sequence(), event -> writeLine(writer, encoding.exportLine(event)));
                writeLine(writer, encoding.chainHeadLine(head));
                return head;
            });
        }

        private static void writeLine(Writer writer, String line) {
            try {
                writer.write(line);
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
