package io.switchboard.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.config.ConfigException;
import io.switchboard.routing.numbering.Normalized;
import io.switchboard.routing.numbering.NumberNormalizer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point ({@code bin/switchboard}). Sub-commands: {@code run} (default),
 * {@code version}, {@code help}. Exit codes: 0 ok, 1 runtime failure, 2 bad usage or configuration.
 */
public final class Main {
    static final String VERSION = "0.1.0";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = "run";
        if (!rest.isEmpty() && !rest.get(0).startsWith("-")) {
            command = rest.remove(0);
        }
        switch (command) {
            case "version":
                out.println("switchboard " + VERSION);
                return 0;
            case "help":
                out.print(usage());
                return 0;
            case "config":
                out.print(configReference());
                return 0;
            case "run":
                return runSwitch(rest, err);
            case "number":
                return number(rest, out, err);
            case "tts":
                return TtsCommand.run(rest, out, err);
            case "ivr":
                return IvrCommand.run(rest, out, err);
            case "asr":
                return AsrCommand.run(rest, out, err);
            default:
                err.println("switchboard: unknown command '" + command + "'");
                err.print(usage());
                return 2;
        }
    }

    private static int runSwitch(List<String> args, PrintStream err) {
        Path conf = Path.of("conf");
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            String flag = a;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                flag = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (flag) {
                case "--conf", "--data", "--set" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            err.println("switchboard: " + flag + " needs a value");
                            return 2;
                        }
                        value = args.get(++i);
                    }
                    if (flag.equals("--conf")) {
                        conf = Path.of(value);
                    } else if (flag.equals("--data")) {
                        sets.add("data.dir=" + value);
                    } else {
                        sets.add(value);
                    }
                }
                case "-h", "--help" -> {
                    System.out.print(usage());
                    return 0;
                }
                default -> {
                    err.println("switchboard: unknown flag '" + a + "'");
                    err.print(usage());
                    return 2;
                }
            }
        }
        if (!Files.isDirectory(conf)) {
            err.println("switchboard: --conf " + conf + " is not a directory");
            return 2;
        }
        Switchboard sb;
        try {
            sb = Switchboard.start(Switchboard.loadConfig(conf, sets), conf);
        } catch (ConfigException e) {
            err.println("switchboard: configuration error: " + e.getMessage());
            return 2;
        } catch (StartupException e) {
            err.println("switchboard: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sb.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * {@code number [--json] TEXT}: normalises one number without starting the switch. Prints
     * {@code <national> <kind>} (E.164 for international numbers) and exits 0, or prints the reason to
     * stderr and exits 1; usage errors exit 2. Several arguments are joined with spaces, as typed.
     */
    private static int number(List<String> args, PrintStream out, PrintStream err) {
        boolean json = false;
        List<String> words = new ArrayList<>();
        boolean flags = true;
        for (String a : args) {
            if (flags && a.equals("--json")) {
                json = true;
            } else if (flags && a.equals("--")) {
                flags = false;
            } else if (flags && a.startsWith("--")) {
                err.println("switchboard: unknown flag '" + a + "' for number");
                err.print(usage());
                return 2;
            } else {
                words.add(a);
            }
        }
        if (words.isEmpty()) {
            err.println("switchboard: number needs the number to check, e.g. bin/switchboard number \"400-800-1234\"");
            err.print(usage());
            return 2;
        }
        String text = String.join(" ", words);
        Normalized result = new NumberNormalizer().normalize(text);
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("input", text);
        if (result instanceof Normalized.Valid valid) {
            if (json) {
                out.println(node.put("national", valid.national()).put("e164", valid.e164()).put("kind", valid.kind().label()));
            } else {
                out.println(valid.display() + " " + valid.kind().label());
            }
            return 0;
        }
        String reason = ((Normalized.Invalid) result).reason();
        if (json) {
            out.println(node.put("error", reason));
        }
        err.println("switchboard: invalid number \"" + text + "\": " + reason);
        return 1;
    }

    /** The configuration reference: one Markdown table row per key, generated from the declared keys. */
    static String configReference() {
        StringBuilder sb = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        List<io.switchboard.core.config.ConfigKey<?>> keys = new ArrayList<>(AppConfig.keys());
        keys.addAll(io.switchboard.sip.SipConfig.keys());
        keys.addAll(io.switchboard.media.MediaConfig.keys());
        keys.sort(java.util.Comparator.comparing(io.switchboard.core.config.ConfigKey::name));
        for (var k : keys) {
            sb.append("| `").append(k.name()).append("` | `").append(k.defaultText()).append("` | ")
                    .append(k.description()).append(" |\n");
        }
        return sb.toString();
    }

    static String usage() {
        return """
                Usage: bin/switchboard [COMMAND] [OPTIONS]

                Commands:
                  run        start the softswitch (default)
                  version    print the version
                  config     print every configuration key with its default and meaning
                  number     check a phone number: number [--json] "400-800-1234" prints "4008001234 hotline-400"
                  tts        speak a prompt into a WAV: tts --voice en-US|zh-CN [--rate 0.8] [--rate-hz 8000] -o out.wav "text or <speak>…</speak>"
                  ivr        IVR flows: ivr validate FILE...  |  ivr simulate FLOW --input 2 ...  (ivr help)
                  asr        transcribe a WAV file: asr in.wav [--grammar "a,b,c"] [--json] [--model DIR]
                  help       print this help

                Options for run:
                  --conf DIR         configuration directory (default: conf)
                  --data DIR         runtime data directory (same as --set data.dir=DIR)
                  --set KEY=VALUE    override any configuration key; repeatable
                                     (e.g. --set sip.port=5070 --set http.port=0)
                """;
    }
}
